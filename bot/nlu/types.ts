/**
 * The language-understanding port: what `POST /api/nlu/parse` returns and what every turn sees.
 */
import type { Entity } from './entities.js';

export const INTENTS = [
  'greet',
  'thanks',
  'goodbye',
  'order_status',
  'order_failure_reason',
  'alternatives',
  'reorder',
  'update_info',
  'logistics',
  'activation',
  'refund',
  'human_agent',
  'complaint',
  'affirm',
  'deny',
  'inform',
  // Follow-ups and requests inside a conversation about an order (issue 21); several are worded
  // without a word of the domain ("那怎么办", "what now") and are only taken on topic.
  'ask_next_step',
  'ask_when',
  'ask_bot',
  'missing_info',
  'parcel_missing',
  'precheck_request',
  'notify_request',
  'other_order',
  'cancel_order',
  'order_detail',
  // "我没欠过费啊", "能按原价给我办吗": the reason disputed, or an exception asked for.
  'dispute',
  'out_of_scope',
] as const;
/** Small talk: a misfire here is harmless (the bot greets or thanks back, or says it is the bot). */
export const SMALL_TALK_INTENTS: ReadonlySet<string> = new Set([
  'greet',
  'thanks',
  'goodbye',
  'affirm',
  'deny',
  'ask_bot',
]);
/**
 * Everything else the bot acts on: an out-of-scope message taken for one of these is a false
 * accept (the bot would start an order path for "what's the weather").
 */
export const ORDER_RELATED_INTENTS: ReadonlySet<string> = new Set(
  INTENTS.filter((i) => i !== 'out_of_scope' && !SMALL_TALK_INTENTS.has(i)),
);

/**
 * Order-related intents a message can have without a word of the domain: anger at the company and
 * asking for a person are said the same way whatever they are about ("this is unacceptable", "叫个人来").
 * Outside the domain they have their own bar, calibrated so other subjects are rarely taken for them.
 */
export const OPEN_INTENTS: ReadonlySet<string> = new Set(['complaint', 'human_agent']);

export type IntentName = (typeof INTENTS)[number];

const KNOWN: ReadonlySet<string> = new Set(INTENTS);
export function isIntentName(name: string): name is IntentName {
  return KNOWN.has(name);
}

export interface ScoredIntent {
  name: IntentName;
  confidence: number;
}

/** A ranked intent with the classifiers' posterior behind its confidence (not part of the API). */
export interface RankedIntent extends ScoredIntent {
  posterior: number;
}

export interface NluResult {
  text: string;
  intent: ScoredIntent;
  /**
   * What the message means inside a conversation already about an order: "what else can I get
   * instead" has no word of the domain, so `intent` is out_of_scope, but after an order it asks for
   * alternatives. The same as `intent` when the message has a domain word or names another company.
   * Not part of `POST /api/nlu/parse`.
   */
  onTopic: ScoredIntent;
  /** Names another company's service or card and nothing of ours (美团的订单). Not part of the API either. */
  elsewhere: boolean;
  /** Written in pinyin, and read as Chinese (see pinyin.ts): the customer is answered in Chinese. Not part of the API. */
  pinyin: boolean;
  ranking: RankedIntent[];
  entities: Entity[];
}
