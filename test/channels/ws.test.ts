import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app.js';
import { testApp } from '../helpers/app.js';
import { WsClient } from '../helpers/ws-client.js';

describe('WebSocket /ws/chat', () => {
  let built: BuiltApp;
  beforeAll(async () => { built = await testApp(); });
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
    const again = await WsClient.connect(built.app, `?conversationId=${session!.conversationId}&token=${session!.token}&after=${lastSeen}`);
    const replayed = await again.waitFor((f) => f.type === 'message');
    expect(replayed[0]!.seq).toBe(2);
    expect(again.frames.some((f) => f.type === 'session')).toBe(false);
    const next = await again.say('172202611100001');
    expect(next.find((f) => f.type === 'message')).toMatchObject({ from: 'customer', seq: (replayed.at(-1)!.seq as number) + 1 });
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
});
