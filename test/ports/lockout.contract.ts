/**
 * The verification lock-out's contract, run on every place its records can live. Two instances
 * share one backend (two connections, two pools) and one clock the test moves: 5 wrong tails within
 * 15 minutes lock the order for 15 minutes from the 5th, on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordLockout, type LockoutRecords } from '../../adapters/security/lockout.js';
import { LOCK_MINUTES, MAX_TAIL_ATTEMPTS } from '../../bot/core/ports/lockout.js';

export interface LockoutRig {
  /** Two instances' records over the same backend (the same object where there is only one process). */
  a: LockoutRecords;
  b: LockoutRecords;
  close(): Promise<void>;
}

const MIN = 60_000;
const WINDOW = LOCK_MINUTES * MIN;

export function lockoutContract(name: string, open: (now: () => number) => Promise<LockoutRig>): void {
  describe(`verification lock-out on ${name}`, () => {
    const clock = { t: Date.parse('2026-12-01T02:00:00Z') };
    let rig: LockoutRig;
    let a: RecordLockout;
    let b: RecordLockout;
    let n = 0;
    const order = () => `1722026120${String(++n).padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}`;
    beforeAll(async () => {
      rig = await open(() => clock.t);
      const rule = { maxAttempts: MAX_TAIL_ATTEMPTS, windowMs: WINDOW, lockMs: WINDOW, now: () => clock.t };
      a = new RecordLockout(rig.a, rule);
      b = new RecordLockout(rig.b, rule);
    });
    afterAll(async () => {
      await rig.close();
    });

    it('counts wrong tails for one order on both instances, and locks it on both for 15 minutes from the 5th', async () => {
      const o = order();
      const left = [await a.fail(o), await b.fail(o), await a.fail(o), await b.fail(o)];
      expect(left).toEqual([1, 2, 3, 4].map((k) => MAX_TAIL_ATTEMPTS - k));
      expect(await a.lockedFor(o)).toBe(0);
      clock.t += 2 * MIN;
      expect(await b.fail(o)).toBe(0);
      for (const l of [a, b]) expect(await l.lockedFor(o)).toBe(LOCK_MINUTES * 60);
      // Tries while locked change nothing: 0 left, and the lock still ends 15 minutes after the 5th.
      clock.t += MIN;
      expect(await a.fail(o)).toBe(0);
      expect(await b.lockedFor(o)).toBe((LOCK_MINUTES - 1) * 60);
      expect(await a.lockedFor(order())).toBe(0);
    });

    it('locks for the full 15 minutes when the 5th wrong tail comes just before the first one leaves the window', async () => {
      const o = order();
      await a.fail(o);
      clock.t += WINDOW - 1000; // 14:59 later: the first try still counts
      expect([await b.fail(o), await a.fail(o), await b.fail(o)]).toEqual([3, 2, 1]);
      expect(await a.fail(o)).toBe(0);
      expect(await b.lockedFor(o)).toBe(LOCK_MINUTES * 60);
      clock.t += WINDOW - 60_000;
      expect(await a.lockedFor(o)).toBe(60);
      expect(await b.fail(o)).toBe(0); // a guess across the first window's edge gets nothing
      clock.t += 60_000;
      expect(await a.lockedFor(o)).toBe(0);
      expect(await b.fail(o)).toBe(MAX_TAIL_ATTEMPTS - 1); // the lock is over, and with it the count
    });

    it('forgets wrong tails once they are 15 minutes old', async () => {
      const o = order();
      for (let k = 0; k < MAX_TAIL_ATTEMPTS - 1; k++) await a.fail(o);
      clock.t += WINDOW + 1;
      expect(await b.fail(o)).toBe(MAX_TAIL_ATTEMPTS - 1);
    });

    it('clears the count everywhere when one instance sees the right tail', async () => {
      const o = order();
      await a.fail(o);
      await a.fail(o);
      await b.succeed(o);
      expect(await a.fail(o)).toBe(MAX_TAIL_ATTEMPTS - 1);
      await a.succeed(o);
      expect(await b.lockedFor(o)).toBe(0);
    });

    it('hands out each remaining attempt once under concurrent wrong tails on both instances', async () => {
      const o = order();
      const left = await Promise.all(Array.from({ length: 10 }, (_, k) => (k % 2 ? b : a).fail(o)));
      expect([...left].sort((x, y) => y - x)).toEqual([
        ...Array.from({ length: MAX_TAIL_ATTEMPTS }, (_, k) => MAX_TAIL_ATTEMPTS - 1 - k),
        ...Array(10 - MAX_TAIL_ATTEMPTS).fill(0),
      ]);
      expect(await a.lockedFor(o)).toBe(LOCK_MINUTES * 60);
    });
  });
}
