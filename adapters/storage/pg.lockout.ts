/**
 * Verification lock-out records in PostgreSQL (migration set `lockout`): the lock-out every instance
 * sharing the database sees, with or without Redis. An update holds a transaction-level advisory
 * lock on the order, so concurrent wrong tails on several instances are counted one after another.
 */
import type { Pool } from 'pg';
import type { LockoutRecord, LockoutRecords } from '../security/lockout.js';
import { inTransaction, migratePg } from './pg.migrate.js';

/** Each entry runs once, in order (see pg.migrate.ts). Never edit one that has shipped: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE verification_locks (
     order_no TEXT PRIMARY KEY,
     record TEXT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX verification_locks_expiry ON verification_locks (expires_at);`,
];

/** PostgreSQL text cannot hold NUL; an order number typed by a customer might. */
const noNul = (s: string) => s.replaceAll('\u0000', '\uFFFD');

export class PgLockoutRecords implements LockoutRecords {
  /** Over a PgStore's pool (closing the PgStore closes it), once `migrate` has run. */
  constructor(
    private readonly pool: Pool,
    private readonly now: () => number = Date.now,
  ) {}

  /** Applies this store's migrations in the PgStore's schema. */
  static async migrate(store: { pool: Pool; schema?: string | undefined }): Promise<void> {
    await migratePg(store.pool, 'lockout', MIGRATIONS, store.schema);
  }

  async get(orderNo: string): Promise<LockoutRecord | null> {
    const r = await this.pool.query<{ record: string }>(
      `SELECT record FROM verification_locks WHERE order_no = $1 AND expires_at > $2`,
      [noNul(orderNo), this.now()],
    );
    return r.rows[0] ? (JSON.parse(r.rows[0].record) as LockoutRecord) : null;
  }

  async update<T>(
    orderNo: string,
    change: (current: LockoutRecord | null) => { next: LockoutRecord | null; result: T },
  ): Promise<T> {
    const key = noNul(orderNo);
    const result = await inTransaction(this.pool, async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('simbot-lockout:' || $1))`, [key]);
      const row = (
        await c.query<{ record: string }>(
          `SELECT record FROM verification_locks WHERE order_no = $1 AND expires_at > $2`,
          [key, this.now()],
        )
      ).rows[0];
      const { next, result: out } = change(row ? (JSON.parse(row.record) as LockoutRecord) : null);
      if (next) {
        await c.query(
          `INSERT INTO verification_locks (order_no, record, expires_at) VALUES ($1, $2, $3)
                       ON CONFLICT (order_no) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`,
          [key, JSON.stringify(next), next.expiresAt],
        );
      } else {
        await c.query(`DELETE FROM verification_locks WHERE order_no = $1`, [key]);
      }
      return out;
    });
    // Outside the transaction, and past rows another update holds: the table keeps only what still means something.
    await this.pool.query(
      `DELETE FROM verification_locks WHERE order_no IN
      (SELECT order_no FROM verification_locks WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED)`,
      [this.now()],
    );
    return result;
  }

  async delete(orderNo: string): Promise<void> {
    await this.pool.query(`DELETE FROM verification_locks WHERE order_no = $1`, [noNul(orderNo)]);
  }
}
