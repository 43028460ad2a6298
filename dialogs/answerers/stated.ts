/**
 * What the customer has said they want of a plan, read from this message on top of what they said
 * before (kept in the dialog's memory): a province, an age, operators wanted or refused, a fee, an
 * amount of data, a preference. plans.ts turns it into offers.
 */
import { normaliseOperator } from '../../bot/eligibility.js';
import type { Plan } from '../../bot/plans.js';
import type { Amount, Stated } from '../../bot/core/dialog.js';
import type { Operator } from '../../bot/nlu/operators.js';
import type { Entity } from '../../bot/nlu/entities.js';
import { operatorName, provinceName } from '../facts.js';
import { say, type Turn } from './turn.js';

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
export function compares(turn: Turn): boolean {
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
export function conditions(s: Stated, turn: Turn): string {
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
export function statesSomething(turn: Turn): boolean {
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
export const wants = (s: Stated) => ({
  prefer: s.prefer,
  noFirstTopUp: s.noFirstTopUp,
  fee: s.fee,
  data: s.data,
  notOperator: s.notOperator,
});
