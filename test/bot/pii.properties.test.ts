/**
 * The one masking function against generated numbers (fast-check): phones and ID numbers written in
 * every way customers and platforms write them (ASCII, full-width and Chinese digits, any grouping
 * and separator, +86, a label glued in front) and embedded in any text are masked; order numbers,
 * tails and prices are not; and nothing the NLU reads as a phone or an ID survives masking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../bot/nlu/entities.js';
import { toHalfWidth } from '../../bot/nlu/gazetteer.js';
import { containsPii, maskText } from '../../bot/pii.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigit = (first17: string) => '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11]!;

const PROVINCES = ['11', '13', '22', '31', '37', '44', '46', '50', '53', '62', '65', '71', '81'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const region = fc
  .tuple(fc.constantFrom(...PROVINCES), fc.integer({ min: 0, max: 9999 }))
  .map(([p, r]) => p + pad(r, 4));
const monthDay = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([m, d]) => pad(m) + pad(d));

const phone = fc.stringMatching(/^1[3-9]\d{9}$/);
const id18 = fc
  .tuple(region, fc.integer({ min: 1930, max: 2020 }), monthDay, fc.stringMatching(/^\d{3}$/))
  .map(([r, y, md, s]) => {
    const first17 = `${r}${y}${md}${s}`;
    return first17 + checkDigit(first17);
  });
const id15 = fc
  .tuple(region, fc.integer({ min: 30, max: 99 }), monthDay, fc.stringMatching(/^\d{3}$/))
  .map(([r, y, md, s]) => `${r}${y}${md}${s}`);
const orderNo = fc.stringMatching(/^172\d{12}$/);

/** How each digit may be written: ASCII, full-width, or as said in Chinese (幺 for 1, 〇 and 零 for 0, 两 for 2). */
const CHINESE: Record<string, string[]> = {
  0: ['零', '〇'],
  1: ['一', '幺'],
  2: ['二', '两'],
  3: ['三'],
  4: ['四'],
  5: ['五'],
  6: ['六'],
  7: ['七'],
  8: ['八'],
  9: ['九'],
};
const script = fc.constantFrom('ascii', 'fullwidth', 'chinese', 'mixed');
const SEPARATORS = [' ', '-', '.', '\u3000', '\u200b', '－', ' - ', '\u00a0', '\u2060', '/', '．'];

/** A number written out: in one script, cut into groups at random places with a random separator. */
function written(digits: string) {
  return fc
    .tuple(
      script,
      fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
      fc.constantFrom(...SEPARATORS),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([s, cuts, sep, seed]) =>
      [...digits]
        .map((ch, i) => {
          const kind = s === 'mixed' ? ['ascii', 'fullwidth', 'chinese'][(seed + i) % 3]! : s;
          const c = !/\d/.test(ch)
            ? ch
            : kind === 'fullwidth'
              ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0)
              : kind === 'chinese'
                ? CHINESE[ch]![(seed + i) % CHINESE[ch]!.length]!
                : ch;
          return (i > 0 && cuts[i] ? sep : '') + c;
        })
        .join(''),
    );
}

/** Text around a number that is no part of it: any text, kept apart by a character that is neither digit nor separator. */
const around = fc
  .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(([a, b]) => [`${a}：`, `。${b}`] as const);

describe('maskText (properties)', () => {
  it('masks a phone however it is written, keeping the first 3 and last 4 digits', () => {
    const writtenPhone = phone.chain((p) => written(p).map((text) => ({ p, text })));
    fc.assert(
      fc.property(
        writtenPhone,
        fc.constantFrom('', '+86', '+86 ', '86', '0086-'),
        around,
        ({ p, text: num }, prefix, [before, after]) => {
          const masked = maskText(`${before}${prefix}${num}${after}`);
          expect(masked).toContain(`${p.slice(0, 3)}****${p.slice(-4)}`);
          expect(containsPii(masked)).toBe(false);
          expect(maskText(masked)).toBe(masked);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('masks an 18- or 15-digit ID however it is written, label glued in front or not', () => {
    const writtenId = fc
      .tuple(fc.oneof(id18, id15), fc.boolean())
      .chain(([id, lowerX]) => written(lowerX ? id.replace('X', 'x') : id).map((text) => ({ id, text })));
    fc.assert(
      fc.property(
        writtenId,
        fc.constantFrom('', 'ID', '身份证', 'id:'),
        around,
        ({ id, text: num }, label, [before, after]) => {
          const masked = maskText(`${before}${label}${num}${after}`);
          expect(masked).toContain(`${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`);
          expect(containsPii(masked)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('leaves 172 order numbers, whole or in groups of ASCII digits, and phone tails alone', () => {
    fc.assert(
      fc.property(orderNo, fc.constantFrom(' ', '-', ''), fc.stringMatching(/^\d{4}$/), (no, sep, tail) => {
        for (const text of [
          `订单${no}`,
          `单号${no.slice(0, 3)}${sep}${no.slice(3, 7)}${sep}${no.slice(7, 11)}${sep}${no.slice(11)}`,
          `后四位${tail}`,
          `${no} 后四位${tail}`,
        ]) {
          expect(maskText(text)).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });

  // The one exception: the first groups of a 172 order number typed in groups, which the NLU reads as a
  // phone and the order dialog as the order number (spacedOrderNo, dialogs/answerers/order.ts).
  it('leaves nothing the NLU would read as a phone or an ID number, in any text, but for an order number in groups', () => {
    const inOrderNo = (text: string, e: { start: number; end: number }) =>
      [...toHalfWidth(text).matchAll(/172(?:[ .-]?\d){12}/g)].some(
        (m) => e.start >= m.index && e.end <= m.index + m[0].length,
      );
    const messy = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.stringMatching(/^[\d ．.-]{1,20}$/),
          phone.chain(written),
          id18.chain(written),
          fc.constantFrom('一三八', '幺', '\u200b', '１', 'X', '+86'),
        ),
        { maxLength: 12 },
      )
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(messy, (text) => {
        const masked = maskText(text);
        const left = extractIdentifiers(masked).filter(
          (e) => (e.entity === 'phone' || e.entity === 'id_number') && !inOrderNo(masked, e),
        );
        expect(left, masked).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
