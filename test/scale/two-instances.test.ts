/**
 * Two instances on one PostgreSQL and one Redis: instance A is a real `bot/app/main.ts` process, B is
 * built in this process. A customer on A escalates, an agent signed in on B claims and replies, the
 * customer on A sees it live; A is killed (SIGKILL) and the customer carries on through B with
 * nothing lost.
 */
import type { ChildProcess } from 'node:child_process';
import type net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp, tempDir } from '../helpers/app.js';
import { freePort, startServer } from '../helpers/server-process.js';
import { createPgSchema, pgAvailable, redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';
const skip = skipUnlessService('PostgreSQL', pgAvailable) || skipUnlessService('Redis', redisAvailable);

interface Frame {
  type: string;
  [k: string]: unknown;
}

/** A web-chat customer over a real socket. */
class Customer {
  frames: Frame[] = [];
  private constructor(public ws: WebSocket) {
    ws.on('message', (d) => this.frames.push(JSON.parse(String(d)) as Frame));
  }
  static async connect(url: string): Promise<Customer> {
    const ws = new WebSocket(url);
    const c = new Customer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return c;
  }
  async waitFor(pred: (f: Frame) => boolean, ms = 10_000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const f = this.frames.find(pred);
      if (f) return f;
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  async say(text: string): Promise<void> {
    const n = this.frames.length;
    this.ws.send(JSON.stringify({ type: 'message', text }));
    await this.waitFor((f) => f.type === 'turn_end' && this.frames.indexOf(f) >= n);
  }
  lastSeq(): number {
    return Math.max(0, ...this.frames.filter((f) => typeof f.seq === 'number').map((f) => f.seq as number));
  }
}

describe.skipIf(skip)('two instances on PostgreSQL and Redis', () => {
  let db: Awaited<ReturnType<typeof createPgSchema>>;
  let a: ChildProcess;
  let aPort: number;
  let b: BuiltApp;
  let bUrl: string;

  beforeAll(async () => {
    db = await createPgSchema('two');
    const env = {
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: redisUrl,
      AGENT_AUTH: 'dev',
      BUSINESS_HOURS: '00:00-24:00',
      RATE_LIMIT_PER_MINUTE: '100000',
    };

    // B first: it applies the migrations; A then finds them done (and the advisory lock makes it safe either way).
    b = await testApp(env);
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    bUrl = `http://127.0.0.1:${(b.app.server.address() as net.AddressInfo).port}`;

    aPort = await freePort();
    a = (await startServer(aPort, { ...env, DATA_DIR: tempDir('inst-a-') })).child;
  }, 40_000);

  afterAll(async () => {
    a?.kill('SIGKILL');
    await b?.app.close();
    await db?.drop();
  });

  it('reports the database and Redis as ready on both instances', async () => {
    for (const base of [`http://127.0.0.1:${aPort}`, bUrl]) {
      const r = await fetch(`${base}/readyz`);
      expect(await r.json()).toEqual({ status: 'ok', database: 'ok', bus: 'ok' });
    }
  });

  it('customer on A, agent on B, then A dies and the customer carries on through B', async () => {
    const customer = await Customer.connect(`ws://127.0.0.1:${aPort}/ws/chat`);
    const session = await customer.waitFor((f) => f.type === 'session');
    const { conversationId, token } = session as unknown as { conversationId: string; token: string };
    await customer.say('我的订单172202611100001为什么失败了');
    await customer.say('0251');
    await customer.say('转人工');
    await customer.waitFor((f) => f.type === 'queue');

    // The agent signs in on B and sees the customer queued on A.
    const login = await fetch(`${bUrl}/auth/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alice', role: 'agent' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const me = (await (await fetch(`${bUrl}/api/agent/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
    const queue = (await (await fetch(`${bUrl}/api/agent/queue`, { headers })).json()) as {
      waiting: Array<{ conversationId: string; failureCode?: string }>;
    };
    expect(queue.waiting).toContainEqual(expect.objectContaining({ conversationId, failureCode: 'ID_INFO_INVALID' }));
    expect(
      (await fetch(`${bUrl}/api/agent/conversations/${conversationId}/claim`, { method: 'POST', headers, body: '{}' }))
        .status,
    ).toBe(200);
    await customer.waitFor((f) => f.type === 'message' && f.from === 'system' && String(f.text).includes('Alice'));

    // B → Redis → A: the agent's reply reaches the customer's socket on A.
    await fetch(`${bUrl}/api/agent/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: '您好，我是Alice，来帮您处理' }),
    });
    await customer.waitFor(
      (f) => f.type === 'message' && f.from === 'agent' && f.text === '您好，我是Alice，来帮您处理',
    );
    const seenOnA = customer.lastSeq();

    // A dies without a goodbye. Meanwhile the agent writes again (on B).
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    await fetch(`${bUrl}/api/agent/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: '您在吗？' }),
    });

    // The page reconnects, to B, and asks for what it missed.
    const again = await Customer.connect(
      `${bUrl.replace('http', 'ws')}/ws/chat?conversationId=${conversationId}&token=${encodeURIComponent(token)}&after=${seenOnA}`,
    );
    const missed = await again.waitFor((f) => f.type === 'message' && f.text === '您在吗？');
    expect(missed.seq).toBe(seenOnA + 1);
    await again.say('在的，我要重新下单');
    const history = await b.store.listMessages(conversationId, 0);
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1)); // no gap, no duplicate
    expect(history.at(-1)).toMatchObject({ from: 'customer', text: '在的，我要重新下单' });
    expect(history.filter((m) => m.from === 'agent').map((m) => m.text)).toEqual([
      '您好，我是Alice，来帮您处理',
      '您在吗？',
    ]);
    again.ws.close();
    customer.ws.close();
  }, 60_000);
});
