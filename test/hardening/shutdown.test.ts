/**
 * Graceful shutdown of a real `bot/app/main.ts` process: SIGTERM in the middle of a turn (the order
 * platform takes a second to answer) finishes that turn, then closes the socket with 1012 ("service
 * restart", the page reconnects), and the process exits 0. Nothing the customer sent is lost.
 */
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformStandIn, type PlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { tempDir } from '../helpers/app.js';
import { freePort, startServer } from '../helpers/server-process.js';

describe('graceful shutdown', () => {
  let standIn: PlatformStandIn;
  beforeAll(async () => {
    standIn = await createPlatformStandIn({ userId: 'u1', secret: 's1', sign: 'append', latencyMs: 1500 });
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('finishes the turn in flight, closes sockets with a reconnect hint, exits 0', async () => {
    const port = await freePort();
    const dataDir = tempDir('shutdown-');
    const { child, exited } = await startServer(port, {
      DATA_DIR: dataDir,
      ORDER_SOURCE: 'platform',
      PLATFORM_URL: standIn.url,
      PLATFORM_USER_ID: 'u1',
      PLATFORM_SECRET: 's1',
      PLATFORM_TIMEOUT_MS: '4000',
      DATABASE_URL: '',
      REDIS_URL: '',
    });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat`);
      const frames: Array<Record<string, unknown>> = [];
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
      );
      ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
      await new Promise((r) => ws.once('open', r));
      while (!frames.some((f) => f.type === 'session')) await new Promise((r) => setTimeout(r, 20));
      const conversationId = frames.find((f) => f.type === 'session')!.conversationId as string;

      ws.send(JSON.stringify({ type: 'message', text: '172202611100001' }));
      await new Promise((r) => setTimeout(r, 300)); // the look-up is now waiting on the slow platform
      child.kill('SIGTERM');

      const close = await closed;
      expect(close.code).toBe(1012);
      expect(close.reason).toContain('reconnect');
      // The turn finished before the socket closed: its reply and turn_end arrived.
      expect(frames.some((f) => f.type === 'message' && f.from === 'bot' && String(f.text).includes('后4位'))).toBe(
        true,
      );
      expect(frames.some((f) => f.type === 'turn_end')).toBe(true);
      expect(await exited).toBe(0);

      // And it is all in the database: the customer's message once, the reply once.
      const store = new SqliteStore(path.join(dataDir, 'bot.sqlite'));
      const history = await store.listMessages(conversationId, 0);
      await store.close();
      expect(history.map((m) => m.from)).toEqual(['customer', 'bot']);
      expect(history[0]!.text).toBe('172202611100001');
      expect(history[1]!.text).toContain('后4位');
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);
});
