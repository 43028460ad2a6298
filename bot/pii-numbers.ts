/**
 * Finding phone and ID numbers in free text however they are written: ASCII, full-width (１３８) or
 * Chinese digits (一三八, 幺 for 1, 〇 for 0: how dictation writes numbers, and how the NLU reads them),
 * in one piece or in groups split by spaces, dashes, dots or invisible characters (138.1234.5678,
 * 440305 19920418 5539, 1 3 8 1 2 3 4 5 6 7 8), after +86 or a label glued to them (ID440305…).
 *
 * A number is read as a run of digit groups. Within a run, the longest stretch of whole groups that
 * reads as a mobile number, an 18-digit ID or a 15-digit (pre-1999) ID is personal data. A 172 order
 * number (172 and 12 digits, typed whole or in groups) and an IPv4 address are not: customers need the
 * first, and logs the second. Digits glued to more digits are a different, longer number.
 */

import { CHINESE_DIGITS as SPOKEN } from './nlu/chinese.js';
import { isValidIdNumber } from './nlu/entities.js';

/** Digits as said (一三八, 幺, 〇, 两) and as written on forms and receipts (壹贰叁), by character code. */
const CHINESE = new Map<number, number>(
  Object.entries({ ...SPOKEN, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 }).map(([ch, v]) => [
    ch.charCodeAt(0),
    v,
  ]),
);

/** The digit the character at `i` stands for, or -1 (by code: no string made per character looked at). */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return c >= 0x3007 ? (CHINESE.get(c) ?? -1) : -1;
}

/**
 * Digits written in Chinese and in Arabic figures form groups of their own, joined without a
 * separator: 138一二三四5678 is one number, and so is a phone followed by 三 (the NLU reads a lone
 * 三 as a word, and the phone before it as a phone).
 */
const isChinese = (text: string, i: number) => CHINESE.has(text.charCodeAt(i));

/** An ID's check letter at `i`: X (any case or width) ending a word, so not the X of XL or a word. */
const checkLetterAt = (text: string, i: number) =>
  /^[XxＸｘ]$/.test(text[i] ?? '') && !/[\p{L}\p{N}]/u.test(text[i + 1] ?? '');

/**
 * What may stand between two groups of one number: white space (full-width too), dashes, dots,
 * slashes, underscores, and invisible format characters (zero-width space and joiners, bidi marks).
 */
const SEPARATOR = /[\s\p{Cf}\-‐‑‒–—―－.．·・_/]/u;
/** At most this many separator characters in a row still join two groups. */
const MAX_GAP = 3;

interface Group {
  start: number;
  end: number;
  digits: string;
  sepBefore: string;
}

/** The runs of digit groups in `text`. */
function runs(text: string): Group[][] {
  const out: Group[][] = [];
  let run: Group[] = [];
  let sepBefore = '';
  for (let i = 0; i < text.length;) {
    const start = i;
    let digits = '';
    if (run.length && checkLetterAt(text, i)) {
      digits = 'X'; // "… 5539 X": the check letter set apart
      i++;
    } else if (digitAt(text, i) >= 0) {
      const chinese = isChinese(text, i);
      for (let d = digitAt(text, i); d >= 0 && isChinese(text, i) === chinese; d = digitAt(text, ++i)) digits += d;
      if (checkLetterAt(text, i)) {
        digits += 'X';
        i++;
      }
    } else {
      i++;
      continue;
    }
    run.push({ start, end: i, digits, sepBefore });
    let j = i;
    while (j < text.length && j - i < MAX_GAP && SEPARATOR.test(text[j]!)) j++;
    if (!digits.endsWith('X') && (digitAt(text, j) >= 0 || (j > i && checkLetterAt(text, j)))) {
      sepBefore = text.slice(i, j);
      i = j;
    } else {
      out.push(run);
      run = [];
      sepBefore = '';
    }
  }
  if (run.length) out.push(run);
  return out;
}

/** Province-level codes that open a resident ID (and 9, the foreigners' permanent residence card). */
const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3]|9\d)/;
const MONTH_DAY = /^(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

/** An ID by its region and birth date (a typo in the check digit is still someone's ID), or by its check digit (as the NLU reads IDs). */
const isId18 = (d: string) =>
  /^\d{17}[\dX]$/.test(d) &&
  ((PROVINCE.test(d) && /^(?:19|20)$/.test(d.slice(6, 8)) && MONTH_DAY.test(d.slice(10, 14))) || isValidIdNumber(d));
const isId15 = (d: string) => /^\d{15}$/.test(d) && PROVINCE.test(d) && MONTH_DAY.test(d.slice(8, 12));
/** The 11-digit mobile number, without a country code 86 or 0086 in front; undefined if it is none. */
const mobile = (d: string) => /^(?:0086|86)?(1[3-9]\d{9})$/.exec(d)?.[1];
const isOrderNo = (d: string) => /^172\d{12}$/.test(d);
/** A whole run that is an IPv4 address, in ASCII (a log's remote address). */
const isIpv4 = (text: string, run: Group[]) =>
  run.length === 4 &&
  run.every((g, k) => /^[0-9]{1,3}$/.test(text.slice(g.start, g.end)) && (k === 0 || g.sepBefore === '.'));

export interface PiiNumber {
  kind: 'phone' | 'id';
  /** UTF-16 span in the text, the + of +86 included. */
  start: number;
  end: number;
  /** In ASCII: the 11-digit mobile number, or the ID with an upper-case X. */
  value: string;
}

/** The longest number worth joining groups for: an 18-character ID (0086 and a phone is 15). */
const MAX_DIGITS = 18;

/** Every phone and ID number in `text`, in order, however it is written. */
export function findPiiNumbers(text: string): PiiNumber[] {
  const found: PiiNumber[] = [];
  for (const groups of runs(text)) {
    if (isIpv4(text, groups)) continue;
    for (let i = 0; i < groups.length;) {
      let joined = '';
      let best: { j: number; kind: PiiNumber['kind']; value: string; prefixed: boolean } | undefined;
      let order = -1;
      for (let j = i; j < groups.length && joined.length + groups[j]!.digits.length <= MAX_DIGITS; j++) {
        joined += groups[j]!.digits;
        if (isOrderNo(joined)) order = j;
        const phone = mobile(joined);
        if (phone) best = { j, kind: 'phone', value: phone, prefixed: joined.length > 11 };
        else if (isId18(joined) || isId15(joined)) best = { j, kind: 'id', value: joined, prefixed: false };
      }
      // An order number typed in groups stays whole, even where its first groups read as a phone.
      if (order >= 0 && (!best || best.j <= order)) {
        i = order + 1;
        continue;
      }
      if (!best) {
        i++;
        continue;
      }
      const start = groups[i]!.start;
      const plus = best.prefixed && text[start - 1] === '+';
      found.push({ kind: best.kind, value: best.value, start: plus ? start - 1 : start, end: groups[best.j]!.end });
      i = best.j + 1;
    }
  }
  return found;
}
