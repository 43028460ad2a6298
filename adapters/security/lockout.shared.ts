/**
 * The verification lock-out shared by several instances: the counts live in Redis, so a customer
 * cannot get MAX_TAIL_ATTEMPTS guesses per instance by being spread over them by the load balancer.
 * Same limits and the same RateLimiterLockout wrapper as the SQLite lock-out of one instance.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { LOCK_MINUTES, MAX_TAIL_ATTEMPTS } from '../../bot/ports/lockout.js';
import { RateLimiterLockout } from './lockout.js';

export interface RedisLockoutOptions {
  /** Prefix of the Redis keys (`<prefix>:<orderNo>`); default `tail`. Tests use a unique one. */
  keyPrefix?: string;
}

/** A lock-out counting wrong tails per order number in Redis: MAX_TAIL_ATTEMPTS, then LOCK_MINUTES locked. */
export function redisLockout(redis: Redis, opts: RedisLockoutOptions = {}): RateLimiterLockout {
  const seconds = LOCK_MINUTES * 60;
  const limiter = new RateLimiterRedis({
    storeClient: redis, keyPrefix: opts.keyPrefix ?? 'tail',
    points: MAX_TAIL_ATTEMPTS, duration: seconds, blockDuration: seconds,
    // While Redis is unreachable each instance keeps counting on its own rather than failing the turn.
    insuranceLimiter: new RateLimiterMemory({ points: MAX_TAIL_ATTEMPTS, duration: seconds, blockDuration: seconds }),
  });
  return new RateLimiterLockout(limiter);
}
