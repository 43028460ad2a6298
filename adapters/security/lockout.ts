/**
 * The verification lock-out on rate-limiter-flexible: in the SQLite file (one instance), or in
 * Redis/PostgreSQL when several instances share it. Counts are keyed by order number only.
 */
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { VerificationLockout } from '../../bot/ports/lockout.js';

export class RateLimiterLockout implements VerificationLockout {
  /** `limiter` must be configured with points = max attempts, duration = blockDuration = lock seconds. */
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async lockedFor(orderNo: string): Promise<number> {
    const res = await this.limiter.get(orderNo);
    if (!res || res.remainingPoints > 0) return 0;
    return Math.ceil(res.msBeforeNext / 1000);
  }

  async fail(orderNo: string): Promise<number> {
    try {
      const res = await this.limiter.consume(orderNo);
      return res.remainingPoints;
    } catch (e) {
      if (e instanceof RateLimiterRes) return 0;
      throw e;
    }
  }

  async succeed(orderNo: string): Promise<void> {
    await this.limiter.delete(orderNo);
  }
}
