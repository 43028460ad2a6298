/**
 * Ages a customer states: "我17岁", "今年62", "我妈58了", "今年刚刚18" (啱啱 in Cantonese), "满16周岁", "十七岁", "I'm 62", "62 years old", and of the
 * person the card is for: "she's 15", "my mum is 65", "my son's 14" (a plan's age range applies to the holder).
 * The span covers the number only; the value is the age in decimal digits.
 */
import { CHINESE_DIGITS } from './chinese.js';
import type { Entity } from './entities.js';

const MIN_AGE = 1;
const MAX_AGE = 120;

/** 十七 → 17, 六十二 → 62, 九 → 9; undefined for anything else. */
export function chineseNumber(s: string): number | undefined {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s.length === 0) return undefined;
  if (!m[2]) return m[3] ? undefined : CHINESE_DIGITS[m[1]!];
  return (m[1] ? CHINESE_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CHINESE_DIGITS[m[3]]! : 0);
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
/** Whose age a bare number after them is (我19, 我老伴68): the customer or family the card may be for. */
const PEOPLE = [
  '我',
  '她',
  '他',
  '我妈',
  '我爸',
  '妈妈',
  '爸爸',
  '我老婆',
  '我老公',
  '老伴',
  '老头',
  '老太',
  '孩子',
  '儿子',
  '女儿',
  '闺女',
  '老人',
  '爷爷',
  '奶奶',
  '外公',
  '外婆',
  '姥姥',
  '姥爷',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
]
  .sort((a, b) => b.length - a.length)
  .join('|');
/** Each pattern captures the number in group 1. */
const PATTERNS: RegExp[] = [
  new RegExp(`(?<![\\d.])${NUM}\\s*(?:周岁|虚岁|岁)`, 'g'),
  new RegExp(
    `(?:今年|年龄|年纪|满|快)\\s*(?:是|为|有|已经|才|刚刚|刚|啱啱|啱)?\\s*${NUM}(?![\\d.%])(?!\\s*(?:元|块|号|年|月|日|天|个|G|GB|分))`,
    'g',
  ),
  // a person and a bare number that ends the sentence: 我19, 我妈58了 (not 我18号下的单)
  new RegExp(`(?:${PEOPLE})\\s*(\\d{1,3})\\s*了?(?=$|[\\s,，。.!！?？])`, 'g'),
  /(?<![\w.])(?:i'?m|i am|im|aged?|age is|age:?|turned|turning|s?he'?s|s?he is|(?:son|daughter|kid|child|mum|mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|wife|husband|brother|sister)(?: is|'s))\s+(\d{1,3})(?![\d%]|\.\d)(?!\s*(?:yuan|rmb|dollars?|usd|gb|mb|minutes?|days?|hours?|km|%))(?!(?:th|st|nd|rd)\b)/gi,
  /(?<![\w.])(\d{1,3})\s*(?:years? old|yrs? old|y\/o|yo\b|-year-old)/gi,
];

function toAge(raw: string): number | undefined {
  const n = /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw);
  return n !== undefined && n >= MIN_AGE && n <= MAX_AGE ? n : undefined;
}

/** `age` entities, at most one per span. */
export function extractAges(text: string): Entity[] {
  const found = new Map<number, Entity>();
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[1]!;
      const age = toAge(raw);
      if (age === undefined) continue;
      const start = m.index + m[0].lastIndexOf(raw);
      if (!found.has(start)) found.set(start, { entity: 'age', value: String(age), start, end: start + raw.length });
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}
