/**
 * The order flow: order number → proof of ownership (the last 4 digits of the contact phone) →
 * the status and, for a failure, what happened and what to do next, with what the customer can
 * get instead. Also the ways a customer asks for an order or cannot give what is asked.
 */
import { ORDER_NO_FORMAT } from '../../bot/nlu/entities.js';
import { toHalfWidth } from '../../bot/nlu/gazetteer.js';
import { phoneTailMatches, viewOrder } from '../../bot/order-view.js';
import { LOCK_MINUTES, MAX_TAIL_ATTEMPTS } from '../../bot/core/ports/lockout.js';
import type { DialogVars, Reply, TurnInput } from '../../bot/core/dialog.js';
import { explainOrder, reviewOverdue } from '../explain-order.js';
import { factParams, orderFacts } from '../facts.js';
import { faqHit, STRONG_FAQ } from './fallbacks.js';
import { offersAfterFailure, withAfter } from './plans.js';
import { fetchOrder, humanButton, say, SOURCE_DOWN, stay, type Outcome, type Turn } from './turn.js';

/** Something that looks like an attempt at an order number: a run of 5+ digits or letters+digits. */
export const LOOKS_LIKE_NUMBER = /[A-Za-z]{0,4}\d{5,}/;

const entity = (input: TurnInput, name: string) => input.entities.find((e) => e.entity === name)?.value;

/**
 * An order number typed in groups ("172 2026 1110 0003", "172-2026-1110-0043"), which the entity
 * extractor reads as a phone number and its last digits: the digits of the groups joined, if they
 * make a 172 order number, with where it stands in the text.
 */
export function spacedOrderNo(text: string): { value: string; start: number; end: number } | undefined {
  const m = /(?<![\d-])172(?:[ -]?\d){12}(?![\d-])/.exec(toHalfWidth(text)); // one character for one: spans hold
  return m ? { value: m[0].replace(/[ -]/g, ''), start: m.index, end: m.index + m[0].length } : undefined;
}

/** The order number in a message, and the message without the entities inside a grouped one (they are no phone digits). */
function orderNoIn(input: TurnInput): { orderNo?: string; rest: TurnInput } {
  const orderNo = entity(input, 'order_no');
  if (orderNo) return { orderNo, rest: input };
  const spaced = spacedOrderNo(input.text);
  if (!spaced) return { rest: input };
  return {
    orderNo: spaced.value,
    rest: { ...input, entities: input.entities.filter((e) => e.end <= spaced.start || e.start >= spaced.end) },
  };
}

export function askOrderNoReply(turn: Turn): Reply {
  return { text: say(turn, 'ask_order_no') };
}

/** "我还有一个单", "查询其他订单", and a first message that only says hello or asks about an order. */
export function askOrderNo(turn: Turn): Outcome {
  // Asked already: shorter, not the same sentence again.
  const ask = turn.here === 'ask_order_no' ? { text: say(turn, 'ask_order_no_again') } : askOrderNoReply(turn);
  const replies = turn.here === 'start' ? [{ text: say(turn, 'greeting') }, ask] : [ask];
  return { replies, next: 'ask_order_no', vars: { ...turn.vars, orderNo: undefined, tailAttempts: 0 } };
}

/**
 * A question about the order while its phone digits are still awaited: the digits come first. A
 * general question the FAQ knows well ("一证五号怎么查") is answered, then the digits asked for.
 */
export function askTailFirst(turn: Turn): Outcome {
  const ask = { text: say(turn, 'ask_tail_again', { orderNo: turn.vars.orderNo ?? '' }) };
  const known = faqHit(turn, STRONG_FAQ);
  return stay(turn, known ? [...known.replies, ask] : [ask]);
}

/** "下单电话我忘了": why the digits are needed, whom to ask, and a person who can check another way. */
export function tailHelp(turn: Turn): Outcome {
  return stay(
    turn,
    [{ text: say(turn, 'tail_help', { orderNo: turn.vars.orderNo ?? '' }), suggestions: [humanButton(turn)] }],
    { ...turn.vars, lastOffer: 'human' },
  );
}

/** "我忘记订单号了": where to find it, with a way to a person when it cannot be found. */
export function orderNoHelp(turn: Turn): Outcome {
  return {
    replies: [{ text: say(turn, 'order_no_help'), suggestions: [humanButton(turn)] }],
    next: turn.here === 'start' ? 'ask_order_no' : turn.here,
    vars: turn.vars,
  };
}

/** Minutes left on a verification lock of `orderNo` (this conversation's, or the order's anywhere); 0 if none. */
async function lockedMinutes(orderNo: string, turn: Turn): Promise<number> {
  const until = turn.vars.lockedUntil?.[orderNo];
  const here = until ? Date.parse(until) - turn.input.now.getTime() : 0;
  const anywhere = ((await turn.deps.lockout?.lockedFor(orderNo)) ?? 0) * 1000;
  const ms = Math.max(here, anywhere);
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

function lockedReply(orderNo: string, minutes: number, turn: Turn, vars: DialogVars): Outcome {
  return {
    replies: [{ text: say(turn, 'tail_locked', { orderNo, minutes }), suggestions: [humanButton(turn)] }],
    next: 'ask_order_no',
    vars: { ...vars, orderNo: undefined, tailAttempts: 0 },
  };
}

function sourceDown(turn: Turn, next: Outcome['next'], vars: DialogVars): Outcome {
  return { replies: [{ text: say(turn, 'source_down'), suggestions: [humanButton(turn)] }], next, vars };
}

/** Looks the order up and, when found, asks for the phone tail (or checks the one sent with it). */
export async function lookUpOrder(turn: Turn): Promise<Outcome> {
  const { orderNo, rest } = orderNoIn(turn.input);
  if (!orderNo) return notAnOrderNo(turn);
  if (turn.here === 'ask_tail' && orderNo === turn.vars.orderNo) return checkTail({ ...turn, input: rest });
  const vars: DialogVars = { ...turn.vars, misunderstandings: 0 };
  const locked = await lockedMinutes(orderNo, turn);
  if (locked) return lockedReply(orderNo, locked, turn, vars);
  const order = await fetchOrder(turn, orderNo);
  if (order === SOURCE_DOWN) return sourceDown(turn, 'ask_order_no', { ...vars, orderNo });
  if (!order)
    return {
      replies: [{ text: say(turn, 'order_not_found', { orderNo }) }],
      next: 'ask_order_no',
      vars: { ...vars, orderNo: undefined },
    };
  if (vars.verifiedOrderNo === orderNo) return explain(orderNo, turn, vars);
  const waiting: DialogVars = { ...vars, orderNo, tailAttempts: 0 };
  // The digits came with the number ("单号172202611100010 电话后四位3883"): checked as if typed next.
  if (entity(rest, 'phone_tail') || entity(rest, 'phone'))
    return checkTail({ ...turn, input: rest, vars: waiting, here: 'ask_tail' });
  return { replies: [{ text: say(turn, 'ask_tail', { orderNo }) }], next: 'ask_tail', vars: waiting };
}

/** A number that is no order number ("12345"): say so, it counts as a misunderstanding. */
function notAnOrderNo(turn: Turn): Outcome {
  const attempt = LOOKS_LIKE_NUMBER.exec(turn.input.text)?.[0] ?? turn.input.text;
  const misunderstandings = (turn.vars.misunderstandings ?? 0) + 1;
  return {
    replies: [{ text: say(turn, 'bad_order_no', { text: attempt }) }],
    next: 'ask_order_no',
    vars: { ...turn.vars, misunderstandings },
    flow: true,
  };
}

/** A number that looks like an attempt at an order number but is none. */
export function badOrderNo(turn: Turn): Outcome | undefined {
  const attempt = LOOKS_LIKE_NUMBER.exec(turn.input.text)?.[0];
  return attempt && !ORDER_NO_FORMAT.test(attempt) ? notAnOrderNo(turn) : undefined;
}

/** The phone's last 4 digits for the order being checked. */
export async function checkTail(turn: Turn): Promise<Outcome> {
  const { input, vars, deps } = turn;
  const orderNo = vars.orderNo;
  if (!orderNo) return askOrderNo(turn);
  // Locked meanwhile (wrong tails in another conversation): nothing typed here unlocks it.
  const locked = await lockedMinutes(orderNo, turn);
  if (locked) return lockedReply(orderNo, locked, turn, vars);
  const tail = entity(input, 'phone_tail') ?? entity(input, 'phone')?.slice(-4);
  if (!tail) return { replies: [{ text: say(turn, 'ask_tail', { orderNo }) }], next: 'ask_tail', vars };
  const order = await fetchOrder(turn, orderNo);
  if (order === SOURCE_DOWN) return sourceDown(turn, 'ask_tail', vars);
  if (order && phoneTailMatches(order, tail)) {
    await deps.lockout?.succeed(orderNo);
    return explain(orderNo, turn, { ...vars, misunderstandings: 0, tailAttempts: 0 });
  }
  const tailAttempts = (vars.tailAttempts ?? 0) + 1;
  const leftForOrder = deps.lockout ? await deps.lockout.fail(orderNo) : MAX_TAIL_ATTEMPTS;
  const left = Math.min(MAX_TAIL_ATTEMPTS - tailAttempts, leftForOrder);
  if (left <= 0) {
    const until = new Date(input.now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    return {
      replies: [
        { text: say(turn, 'tail_locked', { orderNo, minutes: LOCK_MINUTES }), suggestions: [humanButton(turn)] },
      ],
      next: 'ask_order_no',
      vars: { ...vars, orderNo: undefined, tailAttempts: 0, lockedUntil: { ...vars.lockedUntil, [orderNo]: until } },
    };
  }
  return { replies: [{ text: say(turn, 'tail_wrong', { left }) }], next: 'ask_tail', vars: { ...vars, tailAttempts } };
}

/** The whole explanation of a verified order, with the offers that follow a failure. */
async function explain(orderNo: string, turn: Turn, vars: DialogVars): Promise<Outcome> {
  const { deps, input } = turn;
  const order = await fetchOrder(turn, orderNo);
  if (order === SOURCE_DOWN) return sourceDown(turn, 'after', vars);
  if (!order) return { replies: [{ text: say(turn, 'order_not_found', { orderNo }) }], next: 'ask_order_no', vars };
  const view = viewOrder(order, deps.knowledge);
  const facts = orderFacts(order, view, deps.knowledge, deps.plans, input.now);
  const params = factParams(facts, deps.knowledge, input.locale);
  const verified: DialogVars = {
    ...vars,
    orderNo,
    verifiedOrderNo: orderNo,
    status: view.status,
    failureCode: view.failureCode ?? undefined,
    stated: undefined,
    plansShown: false,
    precheckPlanId: undefined,
  };
  const after = offersAfterFailure({ ...turn, vars: verified }, order, facts);
  const replies = withAfter(
    explainOrder(view, deps.knowledge, input.locale, input.now, params),
    after.replies,
    after.suggestion,
  );
  let out = after.vars;
  // Still moving (in review, shipped): offer to tell the customer when it changes.
  if (view.status === 'in_review' || view.status === 'shipped' || view.status === 'needs_photos') {
    const last = replies.at(-1)!;
    replies[replies.length - 1] = { ...last, suggestions: [say(turn, 'sugg_notify'), ...(last.suggestions ?? [])] };
    // A review running late offers a person in words; a "好的" takes that, not the notices.
    out = { ...out, lastOffer: reviewOverdue(view, input.now) ? 'human' : 'notify' };
  }
  return { replies, next: 'after', vars: out, effects: [{ type: 'seen_order', orderNo, status: view.status }] };
}
