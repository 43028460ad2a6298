/**
 * The verification lock-out on every backend its records can live in: memory, the SQLite file (two
 * connections), PostgreSQL (two pools, one schema) and Redis (two connections, a key prefix of its
 * own); and Redis lost, where each instance keeps counting in memory.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { expect, it } from 'vitest';
import { MemoryLockoutRecords, RecordLockout } from '../../adapters/security/lockout.js';
import { RedisLockoutRecords } from '../../adapters/security/lockout.shared.js';
import { PgLockoutRecords } from '../../adapters/storage/pg.lockout.js';
import { PgStore } from '../../adapters/storage/pg.store.js';
import { openSqlite } from '../../adapters/storage/sqlite.db.js';
import { SqliteLockoutRecords } from '../../adapters/storage/sqlite.lockout.js';
import { tempDir } from '../helpers/app.js';
import { createPgSchema, pgAvailable, redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';
import { lockoutContract } from '../ports/lockout.contract.js';

lockoutContract('memory', async (now) => {
  const records = new MemoryLockoutRecords(now);
  return { a: records, b: records, close: async () => undefined };
});

lockoutContract('SQLite', async (now) => {
  const file = path.join(tempDir('lockout-'), 'bot.sqlite');
  const [one, two] = [openSqlite(file), openSqlite(file)];
  return {
    a: new SqliteLockoutRecords(one, now),
    b: new SqliteLockoutRecords(two, now),
    close: async () => {
      one.close();
      two.close();
    },
  };
});

if (!skipUnlessService('PostgreSQL', pgAvailable)) {
  lockoutContract('PostgreSQL', async (now) => {
    const db = await createPgSchema('lockout');
    const store = await PgStore.open(db.databaseUrl);
    await PgLockoutRecords.migrate(store);
    const other = new pg.Pool({ connectionString: db.databaseUrl });
    return {
      a: new PgLockoutRecords(store.pool, now),
      b: new PgLockoutRecords(other, now),
      close: async () => {
        await other.end();
        await store.close();
        await db.drop();
      },
    };
  });
}

if (!skipUnlessService('Redis', redisAvailable)) {
  lockoutContract('Redis', async (now) => {
    const keyPrefix = `test-tail-${randomUUID()}`;
    const [one, two] = [new Redis(redisUrl), new Redis(redisUrl)];
    return {
      a: new RedisLockoutRecords(one, { keyPrefix, now }),
      b: new RedisLockoutRecords(two, { keyPrefix, now }),
      close: async () => {
        const keys = await one.keys(`${keyPrefix}:*`);
        if (keys.length) await one.del(...keys);
        one.disconnect();
        two.disconnect();
      },
    };
  });

  it('keeps Redis keys under the prefix, expiring with the record', async () => {
    const keyPrefix = `test-tail-${randomUUID()}`;
    const redis = new Redis(redisUrl);
    try {
      const lockout = new RecordLockout(new RedisLockoutRecords(redis, { keyPrefix }), {
        maxAttempts: 5,
        windowMs: 900_000,
        lockMs: 900_000,
      });
      await lockout.fail('O1');
      const ttl = await redis.pttl(`${keyPrefix}:O1`);
      expect(ttl).toBeGreaterThan(895_000);
      expect(ttl).toBeLessThanOrEqual(900_000);
      await redis.del(`${keyPrefix}:O1`);
    } finally {
      redis.disconnect();
    }
  });
}

it('counts in memory while Redis does not answer, and says so', async () => {
  const redis = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  const failures: string[] = [];
  const records = new RedisLockoutRecords(redis, { onError: (_err, orderNo) => failures.push(orderNo) });
  const lockout = new RecordLockout(records, { maxAttempts: 2, windowMs: 60_000, lockMs: 60_000 });
  expect(await lockout.fail('O1')).toBe(1);
  expect(await lockout.fail('O1')).toBe(0);
  expect(await lockout.lockedFor('O1')).toBe(60);
  expect(failures.length).toBeGreaterThanOrEqual(3);
  expect(new Set(failures)).toEqual(new Set(['O1']));
  redis.disconnect();
});
