/**
 * The WeChat puppet runs on one instance at a time: two instances on one PostgreSQL and one Redis
 * (both built in this process, each with wechaty-puppet-mock), a 1 s lease. A holds the puppet and B
 * waits; A stops renewing (its Redis connection is cut, as when the process dies) and B takes the
 * puppet over; B shuts down cleanly, releasing it, and A, back on Redis, takes it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp } from '../helpers/app.js';
import { createPgSchema, pgAvailable, redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';

const skip = skipUnlessService('PostgreSQL', pgAvailable) || skipUnlessService('Redis', redisAvailable);

async function until(cond: () => boolean, ms: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

const running = (b: BuiltApp) => b.wechat!.status().state !== 'stopped';

describe.skipIf(skip)('the WeChat puppet lease across two instances', () => {
  let db: Awaited<ReturnType<typeof createPgSchema>>;
  let a: BuiltApp;
  let b: BuiltApp;

  beforeAll(async () => {
    db = await createPgSchema('lease');
    const env = {
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: redisUrl,
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      WECHAT_LEASE_SECONDS: '1',
    };
    a = await testApp(env);
    b = await testApp(env);
  }, 30_000);

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close().catch(() => undefined);
    await db?.drop();
  });

  it('is held by one instance, taken over when the holder stops renewing, and handed back on a clean shutdown', async () => {
    await a.startWechat();
    await b.startWechat();
    expect(running(a)).toBe(true);
    expect(running(b)).toBe(false);

    // A "dies" for Redis: its renewals fail, it never releases. Within about a ttl B has the puppet, and A let go.
    const aRedis = (a.bus as unknown as { client: { disconnect(reconnect?: boolean): void; connect(): Promise<void> } })
      .client;
    aRedis.disconnect();
    const took = await until(() => running(b), 5000, 'B to take the puppet over');
    await until(() => !running(a), 5000, 'A to stop its puppet');
    console.log(`[lease] B took the puppet over ${took} ms after A stopped renewing (ttl 1000 ms)`);

    // A is back on Redis but the lease is B's: A waits.
    await aRedis.connect();
    await new Promise((r) => setTimeout(r, 1000));
    expect(running(a)).toBe(false);
    expect(running(b)).toBe(true);

    // B shuts down cleanly: it releases the lease and A takes the puppet again, on the same WechatChannel.
    await b.app.close();
    await until(() => running(a), 5000, 'A to take the puppet back');
  }, 30_000);
});
