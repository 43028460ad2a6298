import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, signingString, signMatches } from '../../adapters/orders/platform.sign.js';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const fields = { user_id: '10086', Timestamp: '1764000000', DownOrderID: '172202611100001' };

describe('172 request signature', () => {
  it('append: sorted k=v&… with the secret appended directly', () => {
    const expected = 'DownOrderID=172202611100001&Timestamp=1764000000&user_id=10086s3cr3t';
    expect(signingString(fields, 's3cr3t', 'append')).toBe(expected);
    expect(sign(fields, 's3cr3t', 'append')).toBe(md5(expected));
  });

  it('amp-secret: sorted k=v&… then &secret=…', () => {
    const expected = 'DownOrderID=172202611100001&Timestamp=1764000000&user_id=10086&secret=s3cr3t';
    expect(sign(fields, 's3cr3t', 'amp-secret')).toBe(md5(expected));
  });

  it('is lowercase hex and leaves the signature field itself out', () => {
    const s = sign({ ...fields, user_sign: 'whatever' }, 'k', 'append');
    expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(s).toBe(sign(fields, 'k', 'append'));
  });

  it('signs UTF-8 values as they are (no URL encoding)', () => {
    expect(sign({ b: '已发货', a: '1' }, 'x', 'append')).toBe(md5('a=1&b=已发货x'));
  });

  it('compares signatures case-insensitively and rejects blanks and wrong lengths', () => {
    const s = sign(fields, 'k', 'append');
    expect(signMatches(s.toUpperCase(), s)).toBe(true);
    expect(signMatches('', s)).toBe(false);
    expect(signMatches(undefined, s)).toBe(false);
    expect(signMatches(s.slice(1), s)).toBe(false);
  });
});
