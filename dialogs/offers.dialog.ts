/**
 * What comes after an explanation: plans the customer can actually get (never one that would fail
 * for the same reason), a pricing-policy change with its date, a pre-check of the ID number and name
 * they will reorder with (forgotten at once), and FAQ answers.
 *
 * Eligibility (age from the ID's birth date, province, operator) is computed from the order each
 * time and never kept in the dialog's memory.
 */
import { alternatives, eligibility, hasAlternatives, normaliseOperator, plansOnSale, type CatalogueQuery } from '../bot/eligibility.js';
import type { FailureCode } from '../bot/knowledge/schemas.js';
import type { OrderView } from '../bot/order-view.js';
import { policyChange, type Plan } from '../bot/plans.js';
import { precheck } from '../bot/precheck.js';
import type { OrderRecord } from '../bot/ports/order-source.js';
import { catalogueReplies, faqReplies, offersReplies, policyChangeReplies, precheckReplies } from './alternatives.js';
import type { DialogDeps, DialogVars, Reply, StepOutcome, TurnInput } from './dialog.js';
import { t } from './reply.js';

export const PRECHECK_STEP = 'precheck.ask';

/** The plan a pre-check is run against: the original if still on sale, else the best offer. */
function precheckPlan(order: OrderRecord, code: FailureCode | null, input: TurnInput, deps: DialogDeps): Plan | undefined {
  const original = order.ProductID ? deps.plans.byId.get(order.ProductID) : undefined;
  if (original?.onSale && (!code || !hasAlternatives(code))) return original;
  if (!code || !hasAlternatives(code)) return original;
  const [best] = alternatives(deps.plans, { failureCode: code, originalPlanId: order.ProductID ?? undefined, eligibility: eligibility(order, input.now), today: input.now }, 1);
  return best?.plan;
}

/** Codes where the customer reorders with their ID details (and a pre-check helps). */
const PRECHECK_CODES: ReadonlySet<string> = new Set(['ID_INFO_INVALID', 'AGE_RESTRICTED', 'ID_QUOTA_EXCEEDED', 'USER_CANCELLED', 'ACTIVATION_EXPIRED', 'DELIVERY_FAILED']);

/**
 * Replies added after a failed order's explanation: the policy change (PLAN_UNAVAILABLE), the
 * offers for codes that have alternatives, and the offer of a pre-check. Also returns the vars to
 * keep (the plan to pre-check against, by id: no personal data).
 */
export function afterFailure(order: OrderRecord, view: OrderView, input: TurnInput, vars: DialogVars, deps: DialogDeps): { replies: Reply[]; vars: DialogVars; suggestion?: string } {
  const k = deps.knowledge;
  const code = view.failureCode;
  const replies: Reply[] = [];
  if (!code) return { replies, vars };
  if (code === 'PLAN_UNAVAILABLE' && order.ProductID) {
    const plan = deps.plans.byId.get(order.ProductID);
    if (plan) replies.push(...policyChangeReplies(policyChange(plan, order.CreatedAt, input.now), k, input.locale));
  }
  if (hasAlternatives(code)) {
    const offers = alternatives(deps.plans, {
      failureCode: code, originalPlanId: order.ProductID ?? undefined, eligibility: eligibility(order, input.now), today: input.now,
    });
    replies.push(...offersReplies(offers, k, input.locale));
  }
  const plan = PRECHECK_CODES.has(code) ? precheckPlan(order, code, input, deps) : undefined;
  if (plan) replies.push({ text: t(k, input.locale, 'precheck_offer', { plan: plan.name }) });
  return { replies, vars: { ...vars, precheckPlanId: plan?.id, ...(plan ? { lastOffer: 'precheck' as const } : {}) }, suggestion: plan ? t(k, input.locale, 'sugg_precheck') : undefined };
}

/** Appends `extra` to the conversation's replies, moving every quick reply to the last message. */
export function withAfter(replies: Reply[], extra: Reply[], suggestion?: string): Reply[] {
  const all = [...replies, ...extra];
  const suggestions = [...new Set([...(suggestion ? [suggestion] : []), ...all.flatMap((r) => r.suggestions ?? [])])];
  return all.map((r, i) => {
    const { suggestions: _drop, ...rest } = r;
    return i === all.length - 1 && suggestions.length ? { ...rest, suggestions } : rest;
  });
}

/** The customer asked for a pre-check: ask for the ID number and name, promising to forget them. */
export function askPrecheck(input: TurnInput, vars: DialogVars, deps: DialogDeps, back: string): StepOutcome {
  const k = deps.knowledge;
  const plan = typeof vars.precheckPlanId === 'string' ? deps.plans.byId.get(vars.precheckPlanId) : undefined;
  if (!plan) return { replies: [{ text: t(k, input.locale, 'precheck_no_plan') }], next: back, vars };
  return { replies: [{ text: t(k, input.locale, 'precheck_ask', { plan: plan.name }) }], next: PRECHECK_STEP, vars: { ...vars, precheckBack: back } };
}

const ID_LIKE = /(?<![0-9A-Za-z])\d{15,17}[0-9Xx]?(?![0-9A-Za-z])/;

/** Whether a message holds something like an ID number: the pre-check's answer, not a change of topic. */
export function holdsIdNumber(text: string): boolean {
  return ID_LIKE.test(text);
}
const LABELS = /身份证号码?|身份证|证件号|姓名|名字|我叫|我是|id(?: number)?|name|[:：,，;；、\s]+/giu;

/**
 * The pre-check step: reads an ID number and a name from this message only, checks them against
 * the plan, answers, and keeps nothing (the pipeline does not store this message's text either).
 */
export async function precheckStep(input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  const k = deps.knowledge;
  const back = typeof vars.precheckBack === 'string' ? vars.precheckBack : 'order.after';
  const plan = typeof vars.precheckPlanId === 'string' ? deps.plans.byId.get(vars.precheckPlanId) : undefined;
  const id = ID_LIKE.exec(input.text);
  if (!plan || !id) {
    return { replies: [{ text: t(k, input.locale, 'precheck_need_both') }], next: back, vars: { ...vars, precheckBack: undefined } };
  }
  const name = input.text.replace(id[0], ' ').replace(LABELS, ' ').trim();
  const result = precheck(plan, { idNumber: id[0], name }, input.now);
  return {
    replies: precheckReplies(result, plan.name, k, input.locale),
    next: back,
    vars: { ...vars, precheckBack: undefined, misunderstandings: 0 },
  };
}

/** "流量多的", "most data": rank by data rather than price. */
const PREFERS_DATA = /流量(?:多|大|最多)|大流量|\b(?:more|most|lots of|unlimited) data\b/i;

/** What a customer asking about plans said of themselves, kept for their next question. */
export interface CatalogueFilter {
  province?: string;
  operator?: string;
  /** As the customer said it ("我62岁"), not from an ID number. */
  age?: number;
}

/**
 * Plans on sale for a customer without a failed order on the table ("你们有什么套餐", "新疆能办吗",
 * "有没有移动的卡"): filtered by the province, age and operator this message names, each falling
 * back to `before` ("我在新疆" then "最便宜的是哪个"). The age is the one the customer stated, a
 * number on its own (never an ID number's), so keeping it for the next question keeps nothing personal.
 */
export function catalogueOffers(input: TurnInput, deps: DialogDeps, before: CatalogueFilter = {}): { replies: Reply[]; filter: CatalogueFilter } {
  const value = (name: string) => input.entities.find((e) => e.entity === name)?.value;
  const said = Number(value('age'));
  const age = Number.isInteger(said) && said > 0 ? said : before.age;
  const province = value('province') ?? before.province;
  const operator = normaliseOperator(value('operator') ?? before.operator);
  const q: CatalogueQuery = {
    eligibility: { province, age },
    operator,
    prefer: PREFERS_DATA.test(input.text) ? 'data' : 'cheap',
  };
  const youngest = Math.min(...deps.plans.plans.filter((p) => p.onSale).map((p) => p.ageMin));
  return {
    replies: catalogueReplies(plansOnSale(deps.plans, q), q, deps.knowledge, input.locale, Number.isFinite(youngest) ? youngest : undefined),
    filter: { province, operator, age },
  };
}

/** An FAQ answer when the question matches well enough; null lets the caller say it did not understand. */
export function faqAnswer(input: TurnInput, deps: DialogDeps, bar?: number): Reply[] | null {
  const answer = deps.faq.answer(input.text, input.locale, bar);
  return answer ? faqReplies(answer, deps.knowledge, input.locale) : null;
}
