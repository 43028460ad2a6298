/**
 * A customer asked for something they do not have. The NLU has no intent for either case (it reads
 * such messages as out_of_scope, inform or order_status, and a wrong guess costs the customer a
 * "not understood"), so each is a rule: the message names the thing and says it is missing, asks
 * where it is, or asks to do without it. Read on traditional characters and written Cantonese as on
 * simplified Mandarin; either half may be in Chinese, English or pinyin.
 *  - The order number: "我忘记订单号了", "订单号在哪看", "I deleted the text with my order number".
 *    On the 44,430 lines of the NLU's training phrases, development files and evaluation sets it
 *    matches none apart from three about other shops' order numbers (淘宝订单号在哪看), which the
 *    caller leaves to `elsewhere`.
 *  - The contact phone, asked for its last 4 digits: "下单电话我忘了", "my friend ordered it with his
 *    number". Only asked while the bot waits for those digits.
 * Both are measured on customer messages written for them by helpers (test/dialogs/without-data/,
 * figures in the README).
 */
import { toMandarin } from '../bot/nlu/script.js';
import type { DialogDeps, Reply, TurnInput } from './dialog.js';
import { t } from './reply.js';

/** What both rules read: simplified Mandarin, typographic apostrophes made plain ("can’t"). */
const readable = (text: string) => toMandarin(text).replace(/[’‘]/g, "'");

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
  '[怎咋](?:么)?(?:查|找|看|弄|知道)', '背不', '多少来着', '是(?:多少|啥|什么)', '丢', '删',
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
  const plain = readable(text).replace(ZH_TRACKING_NO, '');
  if (HAS_ORDER_NO.test(plain)) return false;
  // Either language for either half: 我没有order number, forgot 订单号.
  return [ZH_ORDER_NO, EN_ORDER_NO, PINYIN_ORDER_NO].some((re) => re.test(plain)) && [ZH_MISSING, EN_MISSING, PINYIN_MISSING].some((re) => re.test(plain));
}

/** Names the contact phone or its digits (a bare 号码 or "number" may be either: see cannotGiveTail). */
const ZH_PHONE = /电话|手机|尾号|尾数|后[四4]位|后几位/;
const EN_PHONE = /\b(?:phone|mobile|cell|digits|contact)/i;
/** Names something else a customer may lack (the order number, a password, the ID card): then it is not the phone. */
const ZH_OTHER_THING = /密码|身份证|证件|激活|套餐|快递|物流/;
const EN_OTHER_THING = /\b(?:password|pin|id (?:card|photo|number)|identity|upload|activat|plan|parcel|package|tracking)/i;
/** Says it is forgotten or unknown: the part of the missing words that cannot be a question of its own. */
const ZH_FORGOT = /忘|想不起|记不|背不|记得住|鬼记得|不记得|不知道|不清楚|不确定|搞不清|不晓得|不造|唔知|唔啱|没印象|验证不了/;
const EN_FORGOT = new RegExp([
  String.raw`\b(?:forg[eo]t|no idea|no clue|(?:haven'?t|have not)(?: got)? a clue|foggiest|drawing a blank|not sure|not aware|dunno|idk)`,
  String.raw`\b(?:wouldn'?t know|no longer have|whose number|can'?t tell)`,
  String.raw`\b(?:don'?t|do not|didn'?t)(?: even| actually| really)? (?:know|remember|recall|have)`,
  String.raw`\b(?:can'?t|cannot|couldn'?t) (?:remember|recall|find)`,
].join('|'), 'i');
/** Asks for another way to prove the order is theirs. */
const ANOTHER_WAY = /(?:别的|其他|其它|换个)(?:方式|办法)|\b(?:another|other) way to (?:verify|prove|confirm|check)/i;
/** Says the phone is not the customer's to give: someone else's, changed, stopped or given up, mistyped at ordering. */
const ZH_NOT_MINE = new RegExp([
  '换[了过号]', '停机', '停了', '不用了', '销[号户]', '注销', '扔了', '交回', '旧号', '以前的号', '两个号', '几个号', '不是我(?:本人)?的',
  '别人', '朋友', '家人', '亲戚', '同事', '邻居', '室友', '房东', '(?<!招)代理', '主播', '小哥', '推销', '店员',
  '闺女', '女儿', '儿子', '孙[子女]', '外孙', '老[公婆]', '对象', '男朋友', '女朋友', '爷爷', '奶奶', '外[公婆]', '个[仔女]', '阿哥', '[表堂][哥姐弟妹]',
  '[闺女儿孙子老公婆爸妈哥姐弟妹]{1,2}(?:给|帮|替)我', '(?:给|帮|替)我[下办买拍填]', '填的', '[填写打输]错', '[多少]打',
].join('|'));
const EN_NOT_MINE = new RegExp([
  String.raw`\b(?:changed|switched|new number|old number|no longer|not in use|disconnected|someone else|somebody else|not mine)\b`,
  String.raw`\b(?:number|phone|sim) (?:was |is |got |has been )?(?:cancell?ed|deactivated|terminated)`,
  String.raw`\b(?:friend|agent|colleague|coworker|neighbou?r|roommate|flatmate|partner|boyfriend|girlfriend|clerk|seller|streamer|host|landlord|employer|school|office|shop assistant|grand(?:son|daughter|child)|in[- ]law|relative|family)\b`,
  String.raw`\b(?:my|his|her) (?:mom|mum|mother|dad|father|wife|husband|son|daughter|brother|sister|cousin|uncle|aunt|boss)\b`,
  String.raw`\b(?:typed (?:it |the number )?wrong|wrong number|mistyped|messed up|typo|not sure which|two (?:sims|numbers|phones))\b`,
].join('|'), 'i');

/**
 * "下单电话我忘了", "my cousin ordered it with her number": asked for the last 4 digits of the
 * contact phone, the customer cannot give them. At that step a bare "忘了" or "no idea" is about the
 * phone too, unless the message names something else (the order number, a password, the ID card).
 */
export function cannotGiveTail(text: string): boolean {
  const plain = readable(text);
  const has = (...res: RegExp[]) => res.some((re) => re.test(plain));
  if (has(ZH_NOT_MINE, EN_NOT_MINE, ANOTHER_WAY, ZH_FORGOT, EN_FORGOT, PINYIN_MISSING)) {
    return has(ZH_PHONE, EN_PHONE) || !has(ZH_ORDER_NO, EN_ORDER_NO, PINYIN_ORDER_NO, ZH_OTHER_THING, EN_OTHER_THING);
  }
  // A missing word that can also be a question of its own ("电话在哪看"): only with the phone named.
  return has(ZH_PHONE, EN_PHONE) && has(ZH_MISSING, EN_MISSING);
}

/** Why the digits are needed, and a person who can check ownership another way. */
export function tailHelp(input: TurnInput, deps: DialogDeps, orderNo: string): Reply {
  return { text: t(deps.knowledge, input.locale, 'tail_help', { orderNo }), suggestions: [t(deps.knowledge, input.locale, 'sugg_human')] };
}

/** Where to find the order number, with a way to a person when it cannot be found. */
export function orderNoHelp(input: TurnInput, deps: DialogDeps): Reply {
  return { text: t(deps.knowledge, input.locale, 'order_no_help'), suggestions: [t(deps.knowledge, input.locale, 'sugg_human')] };
}
