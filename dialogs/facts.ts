/**
 * The facts of a verified order that answers are filled from: the plan as the catalogue has it, the
 * delivery province, the customer's age from the ID's birth date (worked out for this turn only,
 * never kept), the waiting period the remark states, the policy change that stopped the order, the
 * courier, and whether a card was issued. Templates in knowledge/ name them as `{province}`,
 * `{ageMin}`…; `fill` says the first variant whose every fact is known.
 */
import { eligibility, normaliseProvince } from '../bot/eligibility.js';
import type { CompiledReason, Knowledge } from '../bot/knowledge/loader.js';
import type { FailureCode, Template } from '../bot/knowledge/schemas.js';
import type { Entity } from '../bot/nlu/entities.js';
import type { Locale } from '../bot/locale.js';
import { PROVINCES } from '../bot/nlu/regions.js';
import type { OrderView } from '../bot/order-view.js';
import { maskPhone, maskText } from '../bot/pii.js';
import {
  beijingDate,
  policyChange,
  type Plan,
  type PlanCatalogue,
  type PolicyChange,
  type PolicyEntry,
} from '../bot/plans.js';
import type { Order } from '../bot/core/ports/order-source.js';
import { t } from '../bot/core/texts.js';

export interface OrderFacts {
  view: OrderView;
  reason?: CompiledReason;
  /** The ordered plan, when the catalogue has it. */
  plan?: Plan;
  /** Whole years today, from the ID number's birth date; unknown without one. */
  age?: number;
  /** Days of the waiting window the remark states ("30天内…超限"). */
  days?: number;
  /** The plan's change that stopped the order (on or after the order's day, not after today). */
  change: PolicyChange | null;
  /** Without one, the plan's last change before the order (it was already withdrawn or changed when ordered). */
  earlier?: PolicyEntry;
  /** A card reached, or is on its way to, the customer: its number may be shown. */
  cardIssued: boolean;
}

const WAIT_DAYS = /(\d{1,3})\s*(?:天|日|days?)/i;

export function orderFacts(order: Order, view: OrderView, k: Knowledge, plans: PlanCatalogue, now: Date): OrderFacts {
  const reason = view.failureCode ? k.reasons.get(view.failureCode) : undefined;
  const plan = view.productId ? plans.byId.get(view.productId) : undefined;
  const days = view.remark ? Number(WAIT_DAYS.exec(view.remark)?.[1]) : NaN;
  const change = plan ? policyChange(plan, view.createdAt, now) : null;
  const ordered = view.createdAt ? beijingDate(view.createdAt) : undefined;
  return {
    view,
    reason,
    plan,
    age: eligibility(order, now).age,
    days: Number.isInteger(days) && days > 0 ? days : undefined,
    change,
    earlier: change || !plan || !ordered ? undefined : plan.policyHistory.filter((e) => e.date < ordered).at(-1),
    cardIssued: k.statuses.cardIssued.includes(view.status) || reason?.cardIssued === true,
  };
}

const OPERATOR_EN: Record<string, string> = {
  移动: 'China Mobile',
  联通: 'China Unicom',
  电信: 'China Telecom',
  广电: 'China Broadnet',
};
const titleCase = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

export function operatorName(op: string, locale: Locale): string {
  return locale === 'en' ? (OPERATOR_EN[op] ?? op) : op;
}

export function provinceName(name: string, locale: Locale): string {
  if (locale !== 'en') return name;
  const en = PROVINCES.find((p) => p.name === name)?.en[0];
  return en ? titleCase(en) : name;
}

/** `29元/月` as `¥29/month` in English; other catalogue values as they are. */
export function feeText(value: string, locale: Locale): string {
  const fee = /^(\d+(?:\.\d+)?)\s*元(?:\/月)?$/.exec(value);
  return locale === 'en' && fee ? `¥${fee[1]}/month` : value;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last change of `kind` that put `value` on the plan's list ("云南" into the provinces it does not ship to). */
function sinceWhen(plan: Plan | undefined, kind: 'area' | 'age_range', province?: string): string | undefined {
  return plan?.policyHistory
    .filter(
      (e) =>
        e.change === kind &&
        (kind !== 'area' || (province !== undefined && e.to.includes(province) && !e.from.includes(province))),
    )
    .at(-1)?.date;
}

export type Params = Record<string, string | number>;

/** Every fact `factParams` can give, as templates name them. Only `orderNo` is always known. */
export const FACT_NAMES = [
  'orderNo',
  'plan',
  'ageMin',
  'ageMax',
  'firstTopUp',
  'province',
  'age',
  'days',
  'orderDate',
  'until',
  'operator',
  'hotline',
  'remark',
  'courier',
  'tracking',
  'issued',
  'since',
  'date',
  'change',
  'newFee',
  'earlierDate',
  'earlierChange',
] as const;

/** The facts as template parameters, in the reader's language; a fact that is unknown is left out. */
export function factParams(f: OrderFacts, k: Knowledge, locale: Locale): Params {
  const v = f.view;
  const out: Params = { orderNo: v.orderNo };
  const province = normaliseProvince(v.province) ?? normaliseProvince(v.masked.address);
  if (f.plan) {
    out.plan = f.plan.name;
    out.ageMin = f.plan.ageMin;
    out.ageMax = f.plan.ageMax;
    if (f.plan.firstTopUp) out.firstTopUp = f.plan.firstTopUp;
  } else if (v.productName) {
    out.plan = v.productName;
  }
  if (province) out.province = provinceName(province, locale);
  if (f.age !== undefined) out.age = f.age;
  if (f.days !== undefined) out.days = f.days;
  const ordered = v.createdAt ? beijingDate(v.createdAt) : undefined;
  if (ordered) {
    out.orderDate = ordered;
    if (f.days !== undefined) out.until = addDays(ordered, f.days);
  }
  if (v.operator) {
    out.operator = operatorName(v.operator, locale);
    const hotline = k.hotlines[v.operator];
    if (hotline) out.hotline = hotline;
  }
  // The platform's own words, masked (a remark may hold a phone or an ID) and kept short.
  if (v.remark) out.remark = maskText(v.remark).slice(0, 60);
  if (v.express) {
    out.courier = v.express.name;
    out.tracking = v.express.code;
  }
  if (f.cardIssued && v.issuedNumber) out.issued = maskPhone(v.issuedNumber);
  const since =
    v.failureCode === 'AREA_FORBIDDEN'
      ? sinceWhen(f.plan, 'area', province)
      : v.failureCode === 'AGE_RESTRICTED'
        ? sinceWhen(f.plan, 'age_range')
        : undefined;
  if (since) out.since = since;
  if (f.change) {
    out.date = f.change.date;
    out.change = t(k, locale, `policy_short_${f.change.change}`, {
      from: feeText(f.change.from, locale),
      to: feeText(f.change.to, locale),
    });
    if (f.change.change === 'repriced' && f.plan?.onSale) out.newFee = feeText(f.change.to, locale);
  }
  if (f.earlier) {
    out.earlierDate = f.earlier.date;
    out.earlierChange = t(k, locale, `policy_short_${f.earlier.change}`, {
      from: feeText(f.earlier.from, locale),
      to: feeText(f.earlier.to, locale),
    });
  }
  return out;
}

/** The first variant of a template whose every placeholder has a value, filled. */
export function fill(template: Template, params: Params): string {
  const variants = typeof template === 'string' ? [template] : template;
  const known = (v: string) => [...v.matchAll(/\{(\w+)\}/g)].every((m) => m[1]! in params);
  const chosen = variants.find(known) ?? variants.at(-1)!;
  return chosen.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * The platform words a message names, read against the order's own reason: a word that is part of a
 * name of a term of that reason means that term ("黑名单" in "我家地址怎么会在黑名单上" on an order
 * refused for its address is the address blacklist, not an operator's list of debtors).
 */
export function termsInContext(
  k: Knowledge,
  entities: readonly Entity[],
  text: string,
  code: FailureCode | undefined,
): string[] {
  const own = code ? [...k.glossary.values()].filter((term) => term.code === code) : [];
  const ids = entities
    .filter((e) => e.entity === 'term')
    .map((e) => {
      if (k.glossary.get(e.value)?.code === code) return e.value;
      const said = text.slice(e.start, e.end).toLowerCase();
      return own.find((term) => term.names.some((n) => n.toLowerCase().includes(said)))?.id ?? e.value;
    });
  return [...new Set(ids)];
}
