/**
 * The PostgreSQL and Redis adapters, in one module that bot/app/app.ts loads only when DATABASE_URL or
 * REDIS_URL is set: `pg` and `ioredis` stay out of an embedded start-up.
 */
export { RedisBus } from '../../adapters/bus/redis.bus.js';
export { RedisLeases, type Lease } from '../../adapters/bus/redis.lease.js';
export { PgStore } from '../../adapters/storage/pg.store.js';
export { PgHandoffStore } from '../../adapters/storage/pg.handoff-store.js';
export { PgSessionStore } from '../../adapters/storage/pg.session-store.js';
export { PgWatchStore } from '../../adapters/storage/pg.watch-store.js';
export { PgCallbackStore } from '../../adapters/storage/pg.callback-store.js';
export { RedisLockoutRecords } from '../../adapters/security/lockout.shared.js';
export { PgLockoutRecords } from '../../adapters/storage/pg.lockout.js';
import { Redis } from 'ioredis';

/**
 * A Redis connection for the rate limit and the lock-out: while Redis is down its commands fail at
 * once (no offline queue), so a turn never waits on it; the lock-out then counts in memory and the
 * rate limit is skipped. Resolves once connected, or after `waitMs` without it.
 */
export async function limiterClient(url: string, waitMs = 3000): Promise<{ redis: Redis; up: boolean }> {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 });
  redis.on('error', () => undefined); // reported by /readyz and the bus; reconnects on its own
  const up = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { redis, up };
}
export { PgAuditLog } from '../../adapters/storage/pg.audit-log.js';
