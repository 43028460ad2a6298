/**
 * People first: a person whenever one is asked for (or a refund, a charge-back or a cancellation
 * needs one), an apology and the concrete next step for anger, an honest "I am the bot", and the
 * small courtesies (thanks, goodbye, hello, "no thanks" to an offer).
 */
import type { HandoffReason } from '../../bot/core/dialog.js';
import { fill } from '../facts.js';
import { askOrderNo, lookUpOrder } from './order.js';
import { offersNow, withAfter } from './plans.js';
import { humanButton, isOutcome, say, stay, verifiedOrder, type Outcome, type Turn } from './turn.js';

function handOver(turn: Turn, reason: HandoffReason, before: string[] = []): Outcome {
  const { vars } = turn;
  return {
    replies: [{ text: [...before, say(turn, 'handoff')].join('\n') }],
    next: turn.here,
    vars,
    effects: [{ type: 'handoff', reason, orderNo: vars.verifiedOrderNo, failureCode: vars.failureCode }],
  };
}

/** A person, now, with the verified order attached to the handoff. */
export function handoff(turn: Turn): Outcome {
  return handOver(turn, turn.ctx.intent === 'complaint' ? 'complaint' : 'customer_request');
}

/** A complaint that names a regulator or a public channel (工信部, 12315): an apology, and a person. */
export function apologiseAndHandoff(turn: Turn): Outcome {
  return handOver(turn, 'complaint', [say(turn, 'apology')]);
}

/**
 * Anger ("你这说了等于没说", "没货你们还让下单？"): a short apology, the concrete next step for this order
 * (or what the bot needs to help), and a person offered.
 */
export async function apologise(turn: Turn): Promise<Outcome> {
  const v = await verifiedOrder(turn);
  if (v && isOutcome(v)) return v;
  const locale = turn.input.locale;
  const step = v?.facts.reason
    ? say(turn, 'apology_next', { next: fill(v.facts.reason.text[locale].next, v.params) })
    : v
      ? say(turn, 'apology_status', {
          orderNo: v.facts.view.orderNo,
          status: turn.deps.knowledge.statuses.text[locale][v.facts.view.status],
        })
      : say(turn, 'apology_no_order');
  // "我就想要张卡": the plans that can be ordered now are the concrete step.
  const plans = v ? offersNow(turn, v.facts) : undefined;
  const reply = {
    text: [say(turn, 'apology'), step, say(turn, 'apology_offer_human')].join('\n'),
    suggestions: [humanButton(turn)],
  };
  return stay(turn, withAfter([reply], plans ? [plans] : []), { ...turn.vars, lastOffer: 'human' });
}

/** "身份证都给你们了 卡呢？172…": an apology, and the order the message names looked up at once. */
export async function apologiseAndLookUp(turn: Turn): Promise<Outcome> {
  const out = await lookUpOrder(turn);
  return { ...out, replies: [{ text: say(turn, 'apology') }, ...out.replies] };
}

/** "你是真人吗": the truth, and how to reach a person, without queueing anyone. */
export function areYouBot(turn: Turn): Outcome {
  return stay(turn, [{ text: say(turn, 'are_you_bot'), suggestions: [humanButton(turn)] }], {
    ...turn.vars,
    lastOffer: 'human',
  });
}

/** "不用了" to an offer. */
export function declined(turn: Turn): Outcome {
  return stay(turn, [{ text: say(turn, 'declined') }]);
}

export function thanks(turn: Turn): Outcome {
  return stay(turn, [{ text: say(turn, 'thanks_reply') }]);
}

/** "好吧", "ok" with nothing offered: taken as read, and the door left open. */
export function acknowledge(turn: Turn): Outcome {
  return stay(turn, [{ text: say(turn, 'acknowledged') }]);
}

export function goodbye(turn: Turn): Outcome {
  return stay(turn, [{ text: say(turn, 'goodbye_reply') }]);
}

/** Hello: at the start the greeting and the order number asked for; while it is awaited, asked for again; later, what else. */
export function greet(turn: Turn): Outcome {
  if (turn.here === 'start' || turn.here === 'ask_order_no') return askOrderNo(turn);
  return stay(turn, [{ text: say(turn, 'greet_again') }]);
}

/** Status notices for the verified order, asked for in words, with the button or a "好的". */
export function notifyOptIn(turn: Turn): Outcome {
  const orderNo = turn.vars.verifiedOrderNo;
  if (!orderNo) return stay(turn, [{ text: say(turn, 'notify_nothing') }]);
  return {
    ...stay(turn, [{ text: say(turn, 'notify_ok', { orderNo }) }]),
    effects: [{ type: 'notify_opt_in', orderNo }],
  };
}
