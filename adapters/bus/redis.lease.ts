/**
 * Leases in Redis: at most one instance holds a key at a time (the WeChat puppet login, a handoff
 * being claimed). A lease is `SET key owner NX PX ttl`; it ends when its holder releases it or stops
 * renewing it. Renew and release check the owner inside a Lua script, so an instance whose lease
 * already expired (a long GC pause, a network split) can never extend or delete its successor's.
 *
 * A lease is not a fence: a holder that stalls past its ttl may still act once more before it
 * notices. Keep ttl well above a renewal interval, and give up the work when `onLost` fires.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface Lease {
  readonly key: string;
  /** Random per acquisition: what proves this holder is the owner. */
  readonly owner: string;
  readonly ttlMs: number;
  /** Extends the lease to `ttlMs` from now; false when it is no longer ours (expired, taken). */
  renew(): Promise<boolean>;
  /** Gives the lease up; false when it was no longer ours. Stops any keep-alive. */
  release(): Promise<boolean>;
  /**
   * Renews every `intervalMs` (default ttl/3) until released; calls `onLost` once if a renewal
   * finds the lease gone or Redis unreachable for longer than the ttl.
   */
  keepAlive(onLost: () => void, intervalMs?: number): void;
}

export class RedisLeases {
  private readonly prefix: string;

  /** Any ordinary (non-subscriber) connection, e.g. `RedisBus.client`. */
  constructor(
    private readonly redis: Redis,
    opts: { prefix?: string } = {},
  ) {
    this.prefix = opts.prefix ?? 'lease:';
  }

  /** The lease, or null when someone else holds it. */
  async acquire(name: string, ttlMs: number): Promise<Lease | null> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0)
      throw new Error(`lease ttl must be a positive integer of ms, got ${ttlMs}`);
    const key = this.prefix + name;
    const owner = randomUUID();
    const ok = await this.redis.set(key, owner, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? this.lease(key, owner, ttlMs) : null;
  }

  /** Who holds the lease now (its owner token), or null. */
  async holder(name: string): Promise<string | null> {
    return this.redis.get(this.prefix + name);
  }

  private lease(key: string, owner: string, ttlMs: number): Lease {
    const redis = this.redis;
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    };
    const renew = async () => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1;
    return {
      key,
      owner,
      ttlMs,
      renew,
      async release() {
        stop();
        return (await redis.eval(RELEASE, 1, key, owner)) === 1;
      },
      keepAlive(onLost, intervalMs = Math.max(1, Math.floor(ttlMs / 3))) {
        stop();
        let lastOk = Date.now();
        let lost = false;
        const lose = () => {
          // A renewal still in flight when the lease was released does not count as a loss.
          if (lost || timer === undefined) return;
          lost = true;
          stop();
          onLost();
        };
        timer = setInterval(() => {
          renew().then(
            (ok) => (ok ? (lastOk = Date.now()) : lose()),
            // Redis unreachable: the key may still be ours; it surely is not once ttl has passed.
            () => {
              if (Date.now() - lastOk >= ttlMs) lose();
            },
          );
        }, intervalMs);
        timer.unref();
      },
    };
  }
}
