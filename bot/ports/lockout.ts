/**
 * Phone-tail verification lock-out per order, across conversations and instances: after
 * MAX_TAIL_ATTEMPTS wrong tails for one order it stays locked for LOCK_MINUTES whatever is typed,
 * so opening a new conversation does not buy more guesses.
 */
/** Wrong phone tails an order tolerates before it is locked. */
export const MAX_TAIL_ATTEMPTS = 5;
/** How long a locked order stays locked. */
export const LOCK_MINUTES = 15;

export interface VerificationLockout {
  /** Seconds until the order can be tried again; 0 when it is not locked. */
  lockedFor(orderNo: string): Promise<number>;
  /** Records a wrong tail; returns the attempts left (0 means the order is now locked). */
  fail(orderNo: string): Promise<number>;
  /** A right tail clears the count. */
  succeed(orderNo: string): Promise<void>;
}
