/**
 * A customer asked for the order number who does not have it: "我忘记订单号了", "订单号在哪看",
 * "I deleted the text with my order number". The NLU has no intent for this (it reads such messages
 * as out_of_scope, inform or order_status, and a wrong guess costs the customer a "not understood"),
 * so it is a rule: the message names the order number and says it is missing, asks where it is, or
 * asks to do without it. It is read on traditional characters and written Cantonese as on
 * simplified Mandarin, and either half may be in Chinese, English or pinyin.
 *
 * Measured on customer messages written by helpers for it (test/dialogs/order-no-help/, figures in
 * the README), and on the 44,430 lines of the NLU's training phrases, development files and
 * evaluation sets: it matches none of those apart from three about other shops' order numbers
 * (淘宝订单号在哪看), which the caller leaves to `elsewhere`.
 */
import { toMandarin } from '../bot/nlu/script.js';
import type { DialogDeps, Reply, TurnInput } from './dialog.js';
import { t } from './reply.js';

/**
 * Names the order number: 订单号 (and typed 订单好, 订但号, 定单号), 下单号, 订单编号, dd号, 单号 but not
 * a tracking number (运单号, 快递单号, 物流的单号: taken out first), "172开头的那个号", "十五位那个".
 */
const ZH_ORDER_NO = /[订定][单但](?:号|好|编号)|下单号|单号|order ?号|[订定]单 ?(?:number|id|no\b)|\bdd号|(?:172|一七二|幺七二)开头|(?:十五|15)位/;
/** The same in pinyin: dingdanhao, dingdan bianhao; wangle, meiyou, bu zhidao, zai nali, zenme cha. */
const PINYIN_ORDER_NO = /\bding ?dan ?(?:bian ?)?hao\b/i;
const PINYIN_MISSING = /\b(?:wang ?(?:le|ji)|mei ?(?:you|shou ?dao|zhao ?dao)|bu ?zhi ?dao|zai ?na|na ?li|zen ?me ?(?:cha|zhao|kan|ban))\b/i;
/** Says the order number is at hand (订单号倒是有, "but I do have the order number"): something else is missing. */
const HAS_ORDER_NO = /[订定]单号(?:倒是|我|还)?有(?![没冇])|\bi (?:do |still )?have (?:the|my) order (?:number|no\b|id\b)/i;
const ZH_TRACKING_NO = /(?:快递|物流|运|邮寄)的?单号/g;
/** Says it is missing, or asks where it is, or asks to do without it (Cantonese as read by toMandarin: 冇, 唔知, 边度). */
const ZH_MISSING = new RegExp([
  '忘', '想不起', '[找揾]不[到着]', '没(?:有|了|得|给|提|记|见|保存|存|印象)', '没[找翻拿收看见查]到', '清(?:掉|了|空)', '木有', '冇', '唔知', '边度', '不见', '(?<!有)没[订定]?单', '在那[里儿]',
  '不(?:知道|记得|清楚|晓得|造|[要用])', '记不[得清住]', '看不到', '在哪', '去哪', '哪(?:里|儿|个|知道)', '什么地方',
  '[怎咋](?:么)?(?:查|找|看|弄|知道)', '多少来着', '是(?:多少|啥|什么)', '丢', '删',
].join('|'));
const EN_ORDER_NO = new RegExp([
  String.raw`\border\s*(?:number|num|no\b|#|id\b|code|ref)`, String.raw`\b(?:reference|confirmation|application) (?:number|no\b|#|code)`,
  String.raw`\b15[- ]digits?\b`, String.raw`\bnumber starting with 172\b`, String.raw`\bthe 172 number\b`,
].join('|'), 'i');
const EN_MISSING = new RegExp([
  String.raw`\bforg[eo]t`, String.raw`\blost\b`, String.raw`\bmissing\b`, String.raw`\bmisplaced\b`, String.raw`\bdelet`, String.raw`\bgone\b`,
  String.raw`\b(?:no|a) (?:idea|clue)\b`, String.raw`\bno (?:order|confirmation|reference|application)\b`, String.raw`\b(?:dunno|idk)\b`, String.raw`\b(?:nobody|no one) (?:sent|gave)`,
  String.raw`\bnot with me\b`, String.raw`\b(?:recover|retriev)`, String.raw`\bhave no\b`, String.raw`\bwithout\b`,
  String.raw`\bnever (?:got|received|saved|wrote|saw|seen|sent)`, String.raw`\bnot (?:having|received|given|sent|sure)\b`,
  String.raw`\b(?:can'?t|cannot|couldn'?t|could not|unable to) (?:find|remember|recall|locate|see)`,
  String.raw`\b(?:don'?t|do not|didn'?t|did not) (?:have|know|remember|recall|get|receive|see|save|write|note)`,
  String.raw`\bwhere (?:do |can |would |should |will )?i (?:can )?(?:find|get|see|look|check)`, String.raw`\bwhere to (?:find|get|see|look|check)`,
  String.raw`\bwhere(?:'s| is)\b`, String.raw`\bwhat(?:'s| is| was) (?:my|the)\b`, String.raw`\bhow (?:do i |can i |would i |to )?(?:find|get|see|look|check)`,
].join('|'), 'i');

/**
 * "我忘记订单号了", "where do I find my order number": the message names the order number and says it
 * is missing or asks where it is. The NLU has no intent for this (it reads such messages as
 * out_of_scope, inform or order_status), so it is a rule, read on traditional characters as on
 * simplified ones.
 */
export function asksWhereOrderNoIs(text: string): boolean {
  const plain = toMandarin(text).replace(/[’‘]/g, "'").replace(ZH_TRACKING_NO, '');
  if (HAS_ORDER_NO.test(plain)) return false;
  // Either language for either half: 我没有order number, forgot 订单号.
  return [ZH_ORDER_NO, EN_ORDER_NO, PINYIN_ORDER_NO].some((re) => re.test(plain)) && [ZH_MISSING, EN_MISSING, PINYIN_MISSING].some((re) => re.test(plain));
}

/** Where to find the order number, with a way to a person when it cannot be found. */
export function orderNoHelp(input: TurnInput, deps: DialogDeps): Reply {
  return { text: t(deps.knowledge, input.locale, 'order_no_help'), suggestions: [t(deps.knowledge, input.locale, 'sugg_human')] };
}
