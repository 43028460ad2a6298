/**
 * Amounts a customer asks of a plan, other than a budget (budget.ts): a monthly fee ("29的",
 * "39块左右", "比39便宜的", "40以上") and an amount of data ("100G以上", "至少100G", "100个G左右",
 * "比80G多"). The span covers the number only; the value is `op:number`, where op is
 *   eq     29的, 29元的卡, 月租29            about  39左右, 差不多39块, around 40 yuan
 *   ge     40以上, 100G以上, 至少100G            le     100G以内
 *   gt     超过100G, more than 100GB
 *   than   比39, 比80G: a comparison whose direction the message's words give (更便宜, 多)
 *   is     要100G的: an amount of data with no word around it (at least that much, or more when
 *          the message asks for more: "100G不够用")
 *   between  30到50块, 100到200G (the value is `between:30-50`; the span covers both numbers).
 * The direction of "than", and what "更便宜" or "流量差不多" are compared with, is the dialog's to
 * work out (dialogs/answerers/plans.ts): here are only the numbers and their units.
 */
import { chineseNumber } from './ages.js';
import type { Entity } from './entities.js';

const NUM = '(\\d{1,4}|[一二两三四五六七八九十百零]{1,5})';
const YUAN = '(?:元|块钱?|rmb|yuan|¥)';
/** A number that is data: 100G, 100GB, 100个G. */
const GB = '(?:个\\s*)?(?:GB|G|gb|g)(?![a-zA-Z])';
/** Not a fee: what is paid or charged once (首充50元, 充了50块, 退我29), a saving (便宜十块), a number of days or an age. */
const NOT_FEE_BEFORE = '(?<!充|冲|充了|冲了|交了|交|付了|付|退|扣了|扣|话费|花了|押金|运费|便宜|省|降|少)';
const NOT_UNIT_AFTER = '(?!\\s*(?:G|GB|g|gb|个|岁|周岁|天|年|月|日|号|分|%|\\d))';

type Kind = 'price' | 'data_amount';
/** Two numbers: "30到50块", "30-50元之间", "100到200G". */
const RANGES: ReadonlyArray<readonly [Kind, RegExp]> = [
  ['data_amount', new RegExp(`(?<![\\d.])${NUM}\\s*(?:${GB})?\\s*(?:到|至|-|~|～)\\s*${NUM}\\s*${GB}`, 'g')],
  [
    'price',
    new RegExp(
      `${NOT_FEE_BEFORE}(?<![\\d.])${NUM}\\s*${YUAN}?\\s*(?:到|至|-|~|～)\\s*${NUM}\\s*(?:${YUAN}\\s*(?:之间)?|之间)`,
      'gi',
    ),
  ],
];
const PATTERNS: ReadonlyArray<readonly [Kind, string, RegExp]> = [
  // data first, so that "100G以上" is never read as a fee
  ['data_amount', 'than', new RegExp(`比\\s*${NUM}\\s*${GB}`, 'g')],
  [
    'data_amount',
    'ge',
    new RegExp(`(?:至少|起码|最少|不能少于|不少于|不能低于|不低于|at least)\\s*${NUM}\\s*${GB}`, 'gi'),
  ],
  ['data_amount', 'gt', new RegExp(`(?:超过|大于|多于|more than|over)\\s*${NUM}\\s*${GB}`, 'gi')],
  ['data_amount', 'lt', new RegExp(`(?:少于|低于|不到|less than|under)\\s*${NUM}\\s*${GB}`, 'gi')],
  ['data_amount', 'about', new RegExp(`(?:差不多|大概|大约|around|about)\\s*${NUM}\\s*${GB}`, 'gi')],
  ['data_amount', 'about', new RegExp(`(?<![\\d.])${NUM}\\s*${GB}\\s*(?:左右|上下)`, 'g')],
  ['data_amount', 'ge', new RegExp(`(?<![\\d.])${NUM}\\s*${GB}\\s*(?:以上|起|往上|多|\\+)`, 'g')],
  ['data_amount', 'le', new RegExp(`(?<![\\d.])${NUM}\\s*${GB}\\s*(?:以内|以下|之内)`, 'g')],
  ['data_amount', 'is', new RegExp(`(?<![\\d.])${NUM}\\s*${GB}`, 'g')],
  ['price', 'than', new RegExp(`(?:比|便宜过|低过|cheaper than)\\s*${NUM}\\s*${YUAN}?${NOT_UNIT_AFTER}`, 'gi')],
  ['price', 'about', new RegExp(`(?:差不多|大概|大约|around|about)\\s*${NUM}\\s*${YUAN}?${NOT_UNIT_AFTER}`, 'gi')],
  ['price', 'about', new RegExp(`${NOT_FEE_BEFORE}(?<![\\d.])${NUM}\\s*${YUAN}?\\s*(?:左右|上下)`, 'gi')],
  ['price', 'ge', new RegExp(`${NOT_FEE_BEFORE}(?<![\\d.])${NUM}\\s*${YUAN}?\\s*(?:以上|起步)`, 'gi')],
  // a budget in words (三十块以下, 不超过四十): budget.ts reads the same in digits first
  ['price', 'le', new RegExp(`${NOT_FEE_BEFORE}(?<![\\d.])${NUM}\\s*${YUAN}?\\s*(?:以内|以下|之内|封顶)`, 'gi')],
  ['price', 'le', new RegExp(`(?:不超过|不要超过|别超过|不高于|最多|顶多|预算)\\s*${NUM}${NOT_UNIT_AFTER}`, 'gi')],
  ['price', 'eq', new RegExp(`(?:月租|每月|一个月|monthly fee of)\\s*${NUM}${NOT_UNIT_AFTER}`, 'gi')],
  ['price', 'eq', new RegExp(`${NOT_FEE_BEFORE}(?<![\\d.])${NUM}\\s*${YUAN}\\s*(?:的|一个月|每月|\\/月)`, 'gi')],
  ['price', 'eq', new RegExp(`${NOT_FEE_BEFORE}(?<![\\d.])(\\d{2,3})\\s*的(?!G|GB|g|流量)`, 'g')],
];

/** 一百 → 100, 一百五 → 150, 两百 → 200, 一百二十 → 120, 一百零五 → 105; below a hundred as chineseNumber. */
function chineseAmount(s: string): number | undefined {
  const m = /^([一二两三四五六七八九])百(?:零?([一二三四五六七八九十]{1,3}))?$/u.exec(s);
  if (!m) return chineseNumber(s);
  const hundreds = chineseNumber(m[1] === '两' ? '二' : m[1]!)! * 100;
  if (!m[2]) return hundreds;
  // 一百五 (no 十, no 零): fifty; 一百零五: five
  const rest = chineseNumber(m[2]);
  if (rest === undefined) return undefined;
  return hundreds + (!s.includes('零') && rest < 10 ? rest * 10 : rest);
}

function toNumber(raw: string): number | undefined {
  const n = /^\d+$/.test(raw) ? Number(raw) : chineseAmount(raw);
  return n !== undefined && n > 0 ? n : undefined;
}

/** `price` and `data_amount` entities, at most one per number (a range, else the first pattern that reads it). */
export function extractAmounts(text: string): Entity[] {
  const out: Entity[] = [];
  for (const [entity, re] of RANGES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [from, to] = [toNumber(m[1]!), toNumber(m[2]!)];
      if (
        from === undefined ||
        to === undefined ||
        from >= to ||
        out.some((e) => e.start < m!.index + m![0].length && e.end > m!.index)
      )
        continue;
      out.push({ entity, value: `between:${from}-${to}`, start: m.index, end: m.index + m[0].length });
    }
  }
  for (const [entity, op, re] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[1]!;
      const n = toNumber(raw);
      const start = m.index + m[0].indexOf(raw, m[0].search(/[\d一二两三四五六七八九十]/u));
      if (n === undefined || out.some((e) => start >= e.start && start < e.end)) continue;
      // A fee is a few yuan to a few hundred; data ten GB to a few thousand.
      if (entity === 'price' ? n < 5 || n > 500 : n < 10 || n > 5000) continue; // not 5G, 4G: networks
      out.push({ entity, value: `${op}:${n}`, start, end: start + raw.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
