/**
 * The decision rule, apart from the engine (natural.nlu.ts) so the calibration can replay it over
 * many thresholds (scripts/nlu-tuning.ts): which intent a message is judged on, which bar it must
 * clear, and out_of_scope when it does not.
 */
import {
  OPEN_INTENTS,
  ORDER_RELATED_INTENTS,
  SMALL_TALK_INTENTS,
  type RankedIntent,
  type ScoredIntent,
} from './types.js';

/** Confidences and posteriors are kept to 4 decimals. */
export const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The confidence an intent needs: order-related, small talk, outside the domain (open), and
 * without a domain word inside a conversation about an order (topic, see MessageContext.onTopic); the
 * posterior an order-related intent other than a complaint or a human request needs outside the
 * domain before it is considered at all (bare); and the posterior from which an order-related
 * intent of a domain message needs no confidence bar (sure).
 */
export interface Bars {
  order: number;
  smallTalk: number;
  open: number;
  bare: number;
  sure: number;
  topic: number;
}

export interface MessageContext {
  /** Nothing but entities and the words that frame them. */
  justData: boolean;
  /** Has a word of the bot's domain or one of its entities. */
  inDomain: boolean;
  /** Names another company's service or card, and nothing of ours (美团的订单, 高铁票退款). */
  elsewhere: boolean;
  /** Names a place or an age, data a customer gives though no order's (浙江杭州 在读大学生, "I live in Yiwu, Zhejiang"). */
  placeOrAge?: boolean;
  /**
   * Read inside a conversation already about an order: an order-related intent needs no domain word
   * (but clears the topic bar), unless the message names another company (`elsewhere`).
   */
  onTopic?: boolean;
}

/** The confidence bar a decision is held to: the name of one of `Bars` (the bare and sure bars are on the posterior). */
export type BarKind = Exclude<keyof Bars, 'bare' | 'sure'>;

/**
 * The first half of the decision rule: the intent a message is judged on and the bar it must clear.
 * Data alone is `inform`, with no bar. An order-related intent needs a domain message (or one on
 * topic), except outside the domain a complaint or a request for a person, `inform` of a message
 * that names a place or an age (data, with words around it the framing does not know), and any
 * other whose posterior reaches the bare bar (the classifiers all but certain: "what other options
 * do I have"), all held to the open bar, except a complaint or a human request whose posterior
 * reaches the bare bar, held to the order bar. A message about another company's service (`elsewhere`) has no
 * order-related intent at all, complaints included (外卖小哥态度太差了 我要投诉他 is not ours to take
 * up), and small talk only when the ranking puts it first. Passed-over intents leave the next one
 * in the ranking to be judged.
 * Nothing admissible: undefined. Only the bare bar changes which intent is judged and which bar an
 * open intent faces, and only the sure bar whether it faces a bar, so the calibration can tally
 * decisions per bar for each pair of those two (nlu-tuning.ts).
 *
 * Why the posterior for the bare bar: on messages with no domain word, it separates our customers'
 * requests from other subjects better than the confidence does. When it was chosen, at the level that
 * let 10 of CLINC's 1,022 calibration out-of-scope lines in, a posterior bar passed 31 of the 39 such
 * in-scope lines of dev-2, dev-3 and dev-4 that a bar could pass; a confidence bar 17, a similarity
 * bar 16.
 *
 * Why the sure bar: inside the domain the confidence mixes in the similarity to the nearest phrase,
 * which is low for a message worded unlike any phrase (請問退款會退到原本的付款方式嗎) even when the
 * classifiers are all but certain. From the sure bar up, such a message is taken at its word. When it
 * was added, a sure bar of 0.99 let in 12 more of dev-7's 487 lines and one more of CLINC's 1,022
 * calibration out-of-scope lines.
 */
export function candidate(
  ctx: MessageContext,
  ranking: readonly RankedIntent[],
  bareBar: number,
  sureBar = Infinity,
): { intent: RankedIntent; bar: BarKind | null; fallback?: RankedIntent } | undefined {
  if (ctx.justData) return { intent: { name: 'inform', confidence: 1, posterior: 1 }, bar: null };
  const topical = ctx.onTopic === true && !ctx.elsewhere;
  // Outside the domain, an order-related intent other than a complaint, a human request or `inform`
  // of a message with a place or an age (as open as a complaint) only counts from the bare bar up.
  const open = (name: string) => OPEN_INTENTS.has(name) || (name === 'inform' && ctx.placeOrAge === true);
  const bare = (name: string) => !ctx.inDomain && !topical && ORDER_RELATED_INTENTS.has(name) && !open(name);
  // A message about another company's service is small talk only if that is what it reads as first:
  // "are you a bot", its request for a person refused, is not a greeting.
  const intent = ctx.elsewhere
    ? ranking.slice(0, 1).find((r) => !ORDER_RELATED_INTENTS.has(r.name))
    : ranking.find((r) => !bare(r.name) || r.posterior >= bareBar);
  if (!intent) return undefined;
  if (ctx.inDomain && ORDER_RELATED_INTENTS.has(intent.name) && intent.posterior >= sureBar)
    return { intent, bar: null };
  // A complaint or a request for a person the classifiers are all but certain of ("真的服了") is held
  // to the order bar even outside the domain; other intents there only get this far from the bare bar up.
  const sureOpen = OPEN_INTENTS.has(intent.name) && intent.posterior >= bareBar;
  const bar: BarKind = SMALL_TALK_INTENTS.has(intent.name)
    ? 'smallTalk'
    : ctx.inDomain || !ORDER_RELATED_INTENTS.has(intent.name) || sureOpen
      ? 'order'
      : topical
        ? 'topic'
        : 'open';
  if (bar === 'smallTalk' || ctx.elsewhere) return { intent, bar };
  // A weak guess at something of ours does not hide small talk ranked after it ("tell me how you
  // are doing" read first as a complaint): the greeting is judged at its own bar if the guess fails.
  const fallback = ranking
    .slice(ranking.indexOf(intent) + 1)
    .find((r) => SMALL_TALK_INTENTS.has(r.name) && r.confidence > 0);
  return fallback ? { intent, bar, fallback } : { intent, bar };
}

/**
 * The decision rule, apart from the engine so calibration can replay it over many thresholds: the
 * candidate (above) must reach its bar, or else its small-talk fallback the small-talk bar, or the
 * message is `out_of_scope`.
 */
export function chooseIntent(ctx: MessageContext, ranking: readonly RankedIntent[], bars: Bars): ScoredIntent {
  const c = candidate(ctx, ranking, bars.bare, bars.sure);
  if (c && (c.bar === null || c.intent.confidence >= bars[c.bar]))
    return { name: c.intent.name, confidence: c.intent.confidence };
  if (c?.fallback && c.fallback.confidence >= bars.smallTalk)
    return { name: c.fallback.name, confidence: c.fallback.confidence };
  return { name: 'out_of_scope', confidence: round(1 - (ranking[0]?.confidence ?? 0)) };
}
