/**
 * Behind proxies (TRUST_PROXY): only the hops the bot was told about are believed. A client that
 * writes its own X-Forwarded-For gets no new rate-limit bucket per made-up address, and a client
 * that reaches the bot directly cannot claim TLS for a Secure cookie.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp } from '../helpers/app.js';

const PROXY = '10.0.0.1';
let built: BuiltApp | undefined;
afterEach(async () => {
  await built?.app.close();
  built = undefined;
});

/** A request as the proxy forwards it: what the client claimed, then the address the proxy saw. */
const viaProxy = (claimed: string, client: string) => ({
  remoteAddress: PROXY,
  headers: { 'x-forwarded-for': `${claimed}, ${client}` },
});

describe.each([
  ['a number of proxies', '1'],
  ['the proxy addresses', `${PROXY},10.0.0.2/31`],
])('TRUST_PROXY as %s', (_what, trust) => {
  it('keys the rate limit on the address the proxy saw, whatever the client claims', async () => {
    built = await testApp({ TRUST_PROXY: trust, RATE_LIMIT_PER_MINUTE: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await built.app.inject({
        method: 'POST',
        url: '/api/conversations',
        payload: {},
        ...viaProxy(`198.51.100.${i}`, '203.0.113.7'),
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([201, 201, 201, 429, 429, 429]);
    // Another client behind the same proxy has its own count.
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: '/api/conversations',
          payload: {},
          ...viaProxy('198.51.100.1', '203.0.113.8'),
        })
      ).statusCode,
    ).toBe(201);
  });
});

// A hop count trusts the nearest hop whoever it is (the bot must not be reachable but through the
// proxies); a list of addresses believes only them.
describe('TRUST_PROXY as a list of addresses', () => {
  it('gives a Secure cookie only when the trusted proxy says the client came over TLS', async () => {
    built = await testApp({ TRUST_PROXY: PROXY, AGENT_AUTH: 'dev' });
    const login = (remoteAddress: string) =>
      built!.app.inject({
        method: 'POST',
        url: '/auth/dev/login',
        payload: { name: 'Alice', role: 'agent' },
        remoteAddress,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      });
    expect(String((await login(PROXY)).headers['set-cookie'])).toMatch(/^__Host-simbot_agent=.*; Secure/);
    expect(String((await login('203.0.113.9')).headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
