/**
 * Redis lost: an instance configured for Redis whose Redis does not answer still serves customers
 * at full speed (messages stored first; publishing skipped), keeps locking out guessers (in-memory
 * insurance), and says so on /readyz.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';

describe('Redis lost', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  }, 20_000);
  afterAll(async () => {
    await built.app.close();
  });

  it('reports the bus down on /readyz and stays healthy', async () => {
    const r = await built.app.inject({ url: '/readyz' });
    expect([r.statusCode, r.json()]).toEqual([503, { status: 'unavailable', database: 'ok', bus: 'down' }]);
    expect((await built.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers customers without waiting on Redis, and still locks out guessers', async () => {
    const c = await new RestCustomer(built).open();
    const t0 = Date.now();
    expect((await c.say('172202611100005')).map((x) => x.text).join()).toContain('后4位');
    for (const tail of ['1111', '2222', '3333', '4444']) await c.say(tail);
    const locked = (await c.say('5555')).map((x) => x.text).join();
    expect(locked).toContain('锁定');
    expect(Date.now() - t0).toBeLessThan(2000); // six turns
    const d = await new RestCustomer(built).open();
    expect((await d.say('172202611100005')).map((x) => x.text).join()).toContain('锁定');
    expect((await c.history()).filter((m) => m.from === 'customer')).toHaveLength(6);
  });
});
