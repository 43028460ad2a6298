import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';

describe('REST channel: bad input gets a clear answer', () => {
  let built: BuiltApp;
  let c: RestCustomer;
  beforeAll(async () => {
    built = await testApp();
    c = await new RestCustomer(built).open();
  });
  afterAll(() => built.app.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    built.app.inject({
      method: 'POST',
      url,
      payload: payload as string,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const msgUrl = () => `/api/conversations/${c.conversationId}/messages`;
  const auth = () => ({ authorization: `Bearer ${c.token}` });

  it('opens a conversation with a token', async () => {
    const res = await post('/api/conversations', { locale: 'en' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ conversationId: expect.any(String), token: expect.stringMatching(/^[\w-]{20,}$/) });
  });

  it.each([
    ['empty text', { text: '' }, 400, 'EMPTY_MESSAGE'],
    ['blank text', { text: '   \n ' }, 400, 'EMPTY_MESSAGE'],
    ['missing text', {}, 400, 'BAD_REQUEST'],
    ['text not a string', { text: 42 }, 400, 'BAD_REQUEST'],
    ['over 2,000 characters', { text: '好'.repeat(2001) }, 400, 'MESSAGE_TOO_LONG'],
    ['an array body', [1, 2], 400, 'BAD_REQUEST'],
  ])('%s → %i %s', async (_name, payload, status, code) => {
    const res = await post(msgUrl(), JSON.stringify(payload), auth());
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await post(msgUrl(), '{"text": "hi"', auth());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('a bad locale → 400', async () => {
    const res = await post('/api/conversations', { locale: 'fr' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/zh-CN/);
  });

  it('wrong or missing token → 401, unknown conversation → 404', async () => {
    expect((await post(msgUrl(), { text: 'hi' })).statusCode).toBe(401);
    expect((await post(msgUrl(), { text: 'hi' }, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    const other = await new RestCustomer(built).open();
    const res = await post(msgUrl(), { text: 'hi' }, { authorization: `Bearer ${other.token}` });
    expect(res.statusCode).toBe(401);
    const missing = await post(
      '/api/conversations/00000000-0000-4000-8000-000000000000/messages',
      { text: 'hi' },
      auth(),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    const get = await built.app.inject({ method: 'GET', url: `/api/conversations/${c.conversationId}/messages` });
    expect(get.statusCode).toBe(401);
  });

  it('markup comes back as the same inert text, never changed into something else', async () => {
    const replies = await c.say('<script>alert(1)</script> 订单<img src=x onerror=alert(2)>');
    const history = await c.history(0);
    expect(
      history.some(
        (m) => m.from === 'customer' && m.text === '<script>alert(1)</script> 订单<img src=x onerror=alert(2)>',
      ),
    ).toBe(true);
    expect(replies.every((r) => !r.text.includes('<script>'))).toBe(true);
  });

  it('history pages by seq', async () => {
    const d = await new RestCustomer(built).open();
    await d.say('你好');
    const all = await d.history(0);
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]).toMatchObject({ from: 'customer', text: '你好' });
    expect(await d.history(all.length)).toEqual([]);
    const bad = await built.app.inject({
      method: 'GET',
      url: `/api/conversations/${d.conversationId}/messages?after=-1`,
      headers: { authorization: `Bearer ${d.token}` },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('health and metrics answer', async () => {
    expect((await built.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const m = await built.app.inject('/metrics');
    expect(m.statusCode).toBe(200);
    expect(m.body).toMatch(/bot_turns_total\{channel="rest"\} \d+/);
  });

  it('unknown routes → 404 in the error shape', async () => {
    const res = await built.app.inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
