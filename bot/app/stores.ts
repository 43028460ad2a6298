/**
 * Chooses where everything is kept, in one place: the embedded SQLite file (one instance) or
 * PostgreSQL and Redis (several instances, loaded only when configured), and the feature stores
 * (handoffs, sessions, order watches, callbacks, audit log, verification lock-out) that live next
 * to the conversations. Tests and other deployments may pass any of them in `deps`.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { MemoryBus } from '../../adapters/bus/memory.bus.js';
import { MemoryLockoutRecords, RecordLockout, type LockoutRecords } from '../../adapters/security/lockout.js';
import { SqliteAuditLog } from '../../adapters/storage/sqlite.audit-log.js';
import { SqliteCallbackStore } from '../../adapters/storage/sqlite.callback-store.js';
import { SqliteHandoffStore } from '../../adapters/storage/sqlite.handoff-store.js';
import { SqliteLockoutRecords } from '../../adapters/storage/sqlite.lockout.js';
import { SqliteSessionStore } from '../../adapters/storage/sqlite.session-store.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { SqliteWatchStore } from '../../adapters/storage/sqlite.watch-store.js';
import type { Config } from '../config.js';
import type { AuditLog } from '../core/ports/audit-log.js';
import type { Bus } from '../core/ports/bus.js';
import type { CallbackStore } from '../core/ports/callback-store.js';
import type { HandoffStore } from '../core/ports/handoff-store.js';
import { LOCK_MINUTES, MAX_TAIL_ATTEMPTS, type VerificationLockout } from '../core/ports/lockout.js';
import type { SessionStore } from '../core/ports/session-store.js';
import type { Store } from '../core/ports/store.js';
import type { WatchStore } from '../core/ports/watch-store.js';

export type Scale = typeof import('./scale-out.js');

export interface FeatureStores {
  handoffs: HandoffStore;
  sessions: SessionStore;
  watches: WatchStore;
  callbacks: CallbackStore;
  audit: AuditLog;
  lockout: VerificationLockout;
}

export interface Storage extends FeatureStores {
  store: Store;
  bus: Bus;
  /** The PostgreSQL/Redis adapters, when loaded. */
  scale: Scale | null;
  /** A fail-fast Redis connection for the rate limit and the lock-out, with Redis. */
  limiterRedis: Awaited<ReturnType<Scale['limiterClient']>> | null;
}

type Given = Partial<FeatureStores> & { store?: Store; bus?: Bus; now?: () => Date };

/** Opens the store, the bus and every feature store for `config`, taking what `given` supplies. */
export async function openStorage(config: Readonly<Config>, given: Given, log: Logger): Promise<Storage> {
  const scale: Scale | null =
    config.databaseUrl || config.redisUrl || (given.store && !(given.store instanceof SqliteStore))
      ? await import('./scale-out.js')
      : null;
  const store: Store =
    given.store ??
    (config.databaseUrl && scale
      ? await scale.PgStore.open(config.databaseUrl, { onError: (err) => log.error({ err }, 'postgres pool error') })
      : new SqliteStore(path.join(config.dataDir, 'bot.sqlite')));
  const bus: Bus =
    given.bus ??
    (config.redisUrl && scale
      ? new scale.RedisBus(config.redisUrl, { onError: (err) => log.warn({ err }, 'redis bus error') })
      : new MemoryBus((err, conversationId) => log.warn({ err, conversationId }, 'bus listener failed')));
  const limiterRedis =
    scale && bus instanceof scale.RedisBus && config.redisUrl ? await scale.limiterClient(config.redisUrl) : null;
  if (limiterRedis && !limiterRedis.up)
    log.error({ redis: config.redisUrl }, 'Redis is not reachable; starting without it');

  const features = await featureStores(store, scale, config.dataDir);
  const now = () => (given.now?.() ?? new Date()).getTime();
  const window = LOCK_MINUTES * 60_000;
  return {
    store,
    bus,
    scale,
    limiterRedis,
    handoffs: given.handoffs ?? features.handoffs(),
    sessions: given.sessions ?? features.sessions(),
    watches: given.watches ?? features.watches(),
    callbacks: given.callbacks ?? features.callbacks(),
    audit: given.audit ?? features.audit(),
    lockout:
      given.lockout ??
      new RecordLockout(lockoutRecords(store, scale, limiterRedis, now, log), {
        maxAttempts: MAX_TAIL_ATTEMPTS,
        windowMs: window,
        lockMs: window,
        now,
      }),
  };
}

/**
 * Where wrong tails are counted, so that every instance sees them: with the conversations in
 * PostgreSQL; else in Redis when instances share one; else in the SQLite file; else (a store of
 * some other kind, one process) in memory.
 */
function lockoutRecords(
  store: Store,
  scale: Scale | null,
  limiterRedis: Storage['limiterRedis'],
  now: () => number,
  log: Logger,
): LockoutRecords {
  if (scale && store instanceof scale.PgStore) return new scale.PgLockoutRecords(store.pool, now);
  if (scale && limiterRedis)
    return new scale.RedisLockoutRecords(limiterRedis.redis, {
      now,
      onError: (err, orderNo) => log.warn({ err, orderNo }, 'lock-out record kept in memory: Redis failed'),
    });
  if (store instanceof SqliteStore) return new SqliteLockoutRecords(store.db, now);
  return new MemoryLockoutRecords(now);
}

/** Factories for the feature stores that live next to `store` (same SQLite file or PostgreSQL database). */
async function featureStores(store: Store, scale: Scale | null, dataDir: string) {
  if (store instanceof SqliteStore) {
    const db = store.db;
    return {
      handoffs: (): HandoffStore => new SqliteHandoffStore(db),
      sessions: (): SessionStore => new SqliteSessionStore(db),
      watches: (): WatchStore => new SqliteWatchStore(db),
      callbacks: (): CallbackStore => new SqliteCallbackStore(db),
      audit: (): AuditLog => new SqliteAuditLog(db),
    };
  }
  if (scale && store instanceof scale.PgStore) {
    // PostgreSQL stores migrate when opened: open them all now (they share the PgStore's pool).
    const [handoffs, sessions, watches, callbacks, audit] = await Promise.all([
      scale.PgHandoffStore.open(store),
      scale.PgSessionStore.open(store),
      scale.PgWatchStore.open(store),
      scale.PgCallbackStore.open(store),
      scale.PgAuditLog.open(store),
      scale.PgLockoutRecords.migrate(store),
    ]);
    return {
      handoffs: () => handoffs,
      sessions: () => sessions,
      watches: () => watches,
      callbacks: () => callbacks,
      audit: () => audit,
    };
  }
  const missing = (what: string) => (): never => {
    throw new Error(`no ${what} for this Store: pass it in deps.${what}`);
  };
  return {
    handoffs: missing('handoffs'),
    sessions: missing('sessions'),
    watches: missing('watches'),
    audit: missing('audit'),
    // The platform's pushes can always be kept in a file of their own.
    callbacks: (): CallbackStore => new SqliteCallbackStore(path.join(dataDir, 'callbacks.sqlite')),
  };
}
