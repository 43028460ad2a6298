/**
 * The core flow: order number → proof of ownership (last 4 digits of the contact phone) →
 * status and, for a failure, what happened and what to do next.
 */
import { isAppError } from '../bot/errors.js';
import { ORDER_NO_FORMAT } from '../bot/nlu/entities.js';
import { toHalfWidth } from '../bot/nlu/gazetteer.js';
import { phoneTailMatches, viewOrder } from '../bot/order-view.js';
import type { OrderRecord } from '../bot/ports/order-source.js';
import type { DialogDeps, DialogVars, Reply, StepOutcome, TurnInput } from './dialog.js';
import { explainOrder, reviewOverdue } from './explain-order.js';
import { afterFailure, withAfter } from './offers.dialog.js';
import { t } from './reply.js';

export const MAX_TAIL_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export const STEP = {
  askOrderNo: 'order.ask_no',
  askTail: 'order.ask_tail',
  after: 'order.after',
} as const;

const entity = (input: TurnInput, name: string) => input.entities.find((e) => e.entity === name)?.value;

/** Something that looks like an attempt at an order number: a run of 5+ digits or letters+digits. */
export const LOOKS_LIKE_NUMBER = /[A-Za-z]{0,4}\d{5,}/;

function human(deps: DialogDeps, input: TurnInput): string {
  return t(deps.knowledge, input.locale, 'sugg_human');
}

/** Counts a misunderstanding; the second in a row offers a human instead of asking again. */
export function notUnderstood(input: TurnInput, vars: DialogVars, deps: DialogDeps, next: string, reask: Reply): StepOutcome {
  const misunderstandings = (vars.misunderstandings ?? 0) + 1;
  const k = deps.knowledge;
  if (misunderstandings >= 2) {
    return {
      replies: [{ text: t(k, input.locale, 'offer_human'), suggestions: [human(deps, input)] }],
      next,
      vars: { ...vars, misunderstandings, lastOffer: 'human' },
    };
  }
  return { replies: [{ text: t(k, input.locale, 'not_understood') }, reask], next, vars: { ...vars, misunderstandings } };
}

export function askOrderNo(input: TurnInput, deps: DialogDeps): Reply {
  return { text: t(deps.knowledge, input.locale, 'ask_order_no') };
}

/** Minutes left on a verification lock of `orderNo` (this conversation's, or the order's anywhere); 0 if none. */
async function lockedMinutes(orderNo: string, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<number> {
  const until = (vars.lockedUntil as Record<string, string> | undefined)?.[orderNo];
  const here = until ? Date.parse(until) - input.now.getTime() : 0;
  const anywhere = ((await deps.lockout?.lockedFor(orderNo)) ?? 0) * 1000;
  const ms = Math.max(here, anywhere);
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

function lockedReply(orderNo: string, minutes: number, input: TurnInput, vars: DialogVars, deps: DialogDeps): StepOutcome {
  return {
    replies: [{ text: t(deps.knowledge, input.locale, 'tail_locked', { orderNo, minutes }), suggestions: [human(deps, input)] }],
    next: STEP.askOrderNo,
    vars: { ...vars, orderNo: undefined, tailAttempts: 0 },
  };
}

/** Looks the order up and, when found, asks for the phone tail. */
export async function lookUp(orderNo: string, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  const k = deps.knowledge;
  const base: DialogVars = { ...vars, misunderstandings: 0 };
  const locked = await lockedMinutes(orderNo, input, vars, deps);
  if (locked) return lockedReply(orderNo, locked, input, base, deps);
  let order;
  try {
    order = await deps.orders.getOrder(orderNo);
  } catch (e) {
    if (!isAppError(e, 'ORDER_SOURCE_UNAVAILABLE')) throw e;
    return { replies: [{ text: t(k, input.locale, 'source_down'), suggestions: [human(deps, input)] }], next: STEP.askOrderNo, vars: { ...base, orderNo } };
  }
  if (!order) {
    return { replies: [{ text: t(k, input.locale, 'order_not_found', { orderNo }) }], next: STEP.askOrderNo, vars: { ...base, orderNo: undefined } };
  }
  if (vars.verifiedOrderNo === orderNo) return explain(orderNo, input, base, deps);
  const waiting: DialogVars = { ...base, orderNo, tailAttempts: 0 };
  // The digits came with the number ("单号172202611100010 电话后四位3883"): checked as if typed next.
  if (entity(input, 'phone_tail') || entity(input, 'phone')) return orderSteps[STEP.askTail](input, waiting, deps);
  return { replies: [{ text: t(k, input.locale, 'ask_tail', { orderNo }) }], next: STEP.askTail, vars: waiting };
}

/**
 * The verified order once more, when the customer asks about it again ("红黄牌是什么意思", "how long
 * before I can order again"): its status and reason, or only whether it can be fixed and what to do
 * next, without the offers already shown.
 */
export async function explainAgain(orderNo: string, input: TurnInput, vars: DialogVars, deps: DialogDeps, only?: 'next'): Promise<StepOutcome> {
  const k = deps.knowledge;
  const found = await verifiedOrder(orderNo, input, vars, deps);
  if ('outcome' in found) return found.outcome;
  const { order } = found;
  const view = viewOrder(order, k);
  const reason = view.failureCode ? k.reasons.get(view.failureCode) : undefined;
  const replies: Reply[] = only === 'next' && reason
    ? [{
      text: [t(k, input.locale, 'failure_can_fix', { canFix: reason.text[input.locale].canFix }), t(k, input.locale, 'failure_next', { next: reason.text[input.locale].next })].join('\n'),
      suggestions: [t(k, input.locale, 'sugg_other_order'), human(deps, input)],
    }]
    : explainOrder(view, k, input.locale, input.now);
  return { replies, next: STEP.after, vars: { ...vars, misunderstandings: 0, ...(reviewOverdue(view, input.now) ? { lastOffer: 'human' as const } : {}) } };
}

/** The order a customer has proved is theirs, or what to say when the platform is down or no longer has it. */
async function verifiedOrder(orderNo: string, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<{ order: OrderRecord } | { outcome: StepOutcome }> {
  const k = deps.knowledge;
  let order;
  try {
    order = await deps.orders.getOrder(orderNo);
  } catch (e) {
    if (!isAppError(e, 'ORDER_SOURCE_UNAVAILABLE')) throw e;
    return { outcome: { replies: [{ text: t(k, input.locale, 'source_down'), suggestions: [human(deps, input)] }], next: STEP.after, vars } };
  }
  if (!order) return { outcome: { replies: [{ text: t(k, input.locale, 'order_not_found', { orderNo }) }], next: STEP.askOrderNo, vars } };
  return { order };
}

async function explain(orderNo: string, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  const found = await verifiedOrder(orderNo, input, vars, deps);
  if ('outcome' in found) return found.outcome;
  const { order } = found;
  const view = viewOrder(order, deps.knowledge);
  const after = afterFailure(order, view, input, vars, deps);
  const replies = withAfter(explainOrder(view, deps.knowledge, input.locale, input.now), after.replies, after.suggestion);
  vars = after.vars;
  // Still moving (in review, shipped): offer to tell the customer when it changes.
  if (view.status === 'in_review' || view.status === 'shipped' || view.status === 'needs_photos') {
    const last = replies.at(-1)!;
    replies[replies.length - 1] = { ...last, suggestions: [t(deps.knowledge, input.locale, 'sugg_notify'), ...(last.suggestions ?? [])] };
    // A review running late offers a person in words; a "好的" takes that, not the notices.
    vars = { ...vars, lastOffer: reviewOverdue(view, input.now) ? 'human' : 'notify' };
  }
  return {
    replies,
    next: STEP.after,
    vars: { ...vars, orderNo, verifiedOrderNo: orderNo, failureCode: view.failureCode ?? undefined },
    effects: [{ type: 'seen_order', orderNo, status: view.status }],
  };
}

/**
 * An order number typed in groups ("172 2026 1110 0003", "172-2026-1110-0043"), which the entity
 * extractor reads as a phone number and its last digits: the digits of the groups joined, if they
 * make a 172 order number, with where it stands in the text.
 */
function spacedOrderNoAt(text: string): { value: string; start: number; end: number } | undefined {
  const m = /(?<![\d-])172(?:[ \-]?\d){12}(?![\d-])/.exec(toHalfWidth(text)); // one character for one: spans hold
  return m ? { value: m[0].replace(/[ -]/g, ''), start: m.index, end: m.index + m[0].length } : undefined;
}

export function spacedOrderNo(text: string): string | undefined {
  return spacedOrderNoAt(text)?.value;
}

/** Handles a message that may carry an order number; anything else is a misunderstanding. */
export async function takeOrderNo(input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  const orderNo = entity(input, 'order_no');
  if (orderNo) return lookUp(orderNo, input, vars, deps);
  const spaced = spacedOrderNoAt(input.text);
  // Its groups were read as a phone number and its digits: those are not the phone's last 4.
  if (spaced) {
    const outside = input.entities.filter((e) => e.end <= spaced.start || e.start >= spaced.end);
    return lookUp(spaced.value, { ...input, entities: outside }, vars, deps);
  }
  const attempt = LOOKS_LIKE_NUMBER.exec(input.text)?.[0];
  if (attempt && !ORDER_NO_FORMAT.test(attempt)) {
    const misunderstandings = (vars.misunderstandings ?? 0) + 1;
    return { replies: [{ text: t(deps.knowledge, input.locale, 'bad_order_no', { text: attempt }) }], next: STEP.askOrderNo, vars: { ...vars, misunderstandings } };
  }
  return notUnderstood(input, vars, deps, STEP.askOrderNo, askOrderNo(input, deps));
}

export const orderSteps = {
  [STEP.askOrderNo]: takeOrderNo,

  async [STEP.askTail](input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
    const k = deps.knowledge;
    const orderNo = vars.orderNo;
    const spaced = entity(input, 'order_no') ? undefined : spacedOrderNoAt(input.text);
    const other = entity(input, 'order_no') ?? spaced?.value;
    if (!orderNo || (other && other !== orderNo)) return takeOrderNo(input, vars, deps);
    // Locked meanwhile (wrong tails in another conversation): nothing typed here unlocks it.
    const locked = await lockedMinutes(orderNo, input, vars, deps);
    if (locked) return lockedReply(orderNo, locked, input, vars, deps);
    // Not the digits of an order number typed in groups.
    const digits = spaced ? { ...input, entities: input.entities.filter((e) => e.end <= spaced.start || e.start >= spaced.end) } : input;
    const tail = entity(digits, 'phone_tail') ?? entity(digits, 'phone')?.slice(-4);
    // The same order number again (a resend): ask for the digits again, it is not a misunderstanding.
    if (!tail && other === orderNo) return { replies: [{ text: t(k, input.locale, 'ask_tail', { orderNo }) }], next: STEP.askTail, vars };
    if (!tail) {
      return notUnderstood(input, vars, deps, STEP.askTail, { text: t(k, input.locale, 'ask_tail_again', { orderNo }) });
    }
    let order;
    try {
      order = await deps.orders.getOrder(orderNo);
    } catch (e) {
      if (!isAppError(e, 'ORDER_SOURCE_UNAVAILABLE')) throw e;
      return { replies: [{ text: t(k, input.locale, 'source_down'), suggestions: [human(deps, input)] }], next: STEP.askTail, vars };
    }
    if (order && phoneTailMatches(order, tail)) {
      await deps.lockout?.succeed(orderNo);
      return explain(orderNo, input, { ...vars, misunderstandings: 0, tailAttempts: 0 }, deps);
    }

    const tailAttempts = (vars.tailAttempts ?? 0) + 1;
    const leftForOrder = deps.lockout ? await deps.lockout.fail(orderNo) : MAX_TAIL_ATTEMPTS;
    const left = Math.min(MAX_TAIL_ATTEMPTS - tailAttempts, leftForOrder);
    if (left <= 0) {
      const until = new Date(input.now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      const lockedUntil = { ...(vars.lockedUntil as Record<string, string> | undefined), [orderNo]: until };
      return {
        replies: [{ text: t(k, input.locale, 'tail_locked', { orderNo, minutes: LOCK_MINUTES }), suggestions: [human(deps, input)] }],
        next: STEP.askOrderNo,
        vars: { ...vars, orderNo: undefined, tailAttempts: 0, lockedUntil },
      };
    }
    return { replies: [{ text: t(k, input.locale, 'tail_wrong', { left }) }], next: STEP.askTail, vars: { ...vars, tailAttempts } };
  },

  async [STEP.after](input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
    if (entity(input, 'order_no') || spacedOrderNo(input.text)) return takeOrderNo(input, vars, deps);
    return notUnderstood(input, vars, deps, STEP.after, { text: t(deps.knowledge, input.locale, 'anything_else'), suggestions: [t(deps.knowledge, input.locale, 'sugg_other_order'), human(deps, input)] });
  },
};
