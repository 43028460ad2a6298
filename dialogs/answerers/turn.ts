/**
 * What every action (the `do` of a policy rule) gets and returns, and the helpers they share:
 * saying a text in the customer's language, and the verified order's facts fetched for this turn.
 */
import { isAppError } from '../../bot/errors.js';
import { viewOrder } from '../../bot/order-view.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import type { DialogDeps, DialogVars, Effect, Reply, TurnInput } from '../../bot/core/dialog.js';
import { factParams, orderFacts, type OrderFacts, type Params } from '../facts.js';
import type { PolicyContext, PolicyStep } from '../policy.js';
import { t } from '../../bot/core/texts.js';

export interface Turn {
  input: TurnInput;
  /** The conversation's memory, with last turn's offer already taken out (it is in `ctx.offer`). */
  vars: DialogVars;
  deps: DialogDeps;
  ctx: PolicyContext;
  /** Where the conversation stood when the message came. */
  here: PolicyStep;
}

export interface Outcome {
  replies: Reply[];
  next: PolicyStep;
  vars: DialogVars;
  effects?: Effect[];
  /**
   * The replies already ask for what the step waits for, or say it was not understood: nothing is
   * asked again after them, and they are never shortened as said before.
   */
  flow?: boolean;
}

export type Action = (turn: Turn) => Promise<Outcome> | Outcome;

/** A text of knowledge/replies.json in the customer's language. */
export function say(turn: Turn, key: string, params: Params = {}): string {
  return t(turn.deps.knowledge, turn.input.locale, key, params);
}

/** The quick reply that asks for a person. */
export function humanButton(turn: Turn): string {
  return say(turn, 'sugg_human');
}

/** Stays where it is with these replies. */
export function stay(turn: Turn, replies: Reply[], vars: DialogVars = turn.vars): Outcome {
  return { replies, next: turn.here, vars };
}

export interface Verified {
  facts: OrderFacts;
  params: Params;
}

/** What fetchOrder gives when the order platform does not answer. */
export const SOURCE_DOWN = Symbol('source down');

/** The order from the order source (null when it has none), or SOURCE_DOWN when the platform does not answer. */
export async function fetchOrder(turn: Turn, orderNo: string): Promise<Order | null | typeof SOURCE_DOWN> {
  try {
    return await turn.deps.orders.getOrder(orderNo);
  } catch (e) {
    if (!isAppError(e, 'ORDER_SOURCE_UNAVAILABLE')) throw e;
    return SOURCE_DOWN;
  }
}

/**
 * The order the customer proved is theirs, fetched for this turn with its facts, or what to say when
 * the platform is down or no longer has it. Without a verified order: undefined.
 */
export async function verifiedOrder(turn: Turn): Promise<Verified | Outcome | undefined> {
  const orderNo = turn.vars.verifiedOrderNo;
  if (!orderNo) return undefined;
  const { deps, input } = turn;
  const order = await fetchOrder(turn, orderNo);
  if (order === SOURCE_DOWN) return stay(turn, [{ text: say(turn, 'source_down'), suggestions: [humanButton(turn)] }]);
  if (!order)
    return {
      replies: [{ text: say(turn, 'order_not_found', { orderNo }) }],
      next: 'ask_order_no',
      vars: { ...turn.vars, verifiedOrderNo: undefined, status: undefined, failureCode: undefined },
    };
  const facts = orderFacts(order, viewOrder(order, deps.knowledge), deps.knowledge, deps.plans, input.now);
  return { facts, params: factParams(facts, deps.knowledge, input.locale) };
}

export function isOutcome(x: Verified | Outcome): x is Outcome {
  return 'replies' in x;
}
