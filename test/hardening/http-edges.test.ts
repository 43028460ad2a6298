/**
 * The contract at the edges (issue 22, finding 11): every refusal in the `{ error: { code, message } }`
 * shape with its own status — a status push over 64 KB (413), a path parameter too long (414),
 * headers too large (431), a request during shutdown (503), a text/plain body (415), a parameter
 * given twice to /ws/chat (400) — a message of only invisible characters refused as empty, and
 * /metrics behind METRICS_TOKEN when one is set.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { parseResponse, rawHttp } from '../helpers/raw-http.js';
import { WsClient } from '../helpers/ws-client.js';

let built: BuiltApp | undefined;
afterEach(async () => {
  await built?.app.close();
  built = undefined;
});

const errorOf = (res: { statusCode: number; json(): unknown }) => [
  res.statusCode,
  (res.json() as { error: { code: string; message: string } }).error,
];

describe('refusals in the error shape', () => {
  it('answers a status push over 64 KB with 413, as JSON and as a form', async () => {
    built = await testApp({ PLATFORM_SECRET: 's' });
    const big = {
      RequidId: 'r1',
      Data: JSON.stringify({ OrderNo: '172202611100001', OrderStatus: '审核失败', Remark: 'x'.repeat(70_000) }),
    };
    const json = await built.app.inject({ method: 'POST', url: '/callbacks/172', payload: big });
    expect(errorOf(json)).toEqual([413, { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) }]);
    const form = await built.app.inject({
      method: 'POST',
      url: '/callbacks/172',
      payload: new URLSearchParams(big).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(errorOf(form)).toEqual([413, { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) }]);
  });

  it('answers a path parameter over 100 characters with 414', async () => {
    built = await testApp();
    const res = await built.app.inject({ method: 'GET', url: `/api/conversations/${'a'.repeat(200)}/messages` });
    expect(errorOf(res)).toEqual([414, { code: 'URI_TOO_LONG', message: expect.any(String) }]);
  });

  it("answers headers over Node's limit with 431, and closes the connection", async () => {
    built = await testApp();
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = built.app.server.address() as net.AddressInfo;
    const raw = await rawHttp(port, `GET /healthz?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`).closed;
    expect(parseResponse(raw)).toMatchObject({
      status: 431,
      body: { error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) } },
    });
  });

  it('answers a text/plain body with 415', async () => {
    built = await testApp();
    const c = await new RestCustomer(built).open();
    const res = await built.app.inject({
      method: 'POST',
      url: `/api/conversations/${c.conversationId}/messages`,
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'text/plain' },
      payload: '{"text":"你好"}',
    });
    expect(errorOf(res)).toEqual([415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) }]);
  });

  it('answers a token or conversationId given twice to /ws/chat with a clear 400', async () => {
    built = await testApp();
    const c = await new RestCustomer(built).open();
    for (const query of [
      `?conversationId=${c.conversationId}&token=${c.token}&token=${c.token}`,
      `?conversationId=${c.conversationId}&conversationId=x&token=${c.token}`,
    ]) {
      const ws = await WsClient.connect(built.app, query);
      const [error] = await ws.waitFor((f) => f.type === 'error');
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/more than once/) });
      await new Promise<void>((resolve) => (ws.closed ? resolve() : ws.socket.once('close', () => resolve())));
      expect(ws.closed?.code).toBe(4400);
    }
  });

  it('answers a request that arrives while the server shuts down with 503, after finishing the turn in flight', async () => {
    const standIn = await createPlatformStandIn({ userId: 'u1', secret: 's1', sign: 'append', latencyMs: 800 });
    try {
      built = await testApp({
        ORDER_SOURCE: 'platform',
        PLATFORM_URL: standIn.url,
        PLATFORM_USER_ID: 'u1',
        PLATFORM_SECRET: 's1',
        PLATFORM_CACHE_SECONDS: '0',
      });
      await built.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(built.app.server.address() as net.AddressInfo).port}`;
      const c = await new RestCustomer(built).open();
      const slow = fetch(`${base}/api/conversations/${c.conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '172202611100001' }),
      });
      while (!(await built.store.listMessages(c.conversationId, 0)).length) await new Promise((r) => setTimeout(r, 20)); // the turn has begun
      const closing = built.app.close();
      const late = await fetch(`${base}/healthz`);
      expect([late.status, await late.json()]).toEqual([
        503,
        { error: { code: 'SHUTTING_DOWN', message: expect.any(String) } },
      ]);
      expect(late.headers.get('connection')).toBe('close');
      expect(((await (await slow).json()) as { replies: Array<{ text: string }> }).replies[0]!.text).toContain('后4位');
      await closing;
      built = undefined;
    } finally {
      await standIn.close();
    }
  });
});

describe('messages', () => {
  it('refuses a message of only zero-width and other invisible characters as empty, on REST and on the socket', async () => {
    built = await testApp();
    const c = await new RestCustomer(built).open();
    const invisible = '\u200b\u200c\u200d\u2060\ufeff\u202e \u3164';
    const res = await built.app.inject({
      method: 'POST',
      url: `/api/conversations/${c.conversationId}/messages`,
      headers: { authorization: `Bearer ${c.token}` },
      payload: { text: invisible },
    });
    expect(errorOf(res)).toEqual([400, { code: 'EMPTY_MESSAGE', message: expect.any(String) }]);
    const ws = await WsClient.connect(built.app, `?conversationId=${c.conversationId}&token=${c.token}`);
    ws.send({ type: 'message', text: '\u200b\u200b' });
    await ws.waitFor((f) => f.type === 'error' && f.code === 'EMPTY_MESSAGE');
    ws.close();
    expect(await built.store.listMessages(c.conversationId, 0)).toEqual([]);
  });
});

describe('/metrics', () => {
  it('asks for METRICS_TOKEN when one is set', async () => {
    built = await testApp({ METRICS_TOKEN: 'metrics-token-of-some-length' });
    expect(errorOf(await built.app.inject({ url: '/metrics' }))).toEqual([
      401,
      { code: 'UNAUTHORIZED', message: expect.stringMatching(/METRICS_TOKEN/) },
    ]);
    expect(
      (await built.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-some-length' } }))
        .statusCode,
    ).toBe(401);
    const ok = await built.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-of-some-length' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE');
  });

  it('stays open without one (a private port or network)', async () => {
    built = await testApp();
    expect((await built.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});
