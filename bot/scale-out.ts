/**
 * The PostgreSQL and Redis adapters, in one module that bot/app.ts loads only when DATABASE_URL or
 * REDIS_URL is set: `pg` and `ioredis` stay out of an embedded start-up.
 */
export { RedisBus } from '../adapters/bus/redis.bus.js';
export { RedisLeases, type Lease } from '../adapters/bus/redis.lease.js';
export { PgStore } from '../adapters/storage/pg.store.js';
export { PgHandoffStore } from '../adapters/storage/pg.handoff-store.js';
export { PgSessionStore } from '../adapters/storage/pg.session-store.js';
export { PgWatchStore } from '../adapters/storage/pg.watch-store.js';
export { PgCallbackStore } from '../adapters/storage/pg.callback-store.js';
export { redisLockout } from '../adapters/security/lockout.shared.js';
export { PgAuditLog } from '../adapters/storage/pg.audit-log.js';
