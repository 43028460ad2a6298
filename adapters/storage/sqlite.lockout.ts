/**
 * Verification lock-out records in the embedded SQLite file (migration set `lockout`), so a lock
 * survives a restart. An update is one immediate transaction: atomic for every connection to the file.
 */
import type { LockoutRecord, LockoutRecords } from '../security/lockout.js';
import { migrate, type SqliteDb } from './sqlite.db.js';

const MIGRATIONS = [
  // The rate-limiter table this replaces counted from the first wrong try (issue 22); its locks last 15 minutes at most.
  `DROP TABLE IF EXISTS verification_lockout;
   CREATE TABLE verification_locks (
     order_no TEXT PRIMARY KEY,
     record TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX verification_locks_expiry ON verification_locks(expires_at);`,
];

export class SqliteLockoutRecords implements LockoutRecords {
  private readonly st;
  private readonly updateTx: <T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ) => T;

  constructor(
    db: SqliteDb,
    private readonly now: () => number = Date.now,
  ) {
    migrate(db, 'lockout', MIGRATIONS);
    this.st = {
      get: db.prepare<[string, number], { record: string }>(
        `SELECT record FROM verification_locks WHERE order_no = ? AND expires_at > ?`,
      ),
      put: db.prepare(`INSERT INTO verification_locks (order_no, record, expires_at) VALUES (?, ?, ?)
                       ON CONFLICT(order_no) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`),
      delete: db.prepare(`DELETE FROM verification_locks WHERE order_no = ?`),
      expired: db.prepare(`DELETE FROM verification_locks WHERE expires_at <= ?`),
    };
    const tx = db.transaction(
      (orderNo: string, change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: unknown }) => {
        const { next, result } = change(this.read(orderNo));
        if (next) this.st.put.run(orderNo, JSON.stringify(next), next.expiresAt);
        else this.st.delete.run(orderNo);
        this.st.expired.run(this.now()); // the table holds only what still means something
        return result;
      },
    );
    this.updateTx = (orderNo, change) => tx.immediate(orderNo, change) as never;
  }

  private read(orderNo: string): LockoutRecord | null {
    const row = this.st.get.get(orderNo, this.now());
    return row ? (JSON.parse(row.record) as LockoutRecord) : null;
  }

  async get(orderNo: string): Promise<LockoutRecord | null> {
    return this.read(orderNo);
  }

  async update<T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ): Promise<T> {
    return this.updateTx(orderNo, change);
  }

  async delete(orderNo: string): Promise<void> {
    this.st.delete.run(orderNo);
  }
}
