/**
 * Property-based tests (fast-check): the inbound path never crashes or leaks on arbitrary input,
 * and the identifier parsers keep their promises on any text.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { extractEntities, isValidIdNumber } from '../../bot/nlu/entities.js';
import { containsPii, maskText } from '../../bot/pii.js';
import { RestCustomer, testApp } from '../helpers/app.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigit = (first17: string) => '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11]!;

/** Text a customer might send: any Unicode, control characters, digits runs, markup, emoji. */
const messy = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('订单', '172202611100001', '0251', '<script>', '\u0000', '\u202e', '😀', ' ', '１２３', '\n'),
        fc.stringMatching(/^\d{1,22}$/),
      ),
      { maxLength: 20 },
    )
    .map((xs) => xs.join('')),
);

describe('inbound path (properties)', () => {
  let built: BuiltApp;
  let customer: RestCustomer;
  beforeAll(async () => {
    built = await testApp();
    customer = await new RestCustomer(built).open();
  });
  afterAll(() => built.app.close());

  it('answers any text with 200 or a clear 4xx, never a 5xx, and never echoes a full phone number', async () => {
    await fc.assert(
      fc.asyncProperty(messy, async (text) => {
        const res = await built.app.inject({
          method: 'POST',
          url: `/api/conversations/${customer.conversationId}/messages`,
          headers: { authorization: `Bearer ${customer.token}` },
          payload: { text },
        });
        expect(
          res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500),
          `${res.statusCode} ${res.body}`,
        ).toBe(true);
        const body = res.json();
        if (res.statusCode === 200) {
          for (const r of body.replies as Array<{ text: string }>) expect(containsPii(r.text)).toBe(false);
        } else {
          expect(body.error.code).toMatch(/^[A-Z_]+$/);
        }
      }),
      { numRuns: 150 },
    );
    // Everything stored is masked, whatever came in.
    for (const m of await built.store.listMessages(customer.conversationId, 0, 10_000))
      expect(containsPii(m.text), m.text).toBe(false);
  });

  it('answers any JSON body shape (wrong types, nested junk, pollution keys) with a clear 4xx or 200', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const res = await built.app.inject({
          method: 'POST',
          url: `/api/conversations/${customer.conversationId}/messages`,
          headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(value),
        });
        expect(res.statusCode < 500, res.body).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('answers malformed JSON with INVALID_JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return s.trim().length > 0;
          }
        }),
        async (raw) => {
          const res = await built.app.inject({
            method: 'POST',
            url: `/api/conversations/${customer.conversationId}/messages`,
            headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
            payload: raw,
          });
          expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_JSON']);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('parsers (properties)', () => {
  it('entity spans always lie inside the text, do not overlap within identifiers, and never throw', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const es = extractEntities(text);
        for (const e of es) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(e.end).toBeGreaterThan(e.start);
        }
        const ids = es.filter((e) => ['order_no', 'phone', 'id_number', 'phone_tail'].includes(e.entity));
        for (let i = 1; i < ids.length; i++) expect(ids[i]!.start).toBeGreaterThanOrEqual(ids[i - 1]!.end);
      }),
      { numRuns: 500 },
    );
  });

  it('finds an order number anywhere in a sentence, with its exact span', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12,22}$/),
        fc.constantFrom('我的订单', 'order ', '单号：', ''),
        fc.constantFrom('为什么失败了', '?', ''),
        (no, before, after) => {
          // Digits that read as an ID number or a mobile number (with or without the country code 86,
          // as PHONE_RE reads them) are those entities, not an order number.
          fc.pre(!(no.length === 18 && isValidIdNumber(no)) && !/^(?:86)?1[3-9]\d{9}$/.test(no));
          const text = `${before}${no}${after}`;
          const e = extractEntities(text).find((x) => x.entity === 'order_no');
          expect(e?.value).toBe(no);
          expect(text.slice(e!.start, e!.end)).toBe(no);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the ID numbers whose check digit is right', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.constantFrom(...'0123456789X'), (first17, last) => {
        expect(isValidIdNumber(first17 + last)).toBe(last === checkDigit(first17));
      }),
      { numRuns: 500 },
    );
  });

  // A number glued to more digits is a different, longer number (an order number can be 22 digits),
  // so the property separates them the way any written text does.
  it('masking leaves no full phone or valid ID number in any text', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.stringMatching(/^\d{17}$/),
        fc.string({ maxLength: 30 }),
        (phone, first17, filler) => {
          const id = first17 + checkDigit(first17);
          const masked = maskText(`${filler} 电话${phone}，身份证${id} ${filler}`);
          expect(masked).not.toContain(phone);
          expect(masked).not.toContain(id);
          expect(containsPii(masked)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
