/**
 * The 172 open API's request signature: lowercase MD5 over the fields sorted by key as `k=v&k=v…`
 * with the secret appended. Public integrations disagree on how the secret is appended, so both
 * variants exist (DOMAIN.md): `append` → `…k=v<secret>`, `amp-secret` → `…k=v&secret=<secret>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type SignVariant = 'append' | 'amp-secret';

/** Fields never part of the string that is signed (the signature itself). */
const UNSIGNED = new Set(['user_sign', 'sign']);

/**
 * The exact string that is hashed. Keys sorted by code unit (ASCII order, as PHP's ksort does for
 * these names); empty values are kept, since the platform signs what it receives.
 */
export function signingString(
  fields: Readonly<Record<string, string | number>>,
  secret: string,
  variant: SignVariant,
): string {
  const base = Object.keys(fields)
    .filter((k) => !UNSIGNED.has(k))
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return variant === 'append' ? `${base}${secret}` : `${base}&secret=${secret}`;
}

export function sign(fields: Readonly<Record<string, string | number>>, secret: string, variant: SignVariant): string {
  return createHash('md5')
    .update(signingString(fields, secret, variant), 'utf8')
    .digest('hex');
}

/** Constant-time comparison of a received signature with the expected one (case-insensitive hex). */
export function signMatches(received: string | undefined | null, expected: string): boolean {
  if (!received) return false;
  const a = Buffer.from(received.trim().toLowerCase(), 'utf8');
  const b = Buffer.from(expected.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
