/**
 * Follow-ups about the verified order, each answered from its own facts in a sentence or two rather
 * than the whole explanation again: why, what now, when, what a platform word means, can I order
 * again, what state is it in.
 */
import type { OrderStatus } from '../../bot/knowledge/schemas.js';
import type { DialogVars, Reply } from '../../bot/core/dialog.js';
import { reviewOverdue, statusText, workingDaysBetween } from '../explain-order.js';
import { fill, termsInContext, type Params } from '../facts.js';
import { askOrderNoReply } from './order.js';
import { offersNow, withAfter } from './plans.js';
import { humanButton, isOutcome, say, stay, verifiedOrder, type Outcome, type Turn, type Verified } from './turn.js';

type Kind = 'why' | 'next' | 'when' | 'reorder';
/** What an answer adds: quick replies, vars to keep (an offer), and replies after it (plans). */
interface Extra {
  suggestions?: string[];
  vars?: Partial<DialogVars>;
  after?: Reply[];
}

/** How a status that is no failure is talked about: still moving, on its way, or done. */
function progress(status: OrderStatus): 'review' | 'shipped' | 'done' | undefined {
  if (status === 'in_review' || status === 'needs_photos') return 'review';
  if (status === 'shipped') return 'shipped';
  if (status === 'activated' || status === 'completed') return 'done';
  return undefined;
}

/** The answer of `kind` for an order that did not fail, from its status. */
function progressAnswer(kind: Kind, v: Verified, turn: Turn): Reply {
  const view = v.facts.view;
  const stage = progress(view.status) ?? 'review';
  const params: Params = { ...v.params, status: statusText(view, turn.deps.knowledge, turn.input.locale) };
  if (stage === 'review' && kind === 'when' && view.createdAt) {
    const days = workingDaysBetween(view.createdAt, turn.input.now);
    const late = reviewOverdue(view, turn.input.now);
    return {
      text: say(turn, late ? 'when_review_late' : 'when_review', { ...params, days }),
      ...(late ? { suggestions: [humanButton(turn)] } : {}),
    };
  }
  const key = `${kind}_${stage}`;
  // Shipped: with a courier, the variant that names it.
  return { text: say(turn, kind !== 'why' && stage === 'shipped' && params.tracking ? `${key}_tracked` : key, params) };
}

/** One of the reason's short answers (why, next, when, reorder), filled from the order's facts. */
async function answer(turn: Turn, kind: Kind, extra?: (v: Verified) => Extra): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return stay(turn, [askOrderNoReply(turn)]);
  if (isOutcome(v)) return v;
  const reason = v.facts.reason;
  const locale = turn.input.locale;
  let reply: Reply;
  if (!reason) reply = progressAnswer(kind, v, turn);
  else {
    const text = reason.text[locale];
    let body = fill(text[kind], v.params);
    // "原来那单还能继续吗": an order that is over cannot go on, whatever a new one can do.
    if (kind === 'reorder' && reason.recoverability !== 'R1')
      body = say(turn, 'reorder_order_over', { then: body.replace(/^(?:可以|Yes)[：:，,。.]\s*/u, '') });
    // "Why" names the reason as the explanation did; an unreadable remark is said to be one rather than passed off as the reason.
    const said = kind === 'why' ? say(turn, 'why_line', { title: text.title, why: body }) : body;
    const unsure = kind === 'why' && v.facts.view.unmappedRemark ? `\n${say(turn, 'unmapped_remark')}` : '';
    reply = {
      text: said + unsure,
      ...(reason.needsHuman || v.facts.view.unmappedRemark ? { suggestions: [humanButton(turn)] } : {}),
    };
  }
  const more = extra?.(v) ?? {};
  if (more.suggestions)
    reply = { ...reply, suggestions: [...new Set([...more.suggestions, ...(reply.suggestions ?? [])])] };
  return { replies: withAfter([reply], more.after ?? []), next: 'after', vars: { ...turn.vars, ...more.vars } };
}

/** "为什么", "why?", "怎么会这样": the reason in a sentence. */
export const whyAgain = (turn: Turn) => answer(turn, 'why');

/** "那怎么办", "what now": the next step, the plans that can be ordered now, and the pre-check offered again where it helps. */
export const nextStep = (turn: Turn) =>
  answer(turn, 'next', (v) => {
    const plans = offersNow(turn, v.facts);
    return { ...precheckOffer(turn), after: plans ? [plans] : [] };
  });

/** "啥时候涨的价", "要等多久": the time facts of this order (a policy change's date, a waiting period, the review). */
export const whenAnswer = (turn: Turn) => answer(turn, 'when');

/** "还能重新下单吗": yes or no, what to fix first, and the pre-check offered rather than demanded. */
export const reorderAdvice = (turn: Turn) => answer(turn, 'reorder', () => precheckOffer(turn));

/**
 * The pre-check, offered again as a button (and a "好的" takes it) when this order has a plan to
 * check against; the explanation already offered it in words, so the sentence is not said twice.
 */
function precheckOffer(turn: Turn): Extra {
  const planId = turn.vars.precheckPlanId;
  if (!planId || !turn.deps.plans.byId.get(planId)) return {};
  return { suggestions: [say(turn, 'sugg_precheck')], vars: { lastOffer: 'precheck' } };
}

/**
 * "我没欠过费啊", "I never cancelled it", "能按原价给我办吗": the customer disputes the reason or asks for
 * an exception. Not the explanation again: that the record says otherwise and where it comes from,
 * how they can check it themselves (the reason's `check`), and a person offered (a "好的" takes it).
 */
export async function disputeReason(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return stay(turn, [askOrderNoReply(turn)]);
  if (isOutcome(v)) return v;
  const { reason, view } = v.facts;
  const locale = turn.input.locale;
  const lines = reason
    ? [
        say(turn, 'dispute', { orderNo: view.orderNo, title: stripEnd(reason.text[locale].title) }),
        ...(reason.text[locale].check ? [fill(reason.text[locale].check, v.params)] : []),
      ]
    : [say(turn, 'dispute_status', { orderNo: view.orderNo, status: statusText(view, turn.deps.knowledge, locale) })];
  lines.push(say(turn, 'dispute_offer_human'));
  return {
    replies: [{ text: lines.join('\n'), suggestions: [humanButton(turn)] }],
    next: 'after',
    vars: { ...turn.vars, lastOffer: 'human' },
  };
}

const stripEnd = (s: string) => s.replace(/[。.]$/u, '');

/** "订单现在什么状态": the status line (and its hints), without the explanation again. */
export async function statusAgain(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (!v) return stay(turn, [askOrderNoReply(turn)]);
  if (isOutcome(v)) return v;
  const view = v.facts.view;
  const locale = turn.input.locale;
  const product = view.productName ?? view.productId ?? '—';
  const lines = [
    say(turn, 'status_line', { orderNo: view.orderNo, product, status: statusText(view, turn.deps.knowledge, locale) }),
  ];
  if (v.facts.reason) lines.push(say(turn, 'failure_title', { title: v.facts.reason.text[locale].title }));
  else lines.push(progressAnswer('when', v, turn).text);
  return { replies: [{ text: lines.join('\n') }], next: 'after', vars: turn.vars };
}

/**
 * "国政通是什么意思", "what does KSSC mean": the glossary's words, and when the term belongs to this
 * order's reason, what it means for the order. A term whose meaning is unpublished offers a person.
 */
export async function explainTerm(turn: Turn): Promise<Outcome> {
  const k = turn.deps.knowledge;
  const locale = turn.input.locale;
  const ids = termsInContext(
    k,
    turn.input.entities,
    turn.input.text,
    turn.vars.verifiedOrderNo ? turn.vars.failureCode : undefined,
  );
  const terms = ids.map((id) => k.glossary.get(id)).filter((x) => x !== undefined);
  if (!terms.length) return whyAgain(turn);
  const v = turn.vars.verifiedOrderNo ? await verifiedOrder(turn) : undefined;
  if (v && isOutcome(v)) return v;
  const lines = terms.map((term) => term.text[locale]);
  const reason = v?.facts.reason;
  const ours = reason && terms.find((term) => term.code === reason.code);
  if (v && reason && ours) {
    const text = reason.text[locale];
    lines.push(
      say(turn, 'term_on_your_order', {
        title: text.title,
        why: fill(text.why, v.params),
        next: fill(text.next, v.params),
      }),
    );
  }
  const offerPerson = terms.some((term) => term.unpublished);
  return {
    replies: [{ text: lines.join('\n'), ...(offerPerson ? { suggestions: [humanButton(turn)] } : {}) }],
    next: turn.here === 'start' ? 'ask_order_no' : turn.here,
    vars: { ...turn.vars, ...(offerPerson ? { lastOffer: 'human' as const } : {}) },
  };
}
