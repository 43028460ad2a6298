/**
 * Plans the customer can actually get: after a failure (never one that would fail for the same
 * reason), again when they state something new of themselves ("我搬到新疆了", "我17岁", "有电信的吗",
 * "便宜点的"), and before any order ("你们有什么套餐"). What they state is kept for their next question;
 * the age read from an ID number never is (it is worked out from the order each time).
 */
import {
  alternatives,
  amountMiss,
  blockedOperator,
  eligibility,
  hasAlternatives,
  normaliseOperator,
  plansOnSale,
  type Eligibility,
  type Offer as PlanOffer,
} from '../../bot/eligibility.js';
import type { FailureCode } from '../../bot/knowledge/schemas.js';
import { policyChange, type Plan } from '../../bot/plans.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import { offerText, policyChangeReplies } from '../alternatives.js';
import type { Amount, DialogVars, Reply, Stated } from '../../bot/core/dialog.js';
import type { Operator } from '../../bot/nlu/operators.js';
import type { Entity } from '../../bot/nlu/entities.js';
import { operatorName, provinceName, type OrderFacts } from '../facts.js';
import { humanButton, isOutcome, say, stay, verifiedOrder, type Outcome, type Turn } from './turn.js';

const SHOWN_AT_ONCE = 3;

/** Codes where the customer reorders with their ID details, and a pre-check helps. */
const PRECHECK_CODES: ReadonlySet<FailureCode> = new Set([
  'ID_INFO_INVALID',
  'AGE_RESTRICTED',
  'ID_QUOTA_EXCEEDED',
  'USER_CANCELLED',
  'ACTIVATION_EXPIRED',
  'DELIVERY_FAILED',
]);

/** The plan a pre-check is run against: the original if still on sale and fine, else the best offer. */
function precheckPlan(order: Order, code: FailureCode, turn: Turn): Plan | undefined {
  const plans = turn.deps.plans;
  const original = order.planId ? plans.byId.get(order.planId) : undefined;
  if (!hasAlternatives(code)) return original;
  const [best] = alternatives(
    plans,
    { failureCode: code, originalPlanId: order.planId, eligibility: eligibility(order, turn.input.now) },
    1,
  );
  return best?.plan;
}

/** Appends `extra` to the replies, moving every quick reply to the last message. */
export function withAfter(replies: Reply[], extra: Reply[], suggestion?: string): Reply[] {
  const all = [...replies, ...extra];
  const suggestions = [...new Set([...(suggestion ? [suggestion] : []), ...all.flatMap((r) => r.suggestions ?? [])])];
  return all.map((r, i) => {
    const { suggestions: _drop, ...rest } = r;
    return i === all.length - 1 && suggestions.length ? { ...rest, suggestions } : rest;
  });
}

function offerList(offers: readonly PlanOffer[], intro: string, turn: Turn): Reply {
  const k = turn.deps.knowledge;
  return {
    text: [intro, ...offers.map((o, i) => offerText(o, i + 1, k, turn.input.locale))].join('\n'),
    suggestions: [humanButton(turn)],
  };
}

/**
 * What follows a failed order's explanation: the policy change (PLAN_UNAVAILABLE), the plans that
 * would not fail for the same reason, and the offer of a pre-check, with the vars to keep.
 */
export function offersAfterFailure(
  turn: Turn,
  order: Order,
  facts: OrderFacts,
): { replies: Reply[]; vars: DialogVars; suggestion?: string } {
  const { deps, input } = turn;
  const code = facts.view.failureCode;
  const replies: Reply[] = [];
  if (!code) return { replies, vars: turn.vars };
  if (code === 'PLAN_UNAVAILABLE' && facts.plan)
    replies.push(
      ...policyChangeReplies(policyChange(facts.plan, order.createdAt, input.now), deps.knowledge, input.locale),
    );
  let shown: string[] = [];
  if (hasAlternatives(code)) {
    const offers = alternatives(
      deps.plans,
      { failureCode: code, originalPlanId: order.planId, eligibility: eligibility(order, input.now) },
      SHOWN_AT_ONCE,
    );
    shown = offers.map((o) => o.plan.id);
    replies.push(
      offers.length
        ? offerList(offers, say(turn, 'alt_intro'), turn)
        : { text: say(turn, 'alt_none'), suggestions: [humanButton(turn)] },
    );
  }
  const plan = PRECHECK_CODES.has(code) ? precheckPlan(order, code, turn) : undefined;
  if (plan) replies.push({ text: say(turn, 'precheck_offer', { plan: plan.name }) });
  const vars: DialogVars = {
    ...turn.vars,
    precheckPlanId: plan?.id,
    shownPlanIds: shown,
    plansShown: hasAlternatives(code),
    ...(plan ? { lastOffer: 'precheck' as const } : {}),
  };
  return { replies, vars, suggestion: plan ? say(turn, 'sugg_precheck') : undefined };
}

/**
 * What "比这个便宜", "流量不够用" and "流量差不多的" are compared with: the plan this message names
 * ("星耀卡太贵了 有没有比它便宜的"), else the one plan the last reply named ("星耀卡呢" → "有比它便宜的吗"),
 * else the plan of the order on the table.
 */
function referencePlan(turn: Turn, orderPlan?: Plan): Plan | undefined {
  const named = turn.input.entities.find((e) => e.entity === 'plan')?.value;
  const [only, ...more] = turn.ctx.listed;
  const id = named ?? (only && !more.length ? only : undefined);
  return (id ? turn.deps.plans.byId.get(id) : undefined) ?? orderPlan;
}

/** The message compares with a plan ("比它便宜", "流量比这个多", "价格差不多的"): it asks for other plans. */
function compares(turn: Turn): boolean {
  return turn.input.entities.some(
    (e) => e.entity === 'preference' && ['cheaper', 'moreData', 'similarData', 'similarFee'].includes(e.value),
  );
}

/**
 * What this message says of the customer, on top of what they said before. `orderPlan`: the plan
 * of the order on the table (see `referencePlan`).
 */
export function statedFrom(turn: Turn, orderPlan?: Plan): Stated {
  const reference = referencePlan(turn, orderPlan);
  const entities = turn.input.entities;
  const value = (name: string) => entities.find((e) => e.entity === name)?.value;
  const before = turn.vars.stated ?? {};
  const age = Number(value('age'));
  const prefers = entities.filter((e) => e.entity === 'preference').map((e) => e.value);
  const said = (p: string) => prefers.includes(p);
  // What comes first: said outright (便宜, 流量多, 电话多), else a comparison's direction, else "流量少点" (then the fee counts).
  const prefer =
    prefers.find((p): p is 'cheap' | 'data' | 'minutes' => p === 'cheap' || p === 'data' || p === 'minutes') ??
    (said('cheaper') || said('lessData') ? 'cheap' : said('moreData') && !reference ? 'data' : undefined);
  const fee = feeFrom(turn, reference);
  const data = dataFrom(turn, reference);
  const refusesTopUp = refusesFirstTopUp(turn);
  return {
    province: value('province') ?? before.province,
    age: Number.isInteger(age) && age > 0 ? age : before.age,
    ...operatorsFrom(turn, before, reference),
    prefer: prefer ?? (said('lessData') && before.prefer === 'data' ? undefined : before.prefer),
    noFirstTopUp: prefers.includes('noFirstTopUp') || refusesTopUp || before.noFirstTopUp,
    fee: fee ?? before.fee,
    // "流量少点" drops a minimum of data said before.
    data: data ?? (said('lessData') ? undefined : before.data),
  };
}

/**
 * The operators this message names, on top of those named before: the last word on each stands
 * ("联通的我也满了，别给我推联通"); several named with "都行/或者" are all acceptable ("电信移动都行"),
 * one named with "也行" is acceptable besides those before ("移动也行"); "哪家都行" drops the operator;
 * "换个运营商" refuses the operator of the plan in question (`reference`).
 */
function operatorsFrom(
  turn: Turn,
  before: Stated,
  reference?: Plan,
): Pick<Stated, 'operator' | 'operators' | 'notOperator'> {
  const entities = turn.input.entities;
  let { notOperator } = before;
  // "换个运营商": not the operator of the plan in question, and none in particular otherwise.
  const other = entities.some((e) => e.entity === 'other_operator') ? reference?.operator : undefined;
  if (other) notOperator = other;
  const prior = (before.operators ?? (before.operator ? [before.operator] : [])).filter((o) => o !== other);
  // The last word on each operator named, in the order said.
  const word = new Map<Operator, boolean>();
  // Not the operator in a plan's name ("联通星耀卡呢" asks about a plan, not for 联通 only).
  const inPlan = (e: Entity) => entities.some((p) => p.entity === 'plan' && e.start >= p.start && e.end <= p.end);
  for (const e of entities.filter((x) => x.entity === 'operator' && !inPlan(x))) {
    const op = normaliseOperator(e.value);
    if (!op) continue;
    word.delete(op);
    word.set(op, !refusedMention(turn, e));
  }
  const named = [...word].filter(([, yes]) => yes).map(([op]) => op);
  const refused = [...word].filter(([, yes]) => !yes).map(([op]) => op);
  for (const op of refused) notOperator = op;
  if (notOperator && named.includes(notOperator)) notOperator = undefined;
  const refusedAny = refused.length > 0;
  let accepted: Operator[] = prior.filter((o) => !refused.includes(o));
  // "移动联通随便哪家" makes both acceptable, "随便哪家" alone any.
  const anyOperator = entities.some((e) => e.entity === 'any_operator');
  const anyOf = anyOperator || entities.some((e) => e.entity === 'any_of');
  if ((anyOperator && !named.length) || (anyOf && refusedAny && !named.length)) accepted = [];
  else if (named.length > 1 && anyOf) accepted = named;
  else if (named.length && anyOf && accepted.length) accepted = [...accepted, ...named];
  else if (named.length) accepted = [named.at(-1)!];
  const unique = [...new Set(accepted)];
  return unique.length > 1
    ? { operator: undefined, operators: unique, notOperator }
    : { operator: unique[0], operators: undefined, notOperator };
}

/** The monthly fee this message asks for: a budget (30以内), a fee (29的, 39左右, 比39便宜), less than the order's plan (更便宜的) or about its fee (价格差不多的). */
function feeFrom(turn: Turn, reference?: Plan): Amount | undefined {
  const entities = turn.input.entities;
  const budget = Number(entities.find((e) => e.entity === 'budget')?.value);
  if (Number.isInteger(budget) && budget > 0) return { op: 'le', value: budget };
  const price = amountOf(entities.find((e) => e.entity === 'price')?.value, 'lt');
  if (price) return price;
  const said = (p: string) => entities.some((e) => e.entity === 'preference' && e.value === p);
  if (reference && said('cheaper')) return { op: 'lt', value: reference.monthlyFee };
  return reference && said('similarFee') ? { op: 'about', value: reference.monthlyFee } : undefined;
}

/** The data this message asks for: an amount (100G以上, 比80G多), more than the order's plan (流量不够用), or close to it (流量差不多的). */
function dataFrom(turn: Turn, reference?: Plan): Amount | undefined {
  const entities = turn.input.entities;
  const prefers = entities.filter((e) => e.entity === 'preference').map((e) => e.value);
  // "100G不够用": more than the amount said; "要100G的": at least that.
  const amount = amountOf(
    entities.find((e) => e.entity === 'data_amount')?.value,
    'gt',
    prefers.includes('moreData') ? 'gt' : 'ge',
  );
  if (amount) return amount;
  if (reference && prefers.includes('moreData')) return { op: 'gt', value: reference.dataGB };
  if (reference && prefers.includes('similarData')) return { op: 'near', value: reference.dataGB };
  return undefined;
}

/**
 * `op:number` of a price or data_amount entity (bot/nlu/amounts.ts): "比39" (`than`) read as `than`
 * (less for a fee, more for data), a bare amount (`is`) as `is`.
 */
function amountOf(v: string | undefined, than: 'lt' | 'gt', is: Amount['op'] = 'ge'): Amount | undefined {
  const m = v ? /^(\w+):(\d+)(?:-(\d+))?$/.exec(v) : null;
  if (!m) return undefined;
  const op = m[1] === 'than' ? than : m[1] === 'is' ? is : (m[1] as Amount['op']);
  return { op, value: Number(m[2]), ...(m[3] ? { to: Number(m[3]) } : {}) };
}

/**
 * A word of refusal right before a mention turns it around: "别给我推联通" is an operator not to offer,
 * "不想首充的" asks for a plan without a first top-up; so does one right after it ("联通的不要").
 */
function refusedMention(turn: Turn, named: Entity): boolean {
  const text = turn.input.text;
  return turn.input.entities.some(
    (e) =>
      (e.entity === 'negation' && e.end <= named.start && named.start - e.end <= 3) ||
      // "联通的不要 其他都行": the refusal right after it, ending the phrase (not 联通不要首充的).
      ((e.entity === 'refusal_after' || e.entity === 'negation') &&
        e.start >= named.end &&
        /^[的\s]*$/u.test(text.slice(named.end, e.start)) &&
        /^(?:$|[\s,，。.!！?？~了的啦吧])/u.test(text.slice(e.end))),
  );
}

function refusesFirstTopUp(turn: Turn): boolean {
  return turn.input.entities.some((e) => e.entity === 'term' && e.value === 'first_topup' && refusedMention(turn, e));
}

/** "新疆、17岁、电信或移动、月租39元左右、流量100GB以上、月租低的优先": what the customer stated, as the list's heading says it. */
function conditions(s: Stated, turn: Turn): string {
  const locale = turn.input.locale;
  return [
    ...(s.province ? [provinceName(s.province, locale)] : []),
    ...(s.age !== undefined ? [say(turn, 'catalogue_age', { age: s.age })] : []),
    ...(s.operator ? [operatorName(s.operator, locale)] : []),
    ...(s.operators?.length ? [s.operators.map((o) => operatorName(o, locale)).join(say(turn, 'catalogue_or'))] : []),
    ...(s.fee
      ? [
          say(turn, s.fee.op === 'le' ? 'catalogue_max_fee' : `catalogue_fee_${s.fee.op}`, {
            fee: s.fee.value,
            to: s.fee.to ?? '',
          }),
        ]
      : []),
    ...(s.data ? [say(turn, `catalogue_data_${s.data.op}`, { gb: s.data.value, to: s.data.to ?? '' })] : []),
    ...(s.prefer ? [say(turn, `catalogue_prefer_${s.prefer}`)] : []),
    ...(s.noFirstTopUp ? [say(turn, 'catalogue_no_first_topup')] : []),
    ...(s.notOperator ? [say(turn, 'catalogue_not_operator', { operator: operatorName(s.notOperator, locale) })] : []),
  ].join(say(turn, 'catalogue_sep'));
}

/** Did this message state anything new (a province, an age, an operator, a preference, a fee or an amount of data)? */
function statesSomething(turn: Turn): boolean {
  return (
    turn.input.entities.some((e) =>
      [
        'province',
        'age',
        'operator',
        'preference',
        'budget',
        'price',
        'data_amount',
        'any_operator',
        'other_operator',
      ].includes(e.entity),
    ) || refusesFirstTopUp(turn)
  );
}

/** What the customer wants of a plan, as the catalogue's queries take it (the operator apart: a failure may rule it out). */
const wants = (s: Stated) => ({
  prefer: s.prefer,
  noFirstTopUp: s.noFirstTopUp,
  fee: s.fee,
  data: s.data,
  notOperator: s.notOperator,
});

/** The youngest age any plan on sale accepts. */
function youngest(turn: Turn): number | undefined {
  const ages = turn.deps.plans.plans.filter((p) => p.onSale).map((p) => p.ageMin);
  return ages.length ? Math.min(...ages) : undefined;
}

/**
 * The list for what the customer stated: `find` gives the plans for an exclusion set; with nothing
 * new stated, the plans already shown are left out ("还有别的吗"), and when none is left, it says so.
 */
function listFor(
  turn: Turn,
  stated: Stated,
  find: (exclude?: ReadonlySet<string>, age?: number, nearest?: boolean) => PlanOffer[],
): Outcome {
  const fresh = statesSomething(turn);
  const before = new Set(turn.vars.shownPlanIds ?? []);
  const offers = fresh || !before.size ? find() : find(before);
  const said = conditions(stated, turn);
  const base: DialogVars = { ...turn.vars, stated, plansShown: true };
  if (offers.length) {
    const ids = offers.map((o) => o.plan.id);
    // The same list for the same question: said to be the same, not presented as new.
    const same = fresh && said && ids.length === before.size && ids.every((id) => before.has(id));
    const intro = same
      ? say(turn, 'alt_same_intro', { conditions: said })
      : said
        ? say(turn, 'catalogue_intro_for', { conditions: said })
        : say(turn, fresh || !before.size ? 'catalogue_intro' : 'alt_more_intro');
    return stay(turn, [offerList(offers, intro, turn)], {
      ...base,
      shownPlanIds: fresh ? ids : [...before, ...ids],
      listed: ids,
    });
  }
  const ageMin = youngest(turn);
  const tooYoung = stated.age !== undefined && ageMin !== undefined && stated.age < ageMin;
  if (!fresh && before.size && !tooYoung)
    return stay(turn, [{ text: say(turn, 'alt_no_more'), suggestions: [humanButton(turn)] }], base);
  // Nothing at the fee or data asked for: said plainly, with the closest ones (every other condition holds).
  const closest = nearestOf(stated, find);
  if (closest.length) {
    const ids = closest.map((o) => o.plan.id);
    return stay(turn, [offerList(closest, say(turn, 'catalogue_nearest', { conditions: said }), turn)], {
      ...base,
      shownPlanIds: ids,
      listed: ids,
    });
  }
  const why = tooYoung ? say(turn, 'catalogue_youngest', { ageMin: ageMin! }) : '';
  // Nothing again for the same question: said differently, with a person offered in words.
  const again = !fresh && turn.vars.plansShown && !before.size;
  const none = again
    ? say(turn, 'alt_none_again', { why })
    : (said ? say(turn, 'catalogue_none', { conditions: said }) : say(turn, 'alt_none')) + why;
  // Too young today: what they can order once old enough, which is the next question anyway ("那到时候呢").
  // Their age range is the point of the list, not a reason that fits the customer's age today.
  // "还有别的吗" after that list: the others at that age.
  const more = !fresh && before.size > 0 && turn.ctx.intent === 'alternatives';
  const later = tooYoung
    ? find(more ? before : undefined, ageMin).map((o) => ({ ...o, why: o.why.filter((w) => w.code !== 'age_range') }))
    : [];
  if (tooYoung && more && !later.length)
    return stay(turn, [{ text: say(turn, 'alt_no_more'), suggestions: [humanButton(turn)] }], base);
  if (later.length) {
    const ids = later.map((o) => o.plan.id);
    // Asked again ("那到时候能办哪些"): the same plans named with their links, not the whole answer again.
    if (!fresh && !more && ids.every((id) => before.has(id))) {
      const short = [
        say(turn, 'catalogue_at_age', { ageMin: ageMin! }),
        ...later.map((o) => say(turn, 'offer_short', { plan: o.plan.name, url: o.orderUrl })),
      ].join('\n');
      return stay(turn, [{ text: short }], { ...base, shownPlanIds: ids, listed: ids });
    }
    const now = say(turn, 'catalogue_too_young', { conditions: said, ageMin: ageMin! });
    if (more)
      return stay(turn, [offerList(later, say(turn, 'catalogue_at_age', { ageMin: ageMin! }), turn)], {
        ...base,
        shownPlanIds: [...before, ...ids],
        listed: ids,
      });
    return stay(turn, [{ text: now }, offerList(later, say(turn, 'catalogue_at_age', { ageMin: ageMin! }), turn)], {
      ...base,
      shownPlanIds: ids,
      listed: ids,
    });
  }
  return stay(turn, [{ text: none, suggestions: [humanButton(turn)] }], {
    ...base,
    shownPlanIds: [],
    ...(again ? { lastOffer: 'human' as const } : {}),
  });
}

/**
 * The plans closest to the fee and data the customer asked for, when none has them: the closest,
 * and those at most half as far again ("39左右" → 29 and 49, not 19; "cheaper than 19" → 19, not 29).
 */
function nearestOf(
  stated: Stated,
  find: (exclude?: ReadonlySet<string>, age?: number, nearest?: boolean) => PlanOffer[],
): PlanOffer[] {
  const limits = { fee: stated.fee, data: stated.data?.op === 'near' ? undefined : stated.data };
  if (!limits.fee && !limits.data) return [];
  const all = find(undefined, undefined, true);
  const closest = all.length ? amountMiss(all[0]!.plan, limits) : 0;
  return all.filter((o) => amountMiss(o.plan, limits) <= 1.5 * closest);
}

/** Plans on sale for a customer with no order on the table, for what they said of themselves. */
export function catalogue(turn: Turn): Outcome {
  const stated = statedFrom(turn);
  const e: Eligibility = { province: stated.province, age: stated.age };
  const out = listFor(turn, stated, (exclude, age, nearest) =>
    plansOnSale(
      turn.deps.plans,
      {
        eligibility: age === undefined ? e : { ...e, age },
        operator: stated.operator,
        operators: stated.operators,
        ...wants(stated),
        prefer: stated.prefer ?? 'cheap',
        exclude,
        nearest,
      },
      SHOWN_AT_ONCE,
    ),
  );
  return turn.here === 'start' ? { ...out, next: 'ask_order_no' } : out;
}

/**
 * The verified order's offers for what the customer stated: a stated province or age replaces the
 * order's, operators narrow the list (`blocked`: the one the failure rules out, which is then
 * dropped from the question), the fee and data asked for narrow it too (`nearest`: the closest to
 * them instead), a preference orders it.
 */
function offersFor(
  turn: Turn,
  facts: OrderFacts,
  stated: Stated,
  exclude?: ReadonlySet<string>,
  nearest?: boolean,
): { offers: PlanOffer[]; blocked?: string } {
  const view = facts.view;
  const fromOrder = eligibility(view);
  const e: Eligibility = { province: stated.province ?? fromOrder.province, age: stated.age ?? facts.age };
  const code = view.failureCode;
  const ruledOut = blockedOperator(code, fromOrder, facts.plan);
  const operator = stated.operator && stated.operator === ruledOut ? undefined : stated.operator;
  const operators = stated.operators?.filter((o) => o !== ruledOut);
  const asked = { operator, operators, ...wants(stated), nearest };
  const offers =
    code && hasAlternatives(code)
      ? alternatives(
          turn.deps.plans,
          {
            failureCode: code,
            originalPlanId: view.productId,
            eligibility: { ...e, operator: fromOrder.operator },
            ...asked,
            exclude,
          },
          SHOWN_AT_ONCE,
        )
      : plansOnSale(
          turn.deps.plans,
          {
            eligibility: e,
            ...asked,
            prefer: stated.prefer ?? 'cheap',
            exclude: new Set([...(exclude ?? []), ...(view.productId ? [view.productId] : [])]),
          },
          SHOWN_AT_ONCE,
        );
  const blocked =
    ruledOut && (stated.operator === ruledOut || stated.operators?.includes(ruledOut)) ? ruledOut : undefined;
  return { offers, blocked };
}

/**
 * The plans the customer can order right now, for answers that point to them ("那怎么办" after an
 * area block, anger at a failure): a list under its own heading, or nothing when the failure has
 * no alternatives or none fits.
 */
export function offersNow(turn: Turn, facts: OrderFacts): Reply | undefined {
  if (!facts.view.failureCode || !hasAlternatives(facts.view.failureCode)) return undefined;
  const { offers } = offersFor(turn, facts, turn.vars.stated ?? {});
  if (!offers.length) return undefined;
  // The same plans were just listed: named with their links, not described again.
  const shown = new Set(turn.vars.shownPlanIds ?? []);
  if (offers.every((o) => shown.has(o.plan.id))) {
    return {
      text: [
        say(turn, 'offers_above'),
        ...offers.map((o) => say(turn, 'offer_short', { plan: o.plan.name, url: o.orderUrl })),
      ].join('\n'),
    };
  }
  return offerList(offers, say(turn, 'offers_now_intro'), turn);
}

/** The verified order's offers again, for what the customer states now (see `offersFor`). */
export async function refilterPlans(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return catalogue(turn);
  if (isOutcome(v)) return v;
  const { facts } = v;
  const stated = statedFrom(turn, facts.plan);
  const { blocked } = offersFor(turn, facts, stated);
  const extra: Reply[] = blocked
    ? [
        {
          text: say(turn, 'alt_operator_blocked', {
            operator: operatorName(blocked, turn.input.locale),
            why: facts.reason ? stripped(facts.reason.text[turn.input.locale].title) : '',
          }),
        },
      ]
    : [];
  const others = stated.operators?.filter((o) => o !== blocked);
  const asked: Stated = blocked
    ? {
        ...stated,
        operator: others?.length === 1 ? others[0] : undefined,
        operators: others && others.length > 1 ? others : undefined,
      }
    : stated;
  const original = originalFitsNow(turn, facts, asked);
  if (original) {
    const line = {
      text: say(turn, 'alt_original_fits', {
        plan: original.name,
        province: provinceName(asked.province!, turn.input.locale),
        url: original.orderUrl,
      }),
      suggestions: [humanButton(turn)],
    };
    // The plan they chose is the answer; a list follows only when it has plans they have not seen.
    const shown = new Set(turn.vars.shownPlanIds ?? []);
    if (offersFor(turn, facts, asked).offers.every((o) => shown.has(o.plan.id))) {
      return stay(turn, [...extra, line], { ...turn.vars, stated: asked, plansShown: true, listed: [original.id] });
    }
    extra.push(line);
  }
  const out = listFor(
    turn,
    asked,
    (exclude, age, nearest) =>
      offersFor(turn, facts, age === undefined ? asked : { ...asked, age }, exclude, nearest).offers,
  );
  return { ...out, replies: [...extra, ...out.replies] };
}

const stripped = (s: string) => s.replace(/[。.]$/u, '');

/**
 * The order was stopped because its plan does not ship to its province, and this message names
 * another province: the plan they chose, when it is on sale, ships there and takes their age.
 */
function originalFitsNow(turn: Turn, facts: OrderFacts, stated: Stated): Plan | undefined {
  const plan = facts.plan;
  const from = eligibility(facts.view).province;
  if (facts.view.failureCode !== 'AREA_FORBIDDEN' || !plan || !stated.province || stated.province === from)
    return undefined;
  // Said once, when the province is first named, and only when the plan is of an operator they would take.
  if (!turn.input.entities.some((e) => e.entity === 'province') || turn.vars.stated?.province === stated.province)
    return undefined;
  if ((stated.operator && stated.operator !== plan.operator) || stated.notOperator === plan.operator) return undefined;
  if ((stated.operators?.length && !stated.operators.includes(plan.operator)) || amountMiss(plan, stated) > 0)
    return undefined;
  const age = stated.age ?? facts.age;
  const fits =
    plan.onSale &&
    !plan.excludedProvinces.includes(stated.province) &&
    (age === undefined || (age >= plan.ageMin && age <= plan.ageMax));
  return fits ? plan : undefined;
}

/**
 * "星耀卡能办吗": each plan the message names, with whether it fits what is known of the customer
 * (the province and age they stated, else the verified order's; an operator the failure rules out).
 */
export async function planFit(turn: Turn): Promise<Outcome> {
  // "星耀卡太贵了 有没有比它便宜的": the plans cheaper than it, not its own line.
  if (compares(turn)) return refilterPlans(turn);
  const ids = [...new Set(turn.input.entities.filter((e) => e.entity === 'plan').map((e) => e.value))];
  const out = await planLines(turn, ids, true);
  return out ?? refilterPlans(turn);
}

/**
 * "这张月租多少 首充多少", "first top-up for that one?": the plans the bot's last reply named, each in
 * a line of the catalogue (fee, data, first top-up, ages), and any that does not fit said so. They
 * stay on the table for the next question.
 */
export async function listedPlans(turn: Turn): Promise<Outcome> {
  return (await planLines(turn, turn.ctx.listed, false)) ?? refilterPlans(turn);
}

/** What the customer asked of a plan (operators, first top-up, fee, data) that `plan` does not have. */
function unmetWants(plan: Plan, s: Stated): Stated {
  return {
    ...(s.operator && s.operator !== plan.operator ? { operator: s.operator } : {}),
    ...(s.operators?.length && !s.operators.includes(plan.operator) ? { operators: s.operators } : {}),
    ...(s.notOperator === plan.operator ? { notOperator: s.notOperator } : {}),
    ...(s.noFirstTopUp && plan.firstTopUp ? { noFirstTopUp: true } : {}),
    ...(s.fee && amountMiss(plan, { fee: s.fee }) > 0 ? { fee: s.fee } : {}),
    ...(s.data && amountMiss(plan, { data: s.data }) > 0 ? { data: s.data } : {}),
  };
}

/** The catalogue line of each plan in `ids`, with what speaks against it (and, when `link`, where to order one that fits). */
async function planLines(turn: Turn, ids: readonly string[], link: boolean): Promise<Outcome | undefined> {
  const v = turn.vars.verifiedOrderNo ? await verifiedOrder(turn) : undefined;
  if (v && isOutcome(v)) return v;
  const stated = statedFrom(turn, v?.facts.plan);
  const fromOrder = v ? eligibility(v.facts.view) : {};
  const province = stated.province ?? fromOrder.province;
  const age = stated.age ?? v?.facts.age;
  const locale = turn.input.locale;
  const blocked = v ? blockedOperator(v.facts.view.failureCode, fromOrder, v.facts.plan) : undefined;
  const lines: string[] = [];
  const named: string[] = [];
  for (const id of ids) {
    const plan = turn.deps.plans.byId.get(id);
    if (!plan) continue;
    named.push(id);
    const topUp = plan.firstTopUp
      ? say(turn, 'plan_first_topup', { amount: plan.firstTopUp })
      : say(turn, 'plan_no_first_topup');
    lines.push(
      say(turn, 'plan_line', {
        plan: plan.name,
        fee: plan.monthlyFee,
        data: plan.dataGB,
        ageMin: plan.ageMin,
        ageMax: plan.ageMax,
        topUp,
      }),
    );
    const against: string[] = [];
    if (!plan.onSale) against.push(say(turn, 'plan_not_on_sale'));
    if (province && plan.excludedProvinces.includes(province))
      against.push(say(turn, 'plan_no_ship', { province: provinceName(province, locale) }));
    if (age !== undefined && (age < plan.ageMin || age > plan.ageMax))
      against.push(say(turn, 'plan_age_out', { ageMin: plan.ageMin, ageMax: plan.ageMax, age }));
    if (blocked && plan.operator === blocked)
      against.push(say(turn, 'plan_operator_blocked', { operator: operatorName(blocked, locale) }));
    const unmet = conditions(unmetWants(plan, stated), turn);
    if (unmet) against.push(say(turn, 'plan_not_wanted', { conditions: unmet }));
    if (against.length) lines.push(against.join(''));
    else if (link) {
      const said = conditions({ ...stated, province }, turn);
      lines.push(
        said
          ? say(turn, 'plan_fits', { conditions: said, url: plan.orderUrl })
          : say(turn, 'plan_fits_plain', { url: plan.orderUrl }),
      );
    }
  }
  if (!lines.length) return undefined;
  return stay(turn, [{ text: lines.join('\n'), suggestions: [humanButton(turn)] }], {
    ...turn.vars,
    stated,
    plansShown: true,
    listed: named,
  });
}
