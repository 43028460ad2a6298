/**
 * The domain gate: is a message about SIM-card orders at all? Words of the domain, another company's
 * services and cards, and our own products come from knowledge/nlu/domain.json. An order-related
 * intent is only taken from a message the gate lets in (see chooseIntent in natural.nlu.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from '../knowledge/loader.js';
import { HAN } from './chinese.js';
import { asciiLower, toHalfWidth } from './gazetteer.js';
import { NLU_DIR } from './training-data.js';
import { OPERATOR_NAMES } from './operators.js';

export type DomainVerdict = 'ours' | 'elsewhere' | 'none';

const Terms = z
  .object({
    about: z.string().optional(),
    zh: z.array(z.string().min(1)).min(1),
    en: z.array(z.string().min(1)).min(1),
  })
  .strict();
const DomainFile = Terms.extend({
  /** Another company's service or another kind of card: outside the domain unless `ours` is also there. */
  elsewhere: Terms.optional(),
  ours: Terms.optional(),
  /**
   * Ways to pay and accounts (支付宝, a bank card, an app's 账号): like `elsewhere`, unless the message
   * also says money moved (`paid`), when it is where a customer's money for our order went.
   */
  payment: Terms.optional(),
  paid: Terms.optional(),
  /**
   * A number the customer already has (现在用的号, "my current number"): its bill, plan or roaming
   * are the operator's business, not an order's, unless the message also speaks of an order (`ordered`).
   */
  existing: Terms.optional(),
  ordered: Terms.optional(),
  /** A question about the bot or the company itself: outside the domain unless the rest of the message is in it. */
  aboutUs: Terms.optional(),
  /**
   * Where customers order our cards (a distributor's WeChat official account, its mini program):
   * taken out first, so the account of "the official account" is no way to pay.
   */
  channels: Terms.optional(),
}).strict();
export type DomainTerms = z.infer<typeof DomainFile>;

export function loadDomainTerms(file = path.join(NLU_DIR, 'domain.json')): DomainTerms {
  return loadJsonFile(file, DomainFile);
}

const LATIN_OR_DIGIT = /[a-z0-9]/;
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** operators.ts's names, longest first, Chinese ones as substrings and the others at the start of a word. */
const operatorNames = [...OPERATOR_NAMES].sort((a, b) => b.length - a.length);
const OPERATOR_ZH = operatorNames
  .filter((n) => HAN.test(n))
  .map(escapeRe)
  .join('|');
/** An operator's name, left out when looking for a number the customer already has: 我现在的电信号 is 我现在的号. */
const OPERATOR_NAME = new RegExp(
  `${OPERATOR_ZH}|\\b(?:${operatorNames
    .filter((n) => !HAN.test(n))
    .map(escapeRe)
    .join('|')}) ?`,
  'g',
);
/**
 * 卡 as "stuck" (包裹卡在海关, 卡住了, 一直卡在连接网络): no card of ours once another company is named.
 * Only before what gets stuck: 卡在淘宝买的 is "the card was bought on Taobao".
 */
const STUCK = /卡住|卡在(?:了|海关|中转|转运|路上|半路|仓库|连接|开机|登录|加载|启动)/g;

/**
 * Chinese terms as substrings, English terms at the start of a word (deliver → delivery). Two
 * patterns, each tried only on a text with its script (a Chinese term cannot be in an English
 * message, and one long alternation costs every position of the text each of its terms).
 */
class TermPattern {
  private readonly zh: RegExp | undefined;
  /** The Chinese terms with an operator's name before and a 卡 after them, for `remove`. */
  private readonly zhWhole: RegExp | undefined;
  private readonly en: RegExp | undefined;

  constructor(terms: { zh: string[]; en: string[] }) {
    const pattern = (parts: string[]) => (parts.length ? new RegExp(parts.join('|'), 'g') : undefined);
    // A "Chinese" term with no Han character (12315) belongs with the Latin and digit ones.
    // Longest first: an alternation takes its first match, and `remove` must take out 你是机器人还是真人
    // whole, not 你是机器人 and leave 真人 behind as a word of the domain.
    const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
    const han = longestFirst(terms.zh.filter((t) => HAN.test(t)));
    const hanTerms = han.map((t) => escapeRe(asciiLower(t))).join('|');
    this.zh = han.length ? new RegExp(hanTerms, 'g') : undefined;
    // A card right after the name is that name's card (招商银行卡, 健身卡 after 健身), and an operator
    // right before it that operator's other business (电信宽带): removed with it.
    this.zhWhole = han.length ? new RegExp(`(?:${OPERATOR_ZH})?(?:${hanTerms})卡?`, 'g') : undefined;
    // \b once before all the English terms, not before each: the engine checks it once per position.
    const words = longestFirst(terms.en).map((t) => escapeRe(t.toLowerCase()));
    this.en = pattern([
      ...longestFirst(terms.zh.filter((t) => !HAN.test(t))).map((t) => escapeRe(asciiLower(t))),
      ...(words.length ? [`\\b(?:${words.join('|')})`] : []),
    ]);
  }

  test(text: string): boolean {
    return (
      (!!this.zh && HAN.test(text) && has(this.zh, text)) ||
      (!!this.en && LATIN_OR_DIGIT.test(text) && has(this.en, text))
    );
  }

  /** The text with every term replaced by a space. */
  remove(text: string): string {
    let out = text;
    if (this.zhWhole) out = out.replace(this.zhWhole, ' ');
    if (this.en) out = out.replace(this.en, ' ');
    return out;
  }
}

function has(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

/**
 * Does the text say something about SIM-card orders?
 *  - 'ours': a domain word, and no word of another company's service or card, or, once those are
 *    taken out, still something of ours (淘宝买的卡, an Amazon parcel with my SIM);
 *  - 'elsewhere': another company's service or card and nothing of ours (美团的订单, a credit card);
 *    a way to pay counts as one unless the message says money moved (退到支付宝 is our refund,
 *    支付宝人脸认证 is not ours), and so does a number the customer already has unless the message
 *    speaks of an order (我老号话费怎么这么贵 is the operator's; 老号欠费是不是新卡审核失败的原因 is ours);
 *    a question about the bot or the company itself is outside too, unless the rest of the message
 *    is in the domain (你是机器人吗 is not ours; 你是机器人吗 我要转人工 is);
 *  - 'none': no domain word at all.
 */
export function domainMatcher(terms: DomainTerms): (text: string) => DomainVerdict {
  // A list the file leaves out matches nothing.
  const list = (t: { zh: string[]; en: string[] } | undefined) => new TermPattern(t ?? { zh: [], en: [] });
  const domain = list(terms);
  const elsewhere = list(terms.elsewhere);
  const ours = list(terms.ours);
  const payment = list(terms.payment);
  const paid = list(terms.paid);
  const existing = list(terms.existing);
  const ordered = list(terms.ordered);
  const aboutUs = list(terms.aboutUs);
  const channels = list(terms.channels);
  return (text) => {
    let norm = asciiLower(toHalfWidth(text));
    if (channels.test(norm)) norm = channels.remove(norm);
    if (aboutUs.test(norm) && !domain.test(aboutUs.remove(norm))) return 'elsewhere';
    if (existing.test(norm.replace(OPERATOR_NAME, '')) && !ordered.test(norm)) return 'elsewhere';
    if (payment.test(norm)) {
      if (paid.test(norm)) norm = payment.remove(norm);
      else if (!(domain.test(norm) && ours.test(payment.remove(norm)))) return 'elsewhere';
    }
    if (elsewhere.test(norm))
      return domain.test(norm) && ours.test(elsewhere.remove(norm).replace(STUCK, ' ')) ? 'ours' : 'elsewhere';
    return domain.test(norm) ? 'ours' : 'none';
  };
}
