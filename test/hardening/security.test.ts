/**
 * Abuse and bad input against the real app: rate limits (loopback not exempt), flooding a socket,
 * security headers, the verification lock-out across conversations and restarts, oversized and
 * malformed bodies, prototype-pollution keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { WsClient } from '../helpers/ws-client.js';

let apps: BuiltApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.app.close();
  apps = [];
});
async function app(env: Record<string, string> = {}) {
  const built = await testApp(env);
  apps.push(built);
  return built;
}
const texts = (r: Array<{ text: string }>) => r.map((x) => x.text).join('\n');

describe('rate limits', () => {
  it('limits the customer APIs per client IP, loopback included, with the error shape', async () => {
    const built = await app({ RATE_LIMIT_PER_MINUTE: '5' });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push(
        (await built.app.inject({ method: 'POST', url: '/api/conversations', payload: {}, remoteAddress: '127.0.0.1' }))
          .statusCode,
      );
    }
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/nlu/parse',
      payload: { text: 'hi' },
      remoteAddress: '127.0.0.1',
    });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // Another client is not affected; health checks are never limited.
    expect(
      (await built.app.inject({ method: 'POST', url: '/api/conversations', payload: {}, remoteAddress: '10.0.0.9' }))
        .statusCode,
    ).toBe(201);
    for (let i = 0; i < 10; i++) expect((await built.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers a flood of socket messages with an error frame instead of turns', async () => {
    const built = await app();
    const ws = await WsClient.connect(built.app);
    const [session] = await ws.waitFor((f) => f.type === 'session');
    for (let i = 0; i < 16; i++) ws.send({ type: 'message', text: `你好${i}` });
    await ws.waitFor((f) => f.type === 'error' && f.code === 'RATE_LIMITED');
    await ws.waitFor((f) => f.type === 'turn_end', 10);
    await new Promise((r) => setTimeout(r, 200));
    const stored = await built.store.listMessages(session!.conversationId as string, 0);
    expect(stored.filter((m) => m.from === 'customer')).toHaveLength(10);
    ws.close();
  });
});

describe('headers', () => {
  it('serves the web chat with a strict CSP, nosniff and no framing', async () => {
    const built = await app();
    const res = await built.app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the page
  });
});

describe('verification lock-out', () => {
  it('locks an order for every conversation after 5 wrong tails, even against the right tail, and across a restart', async () => {
    const built = await app();
    const a = await new RestCustomer(built).open();
    await a.say('172202611100002');
    for (const tail of ['1111', '2222', '3333', '4444']) expect(texts(await a.say(tail))).toContain('不一致');
    expect(texts(await a.say('5555'))).toContain('锁定');

    // A fresh conversation gets no new guesses, and the right tail does not unlock it.
    const b = await new RestCustomer(built).open();
    expect(texts(await b.say('172202611100002'))).toContain('锁定');
    const right = (await import('../../knowledge/demo-orders.json', { with: { type: 'json' } })).default
      .find((o: { OrderNo: string }) => o.OrderNo === '172202611100002')!
      .Phone.slice(-4);
    const reply = texts(await b.say(right));
    expect(reply).not.toContain('原因');

    const dataDir = (built as BuiltApp & { dataDir: string }).dataDir;
    await built.app.close();
    apps = [];
    const again = await app({ DATA_DIR: dataDir });
    const c = await new RestCustomer(again).open();
    expect(texts(await c.say('172202611100002'))).toContain('锁定');
  });

  it('counts wrong tails per order across conversations, and a right tail clears the count', async () => {
    const built = await app();
    const a = await new RestCustomer(built).open();
    await a.say('172202611100004');
    await a.say('1111');
    await a.say('2222');
    const b = await new RestCustomer(built).open();
    await b.say('172202611100004');
    expect(texts(await b.say('3333'))).toMatch(/2 (次|more)/); // 5 - 3 wrong so far
  });
});

describe('bad bodies', () => {
  it('refuses oversized bodies and messages early, and malformed JSON, with clear codes', async () => {
    const built = await app();
    const c = await new RestCustomer(built).open();
    const url = `/api/conversations/${c.conversationId}/messages`;
    const headers = { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' };
    const big = await built.app.inject({
      method: 'POST',
      url,
      headers,
      payload: JSON.stringify({ text: 'x'.repeat(70_000) }),
    });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const long = await built.app.inject({
      method: 'POST',
      url,
      headers,
      payload: JSON.stringify({ text: '字'.repeat(2001) }),
    });
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'MESSAGE_TOO_LONG']);
    const bad = await built.app.inject({ method: 'POST', url, headers, payload: '{"text": "hi"' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'INVALID_JSON']);
    // Nothing of the refused requests reached the conversation.
    expect(await built.store.listMessages(c.conversationId, 0)).toEqual([]);
  });

  it('ignores prototype-pollution keys', async () => {
    const built = await app();
    const c = await new RestCustomer(built).open();
    const res = await built.app.inject({
      method: 'POST',
      url: `/api/conversations/${c.conversationId}/messages`,
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      payload: '{"text":"你好","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    });
    expect([200, 400]).toContain(res.statusCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
