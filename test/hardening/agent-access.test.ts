/**
 * Which agent may read which conversation, over REST and the live socket alike (issue 22, finding 10):
 * the agent holding it, every agent while it waits in the queue, supervisors always. And the console's
 * live socket ends with its session (finding 5): at sign-out, at expiry, when the agent signs in with
 * another role, and when another instance ends the session.
 */
import type WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';

let built: BuiltApp;
const others: BuiltApp[] = [];
beforeEach(async () => {
  built = await testApp({ AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' });
});
afterEach(async () => {
  await built.app.close();
  for (const o of others.splice(0)) await o.app.close();
});

interface Agent {
  cookie: string;
  csrf: string;
}

async function signIn(name: string, role: 'agent' | 'supervisor' = 'agent', on = built): Promise<Agent> {
  const res = await on.app.inject({ method: 'POST', url: '/auth/dev/login', payload: { name, role } });
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** The console's live socket, collecting frames. */
async function agentSocket(
  a: Agent,
  on = built,
): Promise<{
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  next: (pred: (f: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}> {
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let closed!: Promise<{ code: number; reason: string }>;
  const ws = (await on.app.injectWS(
    '/ws/agent',
    { headers: { cookie: a.cookie } },
    {
      onInit: (s) => {
        s.on('message', (d: Buffer) => {
          frames.push(JSON.parse(String(d)) as Record<string, unknown>);
          waiters.splice(0).forEach((w) => w());
        });
        closed = new Promise((resolve) =>
          s.on('close', (code: number, reason: Buffer) => resolve({ code, reason: String(reason) })),
        );
      },
    },
  )) as unknown as WebSocket;
  const next = async (pred: (f: Record<string, unknown>) => boolean) => {
    for (;;) {
      const f = frames.find(pred);
      if (f) return f;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  await next((f) => f.type === 'ready');
  return { ws, frames, next, closed };
}

const get = (a: Agent, url: string) => built.app.inject({ url, headers: { cookie: a.cookie } });
const post = (a: Agent, url: string, payload: object) =>
  built.app.inject({ method: 'POST', url, headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, payload });

async function queued(): Promise<string> {
  const c = await new RestCustomer(built).open();
  await c.say('转人工');
  return c.conversationId;
}

describe('reading a conversation', () => {
  it('is for the agent holding it and supervisors, over REST and the socket alike, and for any agent once it is over', async () => {
    const id = await queued();
    const [alice, bob, boss] = [await signIn('Alice'), await signIn('Bob'), await signIn('Boss', 'supervisor')];
    // Waiting: every agent may look before taking it.
    expect((await get(bob, `/api/agent/conversations/${id}`)).statusCode).toBe(200);
    expect((await post(alice, `/api/agent/conversations/${id}/claim`, {})).statusCode).toBe(200);

    for (const url of [`/api/agent/conversations/${id}`, `/api/agent/conversations/${id}/canned`]) {
      const res = await get(bob, url);
      expect([res.statusCode, res.json().error.code], url).toEqual([403, 'FORBIDDEN']);
      expect((await get(alice, url)).statusCode).toBe(200);
      expect((await get(boss, url)).statusCode).toBe(200);
    }
    expect((await post(bob, `/api/agent/conversations/${id}/notes`, { text: 'peek' })).statusCode).toBe(403);

    const bobLive = await agentSocket(bob);
    bobLive.ws.send(JSON.stringify({ type: 'watch', conversationId: id }));
    expect(await bobLive.next((f) => f.type === 'error')).toMatchObject({ code: 'FORBIDDEN', conversationId: id });
    const bossLive = await agentSocket(boss);
    bossLive.ws.send(JSON.stringify({ type: 'watch', conversationId: id }));
    // Watching: the next message in the conversation reaches the supervisor, never Bob.
    await post(alice, `/api/agent/conversations/${id}/messages`, { text: '您好' });
    await bossLive.next((f) => f.type === 'message' && f.conversationId === id);
    expect(bobLive.frames.some((f) => f.type === 'message')).toBe(false);
    bobLive.ws.close();
    bossLive.ws.close();
    // Over: a customer's earlier conversation, which any agent may read (and no longer write in).
    expect((await post(alice, `/api/agent/conversations/${id}/resolve`, {})).statusCode).toBe(200);
    expect((await get(bob, `/api/agent/conversations/${id}`)).statusCode).toBe(200);
    expect((await post(bob, `/api/agent/conversations/${id}/messages`, { text: '补充一句' })).statusCode).toBe(409);
  });

  it('is for supervisors alone when the conversation never asked for a person', async () => {
    const c = await new RestCustomer(built).open();
    await c.say('你好');
    const [alice, boss] = [await signIn('Alice'), await signIn('Boss', 'supervisor')];
    expect((await get(alice, `/api/agent/conversations/${c.conversationId}`)).statusCode).toBe(403);
    expect((await get(boss, `/api/agent/conversations/${c.conversationId}`)).statusCode).toBe(200);
  });
});

describe('the console socket', () => {
  it('closes when the agent signs out', async () => {
    const alice = await signIn('Alice');
    const live = await agentSocket(alice);
    expect((await post(alice, '/auth/logout', {})).statusCode).toBe(204);
    expect(await live.closed).toEqual({ code: 4401, reason: 'signed out' });
  });

  it('closes when the session expires', async () => {
    const short = await testApp({ AGENT_AUTH: 'dev', SESSION_HOURS: String(1 / 3600) }); // one second
    others.push(short);
    const live = await agentSocket(await signIn('Alice', 'agent', short), short);
    expect(await live.closed).toEqual({ code: 4401, reason: 'session expired' });
  });

  it('closes, with every other session of the agent, when the agent signs in with another role', async () => {
    const asAgent = await signIn('Alice');
    const live = await agentSocket(asAgent);
    await signIn('Alice', 'supervisor');
    expect(await live.closed).toEqual({ code: 4401, reason: 'role changed' });
    expect((await get(asAgent, '/api/agent/queue')).statusCode).toBe(401);
  });

  it('closes when another instance ends the session', async () => {
    const other = await testApp({ AGENT_AUTH: 'dev', DATA_DIR: (built as BuiltApp & { dataDir: string }).dataDir });
    others.push(other);
    const alice = await signIn('Alice');
    const live = await agentSocket(alice);
    const out = await other.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(await live.closed).toEqual({ code: 4401, reason: 'session ended' });
  });
});
