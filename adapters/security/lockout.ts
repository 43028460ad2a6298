/**
 * The verification lock-out's rule, over any place that can update one record per order atomically
 * (the SQLite file, PostgreSQL, Redis, memory): wrong tails are counted in a sliding window, and the
 * one that reaches the limit writes a lock that lasts its full time from then. Counting from the
 * first wrong try instead let 9 tries through in 136 s across a window's edge (issue 22).
 */
import type { VerificationLockout } from '../../bot/core/ports/lockout.js';

/** One order's state, as every backend stores it (JSON). Times in epoch ms. */
export interface LockoutRecord {
  /** Wrong tails still inside the window, oldest first. */
  failures: number[];
  lockedUntil: number | null;
  /** When the record means nothing any more and may be dropped (lock over, last failure out of the window). */
  expiresAt: number;
}

/** Where the records live. `update` must be atomic per order across every instance sharing the backend. */
export interface LockoutRecords {
  get(orderNo: string): Promise<LockoutRecord | null>;
  /** Reads the record, lets `change` decide the next one (null: delete), writes it, all as one step. */
  update<T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ): Promise<T>;
  delete(orderNo: string): Promise<void>;
}

export interface LockoutRule {
  maxAttempts: number;
  /** How far back wrong tails count, and how long the lock lasts. */
  windowMs: number;
  lockMs: number;
  now?: () => number;
}

export class RecordLockout implements VerificationLockout {
  private readonly now: () => number;
  constructor(
    private readonly records: LockoutRecords,
    private readonly rule: LockoutRule,
  ) {
    this.now = rule.now ?? Date.now;
  }

  async lockedFor(orderNo: string): Promise<number> {
    const until = (await this.records.get(orderNo))?.lockedUntil ?? 0;
    return Math.max(0, Math.ceil((until - this.now()) / 1000));
  }

  async fail(orderNo: string): Promise<number> {
    const { maxAttempts, windowMs, lockMs } = this.rule;
    return this.records.update(orderNo, (current) => {
      const now = this.now();
      // Tries while locked change nothing: the lock runs from the try that set it.
      if (current?.lockedUntil && current.lockedUntil > now) return { next: current, result: 0 };
      const failures = [...(current?.failures ?? []).filter((at) => at > now - windowMs), now];
      if (failures.length >= maxAttempts)
        return { next: { failures: [], lockedUntil: now + lockMs, expiresAt: now + lockMs }, result: 0 };
      return {
        next: { failures, lockedUntil: null, expiresAt: failures[0]! + windowMs },
        result: maxAttempts - failures.length,
      };
    });
  }

  async succeed(orderNo: string): Promise<void> {
    await this.records.delete(orderNo);
  }
}

/** Records in this process only: for a store of its own kind (tests, the bench), and as Redis's stand-in while Redis is away. */
export class MemoryLockoutRecords implements LockoutRecords {
  private readonly map = new Map<string, LockoutRecord>();
  constructor(private readonly now: () => number = Date.now) {}

  async get(orderNo: string): Promise<LockoutRecord | null> {
    return this.read(orderNo);
  }

  /** Synchronous, so that an update is one step for every caller in this process. */
  private read(orderNo: string): LockoutRecord | null {
    const r = this.map.get(orderNo);
    if (r && r.expiresAt <= this.now()) this.map.delete(orderNo);
    return this.map.get(orderNo) ?? null;
  }

  async update<T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ): Promise<T> {
    const { next, result } = change(this.read(orderNo));
    if (next) this.map.set(orderNo, next);
    else this.map.delete(orderNo);
    return result;
  }

  async delete(orderNo: string): Promise<void> {
    this.map.delete(orderNo);
  }
}
