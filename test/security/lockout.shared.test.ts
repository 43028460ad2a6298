/**
 * The shared verification lock-out on a real Redis, as two app instances use it: each has its own
 * connection, and they must share one count per order. A random key prefix keeps runs apart.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisLockout } from '../../adapters/security/lockout.shared.js';
import { LOCK_MINUTES, MAX_TAIL_ATTEMPTS } from '../../bot/ports/lockout.js';
import { redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';

describe.skipIf(skipUnlessService('Redis', redisAvailable))('redisLockout', () => {
  const keyPrefix = `test-tail-${randomUUID()}`;
  const clients: Redis[] = [];
  const instance = () => {
    const redis = new Redis(redisUrl);
    clients.push(redis);
    return redisLockout(redis, { keyPrefix });
  };
  const a = instance();
  const b = instance();
  const order = () => `SO${randomUUID().slice(0, 12)}`;

  afterAll(async () => {
    const keys = await clients[0]!.keys(`${keyPrefix}:*`);
    if (keys.length) await clients[0]!.del(...keys);
    for (const c of clients) c.disconnect();
  });

  it('counts wrong tails for one order across two instances and locks it on both', async () => {
    const o = order();
    const left = [await a.fail(o), await b.fail(o), await a.fail(o), await b.fail(o)];
    expect(left).toEqual([1, 2, 3, 4].map((n) => MAX_TAIL_ATTEMPTS - n));
    expect(await a.lockedFor(o)).toBe(0);
    expect(await b.fail(o)).toBe(0);
    for (const l of [a, b]) {
      const secs = await l.lockedFor(o);
      expect(secs).toBeGreaterThan(LOCK_MINUTES * 60 - 5);
      expect(secs).toBeLessThanOrEqual(LOCK_MINUTES * 60);
    }
    // Further tries while locked change nothing and say 0 left.
    expect(await a.fail(o)).toBe(0);
    expect(await b.lockedFor(o)).toBeGreaterThan(LOCK_MINUTES * 60 - 5);
    expect(await a.lockedFor(order())).toBe(0);
  });

  it('clears the count everywhere when one instance sees the right tail', async () => {
    const o = order();
    await a.fail(o);
    await a.fail(o);
    await b.succeed(o);
    expect(await a.fail(o)).toBe(MAX_TAIL_ATTEMPTS - 1);
    await a.succeed(o);
    expect(await b.lockedFor(o)).toBe(0);
  });

  it('hands out each remaining attempt once under concurrent failures on both instances', async () => {
    const o = order();
    const left = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).fail(o)));
    expect([...left].sort((x, y) => y - x)).toEqual([...Array.from({ length: MAX_TAIL_ATTEMPTS }, (_, i) => MAX_TAIL_ATTEMPTS - 1 - i),
      ...Array(10 - MAX_TAIL_ATTEMPTS).fill(0)]);
    expect(await a.lockedFor(o)).toBeGreaterThan(0);
  });

  it('keeps its keys under the given prefix', async () => {
    const o = order();
    await a.fail(o);
    const ttl = await clients[0]!.ttl(`${keyPrefix}:${o}`);
    expect(ttl).toBeGreaterThan(LOCK_MINUTES * 60 - 5);
    expect(ttl).toBeLessThanOrEqual(LOCK_MINUTES * 60);
  });
});
