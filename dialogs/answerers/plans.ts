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
  plansOnSale,
  type Eligibility,
  type Offer as PlanOffer,
} from '../../bot/eligibility.js';
import type { FailureCode } from '../../bot/knowledge/schemas.js';
import { policyChange, type Plan } from '../../bot/plans.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import { offerText, policyChangeReplies } from '../alternatives.js';
import type { DialogVars, Reply, Stated } from '../../bot/core/dialog.js';
import { operatorName, provinceName, type OrderFacts } from '../facts.js';
import { humanButton, isOutcome, say, stay, verifiedOrder, type Outcome, type Turn } from './turn.js';
import { compares, conditions, statedFrom, statesSomething, wants } from './stated.js';

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
