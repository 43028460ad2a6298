/**
 * Faults on the way through a turn: the database failing to store the customer's message (a clear
 * error, and a clean retry with the same client id), or failing after it (a clear reply, the message
 * kept, answered once); retries never answer twice; a kill -9 mid-turn loses nothing.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import type { BuiltApp } from '../../bot/app.js';
import { RestCustomer, tempDir, testApp } from '../helpers/app.js';
import { TEST_NLU_MODEL_DIR } from '../helpers/nlu-models.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A real SQLite store whose next write of the given kind fails once (a full disk, a locked file). */
class FlakyStore extends SqliteStore {
  failCustomer = false;
  failReplies = false;
  override async appendMessage(id: string, msg: { from: 'customer' | 'bot' | 'agent' | 'system'; text: string; suggestions?: string[] }) {
    if (msg.from === 'customer' && this.failCustomer) { this.failCustomer = false; throw new Error('SQLITE_FULL: database or disk is full'); }
    return super.appendMessage(id, msg);
  }
  override async appendMessages(id: string, msgs: ReadonlyArray<{ from: 'customer' | 'bot' | 'agent' | 'system'; text: string; suggestions?: string[] }>) {
    if (this.failReplies) { this.failReplies = false; throw new Error('SQLITE_IOERR: disk I/O error'); }
    return super.appendMessages(id, msgs);
  }
}

let built: BuiltApp | undefined;
afterEach(async () => { await built?.app.close(); built = undefined; });

async function post(c: RestCustomer, payload: object) {
  return built!.app.inject({
    method: 'POST', url: `/api/conversations/${c.conversationId}/messages`,
    headers: { authorization: `Bearer ${c.token}` }, payload,
  });
}

describe('store faults', () => {
  it('a failed write of the customer message is a clear 500, and the retry with the same id is processed once', async () => {
    const store = new FlakyStore(path.join(tempDir('flaky-'), 'bot.sqlite'));
    built = await testApp({}, { store });
    const c = await new RestCustomer(built).open();
    store.failCustomer = true;
    const first = await post(c, { text: '172202611100001', id: 'm-1' });
    expect(first.statusCode).toBe(500);
    expect(first.json().error).toEqual({ code: 'INTERNAL', message: expect.any(String) });
    expect(await store.listMessages(c.conversationId, 0)).toEqual([]);
    const retry = await post(c, { text: '172202611100001', id: 'm-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().replies[0].text).toContain('后4位');
    const again = await post(c, { text: '172202611100001', id: 'm-1' }); // a second retry: already answered
    expect(again.json()).toEqual({ replies: [], duplicate: true });
    const history = await store.listMessages(c.conversationId, 0);
    expect(history.map((m) => m.from)).toEqual(['customer', 'bot']);
  });

  it('a failure after the message is stored answers clearly, keeps the message, and answers it once', async () => {
    const store = new FlakyStore(path.join(tempDir('flaky-'), 'bot.sqlite'));
    built = await testApp({}, { store });
    const c = await new RestCustomer(built).open();
    store.failReplies = true;
    const res = await post(c, { text: '172202611100001', id: 'm-2' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toContain('消息已经收到');
    const retry = await post(c, { text: '172202611100001', id: 'm-2' });
    expect(retry.json().duplicate).toBe(true);
    const history = await store.listMessages(c.conversationId, 0);
    expect(history.filter((m) => m.from === 'customer')).toHaveLength(1);
    // The customer sends it again as a new message and the bot carries on.
    expect((await post(c, { text: '172202611100001', id: 'm-3' })).json().replies[0].text).toContain('后4位');
  });

  it('refuses a malformed client id', async () => {
    built = await testApp();
    const c = await new RestCustomer(built).open();
    const res = await post(c, { text: 'hi', id: '../../etc' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('kill -9 mid-turn', () => {
  it('keeps the customer message, never answers twice, and carries on after the restart', async () => {
    const standIn = await createPlatformStandIn({ userId: 'u1', secret: 's1', sign: 'append', latencyMs: 2000 });
    const dataDir = tempDir('kill-');
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
    });
    const env = {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NLU_MODEL_DIR: TEST_NLU_MODEL_DIR, LOG_LEVEL: 'warn', NODE_ENV: 'test',
      ORDER_SOURCE: 'platform', PLATFORM_URL: standIn.url, PLATFORM_USER_ID: 'u1', PLATFORM_SECRET: 's1', PLATFORM_TIMEOUT_MS: '4000',
      DATABASE_URL: '', REDIS_URL: '',
    };
    const start = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
      const deadline = Date.now() + 20_000;
      while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline) throw new Error('server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      return child;
    };
    let child = await start();
    try {
      const open = await (await fetch(`http://127.0.0.1:${port}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { conversationId: string; token: string };
      const say = (text: string, id: string) => fetch(`http://127.0.0.1:${port}/api/conversations/${open.conversationId}/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${open.token}` }, body: JSON.stringify({ text, id }),
      });
      const pending = say('172202611100001', 'k-1').catch(() => null); // the look-up takes 2 s
      await new Promise((r) => setTimeout(r, 400));
      child.kill('SIGKILL');
      await pending;
      child = await start();
      // The message was kept; the bot had not answered it.
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat?conversationId=${open.conversationId}&token=${encodeURIComponent(open.token)}&after=0`);
      const frames: Array<Record<string, unknown>> = [];
      ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
      await new Promise((r) => ws.once('open', r));
      await new Promise((r) => setTimeout(r, 300));
      expect(frames.filter((f) => f.type === 'message').map((f) => [f.from, f.text])).toEqual([['customer', '172202611100001']]);
      // The client's retry of the same message is not answered twice; a new message is answered.
      expect(await (await say('172202611100001', 'k-1')).json()).toEqual({ replies: [], duplicate: true });
      standIn.setLatency(0);
      const next = await (await say('172202611100001', 'k-2')).json() as { replies: Array<{ text: string }> };
      expect(next.replies[0]!.text).toContain('后4位');
      ws.close();
      const store = new SqliteStore(path.join(dataDir, 'bot.sqlite'));
      const history = await store.listMessages(open.conversationId, 0);
      await store.close();
      expect(history.map((m) => m.from)).toEqual(['customer', 'customer', 'bot']);
    } finally {
      child.kill('SIGKILL');
      await standIn.close();
    }
  }, 60_000);
});
