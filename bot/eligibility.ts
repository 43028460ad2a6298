/**
 * What plans a customer whose order failed can get instead. Eligibility (age, delivery province,
 * operator) is worked out from the order each time it is needed and never stored: the age comes
 * from the ID number's birth date, so keep it out of DialogVars and logs.
 *
 * Which failure codes have plan alternatives (../shared/DOMAIN.md, column "alternatives"):
 *   AREA_FORBIDDEN                         plans that ship to the delivery province
 *   AGE_RESTRICTED                         plans whose age range includes the customer's age
 *   ID_QUOTA_EXCEEDED, FREQ_LIMIT,
 *   BLACKLIST_ARREARS, RISK_CONTROL        plans of another operator (the limit is per operator)
 *   PLAN_UNAVAILABLE, OUT_OF_STOCK         similar plans on sale (another plan than the original)
 * Every other code is fixed by the customer (new details, new address, wait, pay, activate) or by
 * a person, so it gets no offers.
 */
import type { FailureCode } from './knowledge/schemas.js';
import { describeIdNumber } from './nlu/id-number.js';
import { extractOperators, OPERATORS, type Operator } from './nlu/operators.js';
import { CITIES, PROVINCES } from './nlu/regions.js';
import type { OrderView } from './order-view.js';
import type { Plan, PlanCatalogue } from './plans.js';
import type { Order } from './core/ports/order-source.js';
import type { Amount } from './core/dialog.js';

export interface Eligibility {
  /** Whole years as of today in Beijing; only from an unmasked ID number (an Order). */
  age?: number;
  /** Short name of the delivery province (广东, 新疆). */
  province?: string;
  operator?: Operator;
}

/** An operator's short name from any way of naming it ("中国移动", "China Mobile"), by the NLU's own lexicon. */
export function normaliseOperator(raw: string | null | undefined): Operator | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  if ((OPERATORS as readonly string[]).includes(s)) return s as Operator;
  return extractOperators(s)[0]?.value as Operator | undefined;
}

/** The short province name in a province field or the start of an address (广东省深圳市… → 广东). */
export function normaliseProvince(raw: string | null | undefined): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  const lower = s.toLowerCase();
  for (const p of PROVINCES) {
    if (s.startsWith(p.name) || p.zh.some((z) => s.startsWith(z)) || p.en.includes(lower)) return p.name;
  }
  return CITIES.find(([city]) => s.startsWith(city))?.[1];
}

function isOrder(o: Order | OrderView): o is Order {
  return 'contactPhone' in o;
}

/**
 * Age, delivery province and operator of an order's customer. From an OrderView (masked data) the
 * age stays unknown; the province comes from the Province field, else the start of the address.
 */
export function eligibility(order: Order | OrderView, today: Date | string = new Date()): Eligibility {
  const out: Eligibility = {};
  if (isOrder(order)) {
    const age = order.idNumber ? describeIdNumber(order.idNumber, today)?.age : undefined;
    if (age !== undefined) out.age = age;
    const province =
      normaliseProvince(order.province) ?? normaliseProvince(order.city) ?? normaliseProvince(order.address);
    if (province) out.province = province;
    const operator = normaliseOperator(order.operator);
    if (operator) out.operator = operator;
  } else {
    const province = normaliseProvince(order.province) ?? normaliseProvince(order.masked.address);
    if (province) out.province = province;
    const operator = normaliseOperator(order.operator);
    if (operator) out.operator = operator;
  }
  return out;
}

/** Why an offer fits; dialogs/alternatives.ts turns each into a sentence from knowledge/replies.json. */
export type WhyReason =
  | { code: 'ships_to'; province: string }
  | { code: 'age_range'; ageMin: number; ageMax: number }
  | { code: 'other_operator'; operator: string }
  | { code: 'on_sale' }
  | { code: 'same_operator'; operator: string }
  | { code: 'cheaper'; saving: number }
  | { code: 'more_data'; extraGB: number }
  | { code: 'operator'; operator: string }
  | { code: 'minutes'; minutes: number };

export interface Offer {
  plan: Plan;
  why: WhyReason[];
  orderUrl: string;
}

/**
 * What the customer asked of a plan, for both queries: operators, a first top-up, the monthly fee and
 * the data (Amount: lt, le, eq, about, ge, gt; `near` only orders), and what comes first.
 */
export interface PlanWants {
  /** Only this operator's plans (the customer asked for one). */
  operator?: Operator;
  /** Only these operators' plans (several will do: 电信移动都行). */
  operators?: readonly Operator[];
  /** Cheapest, most data or most call minutes first (otherwise closest to the original plan, or cheapest). */
  prefer?: 'cheap' | 'data' | 'minutes';
  /** Only plans that need no first top-up. */
  noFirstTopUp?: boolean;
  /** The monthly fee, in yuan. */
  fee?: Amount;
  /** The data, in GB. */
  data?: Amount;
  /** Not this operator's plans (the customer does not want them). */
  notOperator?: Operator;
  /** Plans not to offer again (already shown). */
  exclude?: ReadonlySet<string>;
  /**
   * Nothing fits the fee and data asked for: the plans closest to them instead (every other
   * condition still holds), the closest first (see `amountMiss`).
   */
  nearest?: boolean;
}

export interface AlternativesQuery extends PlanWants {
  failureCode: FailureCode | null;
  /** The plan the failed order was for (ProductID); may be missing from the catalogue. */
  originalPlanId?: string | null;
  eligibility: Eligibility;
  /** Kept for callers that re-derive eligibility; the rules themselves do not depend on the date. */
  today?: Date | string;
}

type Rule = 'province' | 'age' | 'other_operator' | 'other_plan';

const RULES: Partial<Record<FailureCode, Rule>> = {
  AREA_FORBIDDEN: 'province',
  AGE_RESTRICTED: 'age',
  ID_QUOTA_EXCEEDED: 'other_operator',
  FREQ_LIMIT: 'other_operator',
  BLACKLIST_ARREARS: 'other_operator',
  RISK_CONTROL: 'other_operator',
  PLAN_UNAVAILABLE: 'other_plan',
  OUT_OF_STOCK: 'other_plan',
};

/** The failure codes that get plan offers. */
export const CODES_WITH_ALTERNATIVES: readonly FailureCode[] = Object.keys(RULES) as FailureCode[];

export function hasAlternatives(code: FailureCode | null | undefined): boolean {
  return Boolean(code && RULES[code]);
}

export function shipsTo(plan: Plan, province: string): boolean {
  return !plan.excludedProvinces.includes(province);
}

export function ageFits(plan: Plan, age: number): boolean {
  return age >= plan.ageMin && age <= plan.ageMax;
}

/** Whether the customer can have the plan as far as we know (unknown age/province: no check). */
export function isEligible(plan: Plan, e: Eligibility): boolean {
  return (
    plan.onSale &&
    (e.age === undefined || ageFits(plan, e.age)) &&
    (e.province === undefined || shipsTo(plan, e.province))
  );
}

/**
 * Distance from the original plan: a dearer plan counts more than a cheaper one, less data more
 * than more data, another operator a little (the customer chose that one). 0 is the same plan.
 */
function distance(p: Plan, orig: Plan | undefined): number {
  if (!orig) return p.monthlyFee / 100; // nothing to compare with: cheapest first
  const fee = p.monthlyFee - orig.monthlyFee;
  const data = p.dataGB - orig.dataGB;
  const feeBase = Math.max(orig.monthlyFee, 1);
  const dataBase = Math.max(orig.dataGB, 1);
  return (
    (fee > 0 ? fee / feeBase : (-fee / feeBase) * 0.5) +
    (data < 0 ? (-data / dataBase) * 0.5 : (data / dataBase) * 0.2) +
    (p.operator === orig.operator ? 0 : 0.3)
  );
}

function reasons(rule: Rule, p: Plan, e: Eligibility, orig: Plan | undefined): WhyReason[] {
  const why: WhyReason[] = [];
  if (rule === 'province' && e.province) why.push({ code: 'ships_to', province: e.province });
  if (rule === 'age') why.push({ code: 'age_range', ageMin: p.ageMin, ageMax: p.ageMax });
  if (rule === 'other_operator') why.push({ code: 'other_operator', operator: p.operator });
  if (rule === 'other_plan') why.push({ code: 'on_sale' });
  if (orig) {
    if (rule !== 'other_operator' && p.operator === orig.operator)
      why.push({ code: 'same_operator', operator: p.operator });
    if (p.monthlyFee < orig.monthlyFee) why.push({ code: 'cheaper', saving: orig.monthlyFee - p.monthlyFee });
    if (p.dataGB > orig.dataGB) why.push({ code: 'more_data', extraGB: p.dataGB - orig.dataGB });
  }
  return why;
}

/**
 * Up to `limit` plans the customer could order instead, closest to the original first. Only plans
 * on sale, other than the original, that would not fail for the same reason and that the customer
 * is eligible for where their age and province are known. [] for codes without alternatives and
 * when the fact the rule needs is unknown (no province for AREA_FORBIDDEN, no age for AGE_RESTRICTED,
 * no operator for the per-operator limits).
 */
export function alternatives(catalogue: PlanCatalogue, q: AlternativesQuery, limit = 3): Offer[] {
  const rule = q.failureCode ? RULES[q.failureCode] : undefined;
  if (!rule || limit <= 0) return [];
  const e = q.eligibility;
  const orig = q.originalPlanId ? catalogue.byId.get(q.originalPlanId) : undefined;
  const operator = e.operator ?? orig?.operator;
  if (rule === 'province' && !e.province) return [];
  if (rule === 'age' && e.age === undefined) return [];
  if (rule === 'other_operator' && !operator) return [];

  return catalogue.plans
    .filter((p) => p.id !== q.originalPlanId && isEligible(p, e) && !q.exclude?.has(p.id))
    .filter((p) => rule !== 'other_operator' || p.operator !== operator)
    .filter((p) => wanted(p, q))
    .map((p, i) => ({ p, i, d: distance(p, orig) }))
    .sort((a, b) => preferred(a.p, b.p, q) || a.d - b.d || a.p.monthlyFee - b.p.monthlyFee || a.i - b.i)
    .slice(0, limit)
    .map(({ p }) => ({ plan: p, why: [...reasons(rule, p, e, orig), ...minutes(p, q)], orderUrl: p.orderUrl }));
}

/** How far a fee may be from one asked for "左右" (yuan), and data (a share of the GB asked for). */
const FEE_ABOUT = 5;
const DATA_ABOUT = 0.3;

function fits(a: Amount | undefined, x: number, about: number): boolean {
  if (!a) return true;
  switch (a.op) {
    case 'lt':
      return x < a.value;
    case 'le':
      return x <= a.value;
    case 'eq':
      return x === a.value;
    case 'about':
      return Math.abs(x - a.value) <= about;
    case 'ge':
      return x >= a.value;
    case 'gt':
      return x > a.value;
    case 'near':
      return true;
    case 'between':
      return x >= a.value && x <= (a.to ?? a.value);
  }
}

/** How far `x` is from what `a` asks, as a share of the number asked (0: it fits). */
function missBy(a: Amount | undefined, x: number, about: number): number {
  if (!a || fits(a, x, about)) return 0;
  const base = Math.max(a.value, 1);
  switch (a.op) {
    case 'lt':
    case 'le':
      return (x - a.value + (a.op === 'lt' ? 1 : 0)) / base;
    case 'ge':
    case 'gt':
      return (a.value - x + (a.op === 'gt' ? 1 : 0)) / base;
    case 'between':
      return x < a.value ? (a.value - x) / base : (x - (a.to ?? a.value)) / Math.max(a.to ?? a.value, 1);
    default:
      return Math.abs(x - a.value) / base;
  }
}

/** How far a plan is from the fee and data asked for (0 when it has both), for "the closest are…". */
export function amountMiss(p: Plan, q: Pick<PlanWants, 'fee' | 'data'>): number {
  return missBy(q.fee, p.monthlyFee, FEE_ABOUT) + missBy(q.data, p.dataGB, q.data ? q.data.value * DATA_ABOUT : 0);
}

/** Whether a plan is one the customer asked for: their operators (not one they refused), no first top-up, fee and data (unless the nearest are asked for). */
function wanted(p: Plan, q: PlanWants): boolean {
  return (
    (!q.operator || p.operator === q.operator) &&
    (!q.operators?.length || q.operators.includes(p.operator)) &&
    p.operator !== q.notOperator &&
    (!q.noFirstTopUp || !p.firstTopUp) &&
    (q.nearest ||
      (fits(q.fee, p.monthlyFee, FEE_ABOUT) && fits(q.data, p.dataGB, q.data ? q.data.value * DATA_ABOUT : 0)))
  );
}

/** Orders two plans by what the customer asked: the nearest to fee and data asked, then closest to "左右" and "差不多", then what they prefer (0 when equal on all). */
function preferred(a: Plan, b: Plan, q: PlanWants): number {
  const near = (p: Plan) =>
    (q.fee?.op === 'about' ? Math.abs(p.monthlyFee - q.fee.value) / Math.max(q.fee.value, 1) : 0) +
    (q.data?.op === 'about' || q.data?.op === 'near'
      ? Math.abs(p.dataGB - q.data.value) / Math.max(q.data.value, 1)
      : 0);
  return (
    (q.nearest ? amountMiss(a, q) - amountMiss(b, q) : 0) ||
    near(a) - near(b) ||
    (q.prefer === 'cheap' ? a.monthlyFee - b.monthlyFee : 0) ||
    (q.prefer === 'data' ? b.dataGB - a.dataGB : 0) ||
    (q.prefer === 'minutes' ? (b.minutes ?? 0) - (a.minutes ?? 0) : 0)
  );
}

/** A plan's call minutes, said when the customer puts them first. */
function minutes(p: Plan, q: PlanWants): WhyReason[] {
  return q.prefer === 'minutes' ? [{ code: 'minutes', minutes: p.minutes ?? 0 }] : [];
}

/** The operator a per-operator limit applies to (一证五号, frequency limits, arrears, risk control): the original plan's. */
export function blockedOperator(
  code: FailureCode | null | undefined,
  order: { operator?: Operator },
  orig?: Plan,
): Operator | undefined {
  return code && RULES[code] === 'other_operator' ? (order.operator ?? orig?.operator) : undefined;
}

export interface CatalogueQuery extends PlanWants {
  /** What the customer said of themselves: an age, a delivery province. */
  eligibility: Eligibility;
}

/**
 * Up to `limit` plans on sale for a customer with no failed order to go by ("你们有什么套餐",
 * "新疆能办吗", "我15岁能办吗"): those their age and province allow where they gave them, of the
 * operator they asked for, cheapest (or most data) first, each with the facts that make it fit.
 */
export function plansOnSale(catalogue: PlanCatalogue, q: CatalogueQuery, limit = 3): Offer[] {
  const e = q.eligibility;
  return catalogue.plans
    .filter((p) => isEligible(p, e) && wanted(p, q) && !q.exclude?.has(p.id))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => preferred(a.p, b.p, q) || a.p.monthlyFee - b.p.monthlyFee || a.i - b.i)
    .slice(0, Math.max(0, limit))
    .map(({ p }) => {
      const why: WhyReason[] = [];
      if (e.province) why.push({ code: 'ships_to', province: e.province });
      if (e.age !== undefined) why.push({ code: 'age_range', ageMin: p.ageMin, ageMax: p.ageMax });
      if (q.operator || q.operators?.length) why.push({ code: 'operator', operator: p.operator });
      return { plan: p, why: [...why, ...minutes(p, q)], orderUrl: p.orderUrl };
    });
}
