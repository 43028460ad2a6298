/**
 * Rule-based entity extraction: the things a customer types that must be read exactly
 * (order numbers, phone tails, ID numbers, phones). Spans are UTF-16 offsets into the text,
 * like String.prototype.slice.
 */
import { extractAges } from './ages.js';
import { extractAmounts } from './amounts.js';
import { extractBudget } from './budget.js';
import { CHINESE_DIGITS } from './chinese.js';
import { toHalfWidth } from './gazetteer.js';
import { extractOperators } from './operators.js';
import { extractPlaces } from './places.js';
import type { PlanMatcher } from './plans.js';

export interface Entity {
  entity: string;
  value: string;
  start: number;
  end: number;
}

/** The distributor's order numbers: an optional 1–4 letter prefix and 12–22 digits. */
export const ORDER_NO_RE = /(?<![0-9A-Za-z])([A-Za-z]{0,4}\d{12,22})(?![0-9A-Za-z])/g;
/** What a well-formed order number looks like, for validating a whole answer. */
export const ORDER_NO_FORMAT = /^[A-Za-z]{0,4}\d{12,22}$/;
const PHONE_RE = /(?<![0-9])(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?![0-9])/g;
const ID_RE = /(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])/g;
// Not a tail: a year, an amount or a date ("2024年", "1000元", "1000块").
const TAIL_RE = /(?<![0-9.$¥￥])(\d{4})(?![0-9])(?!\s*(?:年|元|块|月|日|岁|%|\.\d|yuan|rmb))/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

function* matches(re: RegExp, text: string): Generator<{ value: string; start: number; end: number }> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1]!;
    const start = m.index + m[0].indexOf(value);
    yield { value, start, end: start + value.length };
  }
}

/** Four or more Chinese digits in a row (a number read out, not 一二 or 三四个 in a sentence). */
const CHINESE_DIGITS_RE = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}]{4,}`, 'g');

/** Runs of four or more digits written as Chinese characters (一三八零 → 1380), one character for one. */
export function spokenDigits(text: string): string {
  return text.replace(CHINESE_DIGITS_RE, (run) => [...run].map((c) => CHINESE_DIGITS[c]).join(''));
}

/**
 * Finds order numbers, ID numbers, phone numbers and 4-digit phone tails.
 * An 18-digit string with a valid ID check digit is an ID number, never an order number.
 */
export function extractIdentifiers(text: string): Entity[] {
  // Full-width digits (１２３) and digits written in Chinese (voice input: 一七二二零…) count too;
  // both mappings keep every offset.
  text = spokenDigits(toHalfWidth(text));
  const out: Entity[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (entity: string, value: string, start: number, end: number) => {
    out.push({ entity, value, start, end });
    taken.push([start, end]);
  };

  for (const m of matches(ID_RE, text)) {
    if (isValidIdNumber(m.value)) add('id_number', m.value.toUpperCase(), m.start, m.end);
  }
  for (const m of matches(PHONE_RE, text)) {
    if (free(m.start, m.end)) add('phone', m.value.replace(/[\s-]/g, ''), m.start, m.end);
  }
  for (const m of matches(ORDER_NO_RE, text)) {
    if (free(m.start, m.end)) add('order_no', m.value.toUpperCase(), m.start, m.end);
  }
  for (const m of matches(TAIL_RE, text)) {
    if (free(m.start, m.end)) add('phone_tail', m.value, m.start, m.end);
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface ExtractOptions {
  /** Fuzzy plan-name lookup over the catalogue; without it no `plan` entities are found. */
  plans?: PlanMatcher;
}

/**
 * Every entity the bot knows: identifiers (order_no, id_number, phone, phone_tail), province and
 * city, operator, age, plan, budget and the fee or data asked for (amounts.ts). An age is never also a phone tail; a place or operator inside an
 * identifier (10086 in a longer number) is dropped. Sorted by start offset.
 */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  const ids = extractIdentifiers(text);
  const inId = (e: Entity) => ids.some((x) => e.start < x.end && e.end > x.start);
  const extra = [
    ...extractPlaces(text),
    ...extractOperators(text),
    ...extractAges(text),
    ...(options.plans?.find(text) ?? []),
  ].filter((e) => !inId(e));
  // A budget is not an age said with the same number ("我30岁 30以内的"), nor inside an identifier.
  const budgets = extractBudget(text).filter((b) => !inId(b) && !extra.some((e) => e.start === b.start));
  extra.push(...budgets);
  // A fee or an amount of data ("29的", "100G以上"), not inside a plan's name (联通大王卡29元), an age, a budget or an identifier.
  const amounts = extractAmounts(text).filter(
    (a) => !inId(a) && !extra.some((e) => a.start < e.end && a.end > e.start),
  );
  extra.push(...amounts);
  return [...ids, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
}
