/**
 * An acknowledged message is answered exactly once, even across a crash (issue 22, finding 2). As the
 * issue found it: the bot (a real `bot/app/main.ts` process) on the 172 platform stand-in taking 2 s a
 * look-up; five messages q0–q4 sent 50 ms apart to one conversation; `kill -9` one second in, while
 * q0 waits on the platform and q1–q4 queue behind it; a restart; a client retrying every message until
 * it is answered. On SQLite and on PostgreSQL: every message ends stored once and answered once, and
 * each retry gets that answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformStandIn, type PlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import { PgStore } from '../../adapters/storage/pg.store.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import type { Store } from '../../bot/core/ports/store.js';
import { tempDir } from '../helpers/app.js';
import { createPgSchema, pgAvailable, skipUnlessService } from '../helpers/services.js';
import { freePort, startServer } from '../helpers/server-process.js';

const ORDERS = ['172202611100001', '172202611100002', '172202611100003', '172202611100004', '172202611100005'];
interface Answer {
  status: number;
  replies: Array<{ text: string }>;
  duplicate?: boolean;
}

let standIn: PlatformStandIn;
beforeAll(async () => {
  standIn = await createPlatformStandIn({ userId: 'u1', secret: 's1', sign: 'append', latencyMs: 2000 });
});
afterAll(async () => {
  await standIn.close();
});

async function crashAndRetry(
  name: string,
  storage: Record<string, string>,
  openStore: () => Promise<Store>,
): Promise<void> {
  standIn.setLatency(2000);
  const port = await freePort();
  const env = {
    ...storage,
    REDIS_URL: '',
    ORDER_SOURCE: 'platform',
    PLATFORM_URL: standIn.url,
    PLATFORM_USER_ID: 'u1',
    PLATFORM_SECRET: 's1',
    PLATFORM_TIMEOUT_MS: '4000',
    ANSWER_LEASE_SECONDS: '2',
  };
  let server = await startServer(port, env);
  try {
    const open = (await (
      await fetch(`${server.base}/api/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { conversationId: string; token: string };
    const send = (i: number): Promise<Answer> =>
      fetch(`${server.base}/api/conversations/${open.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${open.token}` },
        body: JSON.stringify({ text: ORDERS[i], id: `q${i}` }),
      }).then(async (r) => ({ status: r.status, ...((await r.json()) as Omit<Answer, 'status'>) }));

    // q0–q4, 50 ms apart; kill -9 one second after q0.
    const t0 = Date.now();
    const first = ORDERS.map((_, i) => new Promise((r) => setTimeout(r, 50 * i)).then(() => send(i)).catch(() => null));
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() - t0)));
    server.child.kill('SIGKILL');
    await server.exited;
    expect((await Promise.all(first)).every((a) => a === null)).toBe(true); // nobody got an answer

    // What the crash left: q0 stored, unanswered; q1–q4 never acknowledged, so never stored.
    const left = await openStore();
    expect((await left.listMessages(open.conversationId, 0)).map((m) => [m.from, m.text])).toEqual([
      ['customer', ORDERS[0]],
    ]);
    await left.close();

    standIn.setLatency(0);
    const restarted = Date.now();
    server = await startServer(port, env);
    let pending = 0;
    const retried = await Promise.all(
      ORDERS.map(async (_, i) => {
        for (;;) {
          const a = await send(i).catch(() => null);
          if (a?.status === 200) return a;
          if (a?.status === 202) pending++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }),
    );
    console.log(
      `${name}: all 5 answered ${Date.now() - restarted} ms after the restart began; ${pending} retries answered 202 (still being answered)`,
    );

    const store = await openStore();
    try {
      const history = await store.listMessages(open.conversationId, 0);
      const customers = history.filter((m) => m.from === 'customer');
      expect(customers.map((m) => m.text).sort()).toEqual(ORDERS); // each stored once
      for (const [i, order] of ORDERS.entries()) {
        const seq = customers.find((m) => m.text === order)!.seq;
        const answer = await store.answerOf(open.conversationId, seq);
        expect(
          answer?.map((m) => m.text),
          order,
        ).toEqual([expect.stringContaining(order)]); // answered, with one reply
        expect(retried[i]!.replies.map((r) => r.text)).toEqual(answer!.map((m) => m.text)); // and the client got that answer
        expect(
          history.filter((m) => m.from === 'bot' && m.text.includes(order)),
          order,
        ).toHaveLength(1); // once
      }
      expect(history).toHaveLength(10);
      // Retried once more: the same answers, nothing new.
      for (const [i] of ORDERS.entries())
        expect(await send(i)).toEqual({ status: 200, replies: retried[i]!.replies, duplicate: true });
      expect(await store.listMessages(open.conversationId, 0)).toHaveLength(10);
    } finally {
      await store.close();
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  } finally {
    server.child.kill('SIGKILL');
  }
}

describe('kill -9 with messages in flight', () => {
  it('on SQLite: every message ends answered exactly once', async () => {
    const dataDir = tempDir('crash-');
    await crashAndRetry(
      'SQLite',
      { DATA_DIR: dataDir, DATABASE_URL: '' },
      async () => new SqliteStore(`${dataDir}/bot.sqlite`),
    );
  }, 90_000);

  it.skipIf(skipUnlessService('PostgreSQL', pgAvailable))(
    'on PostgreSQL: every message ends answered exactly once',
    async () => {
      const db = await createPgSchema('crash');
      try {
        await crashAndRetry('PostgreSQL', { DATABASE_URL: db.databaseUrl, DATA_DIR: tempDir('crash-pg-') }, () =>
          PgStore.open(db.databaseUrl),
        );
      } finally {
        await db.drop();
      }
    },
    90_000,
  );
});
