import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp } from '../helpers/app.js';
import { WsClient } from '../helpers/ws-client.js';

describe('WebSocket /ws/chat', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp();
  });
  afterAll(() => built.app.close());

  it('opens a session without a token, answers with message frames and a turn_end', async () => {
    const ws = await WsClient.connect(built.app);
    const [session] = await ws.waitFor((f) => f.type === 'session');
    expect(session).toEqual({ type: 'session', conversationId: expect.any(String), token: expect.any(String) });
    const frames = await ws.say('你好');
    const messages = frames.filter((f) => f.type === 'message');
    expect(messages[0]).toMatchObject({ from: 'customer', text: '你好', seq: 1 });
    expect(messages.slice(1).every((m) => m.from === 'bot')).toBe(true);
    expect(messages.length).toBeGreaterThan(1);
    const end = frames.find((f) => f.type === 'turn_end');
    expect(end?.seq).toBe(messages.at(-1)?.seq);
    expect(frames.indexOf(end!)).toBe(frames.length - 1);
    ws.close();
  });

  it('replays what a reconnecting client missed after a seq, and only that', async () => {
    const first = await WsClient.connect(built.app);
    const [session] = await first.waitFor((f) => f.type === 'session');
    await first.say('你好');
    const lastSeen = 1;
    first.close();
    const again = await WsClient.connect(
      built.app,
      `?conversationId=${session!.conversationId}&token=${session!.token}&after=${lastSeen}`,
    );
    const replayed = await again.waitFor((f) => f.type === 'message');
    expect(replayed[0]!.seq).toBe(2);
    expect(again.frames.some((f) => f.type === 'session')).toBe(false);
    const next = await again.say('172202611100001');
    expect(next.find((f) => f.type === 'message')).toMatchObject({
      from: 'customer',
      seq: (replayed.at(-1)!.seq as number) + 1,
    });
    again.close();
  });

  it('refuses a wrong token with an error frame and a close', async () => {
    const ws = await WsClient.connect(built.app, '?conversationId=00000000-0000-4000-8000-000000000000&token=bad');
    const [err] = await ws.waitFor((f) => f.type === 'error');
    expect(err!.code).toBe('CONVERSATION_NOT_FOUND');
    await expect.poll(() => ws.closed?.code).toBe(4404);
  });

  it('answers bad frames with an error frame and keeps the socket open', async () => {
    const ws = await WsClient.connect(built.app);
    await ws.waitFor((f) => f.type === 'session');
    ws.send('not json');
    ws.send({ type: 'message', text: '' });
    ws.send({ type: 'hello' });
    const errors = await ws.waitFor((f) => f.type === 'error', 3);
    expect(errors.map((e) => e.code).sort()).toEqual(['BAD_REQUEST', 'EMPTY_MESSAGE', 'INVALID_JSON']);
    const frames = await ws.say('你好');
    expect(frames.some((f) => f.type === 'message' && f.from === 'bot')).toBe(true);
    ws.close();
  });

  it('greets a new conversation that asks for it, once, with the opening quick replies', async () => {
    const ws = await WsClient.connect(built.app, '?locale=en&greet=1');
    const [end] = await ws.waitFor((f) => f.type === 'turn_end');
    const opening = ws.frames.filter((f) => f.type === 'message');
    expect(opening.map((m) => [m.seq, m.from])).toEqual([
      [1, 'bot'],
      [2, 'bot'],
    ]);
    expect(opening[0]!.text).toContain('Hello');
    expect(opening[1]).toMatchObject({ at: expect.any(String), suggestions: expect.arrayContaining(['Human agent']) });
    expect(end!.seq).toBe(2);
    // The dialog moved on: "hello" now is not greeted a second time.
    const reply = (await ws.say('hello')).filter((f) => f.type === 'message' && f.from === 'bot');
    expect(reply.map((m) => m.text).join()).not.toContain('Hello!');
    const session = ws.frames.find((f) => f.type === 'session')!;
    const seen = Math.max(...ws.frames.filter((f) => f.type === 'message').map((m) => m.seq as number));
    ws.close();
    // A reconnect of the same conversation is not greeted again.
    const again = await WsClient.connect(
      built.app,
      `?conversationId=${session.conversationId}&token=${session.token}&after=${seen}&greet=1`,
    );
    await again.waitFor((f) => f.type === 'locale');
    expect(again.frames.filter((f) => f.type === 'message')).toEqual([]);
    again.close();
  });

  it("tells the page the conversation's language on connect and whenever it changes", async () => {
    const ws = await WsClient.connect(built.app, '?locale=zh-CN');
    await ws.waitFor((f) => f.type === 'locale');
    expect(ws.frames.filter((f) => f.type === 'locale')).toEqual([{ type: 'locale', locale: 'zh-CN' }]);
    const turn = await ws.say('Why did my order fail?');
    // The switch comes before the replies, so the page's words change with them.
    expect(turn.findIndex((f) => f.type === 'locale' && f.locale === 'en')).toBeLessThan(
      turn.findIndex((f) => f.type === 'message' && f.from === 'bot'),
    );
    // Picking a language on the page: the bot answers in it.
    ws.send({ type: 'locale', locale: 'zh-CN' });
    await ws.waitFor((f) => f.type === 'locale' && f.locale === 'zh-CN', 2);
    const zh = (await ws.say('172202611100001')).filter((f) => f.type === 'message' && f.from === 'bot');
    expect(zh.map((m) => m.text).join()).toContain('后4位');
    ws.send({ type: 'locale', locale: 'fr' });
    expect((await ws.waitFor((f) => f.type === 'error'))[0]).toMatchObject({ code: 'BAD_REQUEST' });
    ws.close();
  });
});
