/**
 * Verification lock-out records in Redis, for instances that share Redis but not a PostgreSQL
 * database. One key per order (`<prefix>:<orderNo>`, JSON, expiring with the record); an update is a
 * compare-and-set (a Lua script), tried again when another instance changed the key in between.
 * While Redis is unreachable each instance keeps counting in its own memory rather than failing the turn.
 */
import type { Redis } from 'ioredis';
import { MemoryLockoutRecords, type LockoutRecord, type LockoutRecords } from './lockout.js';

export interface RedisLockoutOptions {
  /** Prefix of the Redis keys; default `tail`. Tests use a unique one. */
  keyPrefix?: string;
  now?: () => number;
  /** Hears each Redis failure that sent a record to the in-memory fallback. Default: ignored. */
  onError?: (err: Error, orderNo: string) => void;
}

/** Sets (or deletes, for an empty value) KEYS[1] only if it still holds ARGV[1] ('' for absent). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

const ATTEMPTS = 20;

export class RedisLockoutRecords implements LockoutRecords {
  private readonly prefix: string;
  private readonly now: () => number;
  /** Used only while Redis does not answer. */
  private readonly fallback: MemoryLockoutRecords;
  private readonly onError: (err: Error, orderNo: string) => void;

  constructor(
    private readonly redis: Redis,
    opts: RedisLockoutOptions = {},
  ) {
    this.prefix = `${opts.keyPrefix ?? 'tail'}:`;
    this.now = opts.now ?? Date.now;
    this.fallback = new MemoryLockoutRecords(this.now);
    this.onError = opts.onError ?? (() => undefined);
  }

  async get(orderNo: string): Promise<LockoutRecord | null> {
    try {
      const raw = await this.redis.get(this.prefix + orderNo);
      return raw ? (JSON.parse(raw) as LockoutRecord) : null;
    } catch (err) {
      this.onError(err as Error, orderNo);
      return this.fallback.get(orderNo);
    }
  }

  async update<T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ): Promise<T> {
    const key = this.prefix + orderNo;
    for (let i = 0; i < ATTEMPTS; i++) {
      let outcome: { set: boolean; result: T };
      try {
        const raw = (await this.redis.get(key)) ?? '';
        const { next, result } = change(raw ? (JSON.parse(raw) as LockoutRecord) : null);
        const ttl = next ? Math.max(1, next.expiresAt - this.now()) : 0;
        outcome = {
          set:
            (await this.redis.eval(COMPARE_AND_SET, 1, key, raw, next ? JSON.stringify(next) : '', String(ttl))) === 1,
          result,
        };
      } catch (err) {
        this.onError(err as Error, orderNo);
        return this.fallback.update(orderNo, change);
      }
      if (outcome.set) return outcome.result;
    }
    throw new Error(`the lock-out record of ${orderNo} changed under every one of ${ATTEMPTS} tries`);
  }

  async delete(orderNo: string): Promise<void> {
    await this.fallback.delete(orderNo);
    await this.redis.del(this.prefix + orderNo).catch((err: Error) => this.onError(err, orderNo)); // the record expires with its window anyway
  }
}
