/**
 * Answers when the message is not about the order on the table: the FAQ, another company's
 * business, the first message of a conversation, and "not understood" (the second in a row offers
 * a person instead of asking again).
 */
import { hasAlternatives } from '../../bot/eligibility.js';
import { faqReplies } from '../alternatives.js';
import { askOrderNo, askOrderNoReply, badOrderNo } from './order.js';
import { humanButton, say, type Outcome, type Turn } from './turn.js';

/** An FAQ match this close is answered whatever the intent, rather than "not understood". */
export const STRONG_FAQ = 0.6;

export function faqHit(turn: Turn, bar?: number): Outcome | undefined {
  const hit = turn.deps.faq.answer(turn.input.text, turn.input.locale, bar);
  if (!hit) return undefined;
  return {
    replies: faqReplies(hit, turn.deps.knowledge, turn.input.locale),
    next: turn.here === 'start' ? 'ask_order_no' : turn.here,
    vars: turn.vars,
  };
}

/** A question the FAQ knows (activation, delivery, refunds…); not understood when it knows none well enough. */
export function faq(turn: Turn): Outcome {
  return faqHit(turn) ?? notUnderstood(turn);
}

/** A refund or a cancellation with no verified order: what the FAQ says, and a person offered (a "好的" takes it). */
export function faqOrPerson(turn: Turn): Outcome {
  const hit = faqHit(turn);
  const replies = hit?.replies ?? [{ text: say(turn, 'faq_not_sure') }];
  const last = replies.at(-1)!;
  return {
    replies: [...replies.slice(0, -1), { ...last, suggestions: [humanButton(turn)] }],
    next: hit?.next ?? turn.here,
    vars: { ...turn.vars, lastOffer: 'human' },
  };
}

/** Another company's order, ticket or card: say so, rather than answer with our own FAQ. */
export function elsewhere(turn: Turn): Outcome {
  return {
    replies: [{ text: say(turn, 'elsewhere') }],
    next: turn.here === 'start' ? 'ask_order_no' : turn.here,
    vars: turn.vars,
  };
}

/** The first message, when it asks for nothing the bot can act on: the greeting and the order number (or why a number is none). */
export function start(turn: Turn): Outcome {
  return badOrderNo(turn) ?? askOrderNo(turn);
}

/** What the step is waiting for, asked again after a misunderstanding. */
function reask(turn: Turn) {
  if (turn.here === 'ask_tail' && turn.vars.orderNo)
    return { text: say(turn, 'ask_tail_again', { orderNo: turn.vars.orderNo }) };
  if (turn.here === 'after')
    return { text: say(turn, 'anything_else'), suggestions: [say(turn, 'sugg_other_order'), humanButton(turn)] };
  return askOrderNoReply(turn);
}

/**
 * Not understood: a number that is no order number is said to be one; a question the FAQ knows
 * well is answered; otherwise the step asks again, and the second time in a row a person is offered.
 */
export function notUnderstood(turn: Turn): Outcome {
  if (turn.here === 'ask_order_no' || turn.here === 'start') {
    const bad = badOrderNo(turn);
    if (bad) return bad;
  }
  const known = faqHit(turn, STRONG_FAQ);
  if (known) return known;
  const misunderstandings = (turn.vars.misunderstandings ?? 0) + 1;
  const next = turn.here === 'start' ? 'ask_order_no' : turn.here;
  // With an order on the table, the first time: what about it, as buttons (a two-stage fallback).
  if (misunderstandings === 1 && turn.vars.verifiedOrderNo && turn.here === 'after')
    return clarify(turn, misunderstandings);
  if (misunderstandings >= 2) {
    return {
      replies: [{ text: say(turn, 'offer_human'), suggestions: [humanButton(turn)] }],
      next,
      vars: { ...turn.vars, misunderstandings, lastOffer: 'human' },
      flow: true,
    };
  }
  return {
    replies: [{ text: say(turn, 'not_understood') }, reask(turn)],
    next,
    vars: { ...turn.vars, misunderstandings },
    flow: true,
  };
}

/** "Did you mean…": the order and its reason named, what can be asked about it as quick replies, and a person offered (a "好的" takes it). */
function clarify(turn: Turn, misunderstandings: number): Outcome {
  const k = turn.deps.knowledge;
  const locale = turn.input.locale;
  const orderNo = turn.vars.verifiedOrderNo!;
  const code = turn.vars.failureCode;
  const reason = code ? k.reasons.get(code) : undefined;
  const clarified = (turn.vars.clarified ?? 0) + 1;
  const text =
    clarified > 1
      ? say(turn, 'clarify_again')
      : reason
        ? say(turn, 'clarify', { orderNo, title: reason.text[locale].title })
        : say(turn, 'clarify_status', {
            orderNo,
            status: turn.vars.status ? k.statuses.text[locale][turn.vars.status] : '',
          });
  const suggestions = [
    say(turn, 'sugg_next_step'),
    ...(reason ? [say(turn, 'sugg_why')] : []),
    ...(code && hasAlternatives(code) ? [say(turn, 'sugg_more_plans')] : []),
    humanButton(turn),
  ];
  return {
    replies: [{ text, suggestions }],
    next: 'after',
    vars: { ...turn.vars, misunderstandings, clarified, lastOffer: 'human' },
    flow: true,
  };
}
