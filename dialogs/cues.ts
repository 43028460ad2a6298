/**
 * Words that say what a customer wants where the NLU's intents are too coarse: another order than
 * the one on the table, a missing parcel, a request to chase, a question of when, a follow-up on a
 * list of plans, the pre-check or status notices asked for in words. support.dialog.ts decides what
 * to do with them.
 */

/** A message about another order than the one on the table (那我另一个订单, "check my other order"). */
export const ANOTHER_ORDER = /(?:另[一外]|别的|其[他它]|第二|还有一)[个张笔]?(?:订单|单|卡)|新的?订单|\b(?:another|other|second|different|new) (?:order|one|sim|card)\b|\bone more order\b/i;

/** A parcel the courier marks delivered that the customer does not have. */
export const PARCEL_MISSING = new RegExp([
  '(?:签收|妥投|送达).{0,15}(?:(?:没|未)有?(?:收到|拿到|见到|人收)|没人|不是我)', '(?:没|未)有?(?:收到|拿到|见到).{0,15}(?:签收|妥投|送达)',
  String.raw`\bdelivered\b.{0,40}\b(?:not|never|didn'?t|haven'?t|no one|nobody|missing)\b`,
  String.raw`\b(?:never|haven'?t|didn'?t|did not|not) (?:got|get|receive[d]?)\b.{0,40}\bdelivered\b`,
].join('|'), 'i');
/** Asks for someone to chase the operator ("帮我催一下"): a person's job. */
export const CHASE = /帮我催|催(?:一下|一催|审|单|促)|\b(?:chase|hurry|expedite|speed (?:it |this )?up)\b/i;
/** Asks when ("那多久能重新下单", "how soon can I order again"). */
export const WHEN = /多久|多长时间|什么时候|几天|\b(?:how (?:long|soon)|when)\b/i;

/** A follow-up on a list of plans that names no province, age or operator. */
export const CATALOGUE_FOLLOW_UP = /最便宜|便宜(?:点|一点|些)|流量(?:最多|多的|大的)|哪个(?:好|划算|合适)|\b(?:cheapest|cheaper|most data|more data|which (?:one )?is (?:the )?best)\b/i;

/** Asking for the pre-check or for status notices in words rather than with the quick reply. */
export const WANTS_PRECHECK = /预检|检查一下(?:我的)?身份证|\bpre-?check/i;
export const WANTS_NOTICE = /(?:变化|更新|进展|动静)(?:了)?(?:就|的话|时)?(?:通知|告诉|提醒)我|\bnotify me\b|\b(?:tell|let) me know when (?:it|the order|the status|something)/i;
