/** Wrong phone tails within LOCK_MINUTES that lock an order. */
export const MAX_TAIL_ATTEMPTS = 5;
/** The window the wrong tails are counted in, and how long a locked order stays locked. */
export const LOCK_MINUTES = 15;

/**
 * Phone-tail verification lock-out per order, across conversations and instances: after
 * MAX_TAIL_ATTEMPTS wrong tails for one order within LOCK_MINUTES, the order stays locked for
 * LOCK_MINUTES from the last of them, whatever is typed, so opening a new conversation (or a slow
 * series of guesses across a window's edge) does not buy more guesses.
 */
export interface VerificationLockout {
  /** Seconds until the order can be tried again; 0 when it is not locked. */
  lockedFor(orderNo: string): Promise<number>;
  /** Records a wrong tail; returns the attempts left (0 means the order is now locked, or still is). */
  fail(orderNo: string): Promise<number>;
  /** A right tail clears the count. */
  succeed(orderNo: string): Promise<void>;
}
