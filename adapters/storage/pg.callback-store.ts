/**
 * Status pushes of the 172 platform in PostgreSQL: the counterpart of sqlite.callback-store.ts
 * (migration set `callbacks`), so a repeated `RequidId` is processed once across all instances.
 *
 * `claim` is one statement: insert the push, or — only if an earlier attempt failed — take it up
 * again (`ON CONFLICT … DO UPDATE … WHERE status = 'failed'`). The conflicting row is locked while
 * that runs, so of two instances receiving the same push at once exactly one gets `true`.
 * `receivedAt` is kept as the text the caller gave, as in SQLite (it is only echoed back by `get`).
 * Tables are unqualified: the pool's search_path selects the schema, as for PgStore.
 */
import type { Pool } from 'pg';
import type { CallbackStore, StatusPush } from '../../bot/core/ports/callback-store.js';
import { migratePg } from './pg.migrate.js';

/** Each entry runs once, in order (see pg.migrate.ts). Never edit one that has shipped: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE platform_callbacks (
     requid_id TEXT PRIMARY KEY,
     order_no TEXT NOT NULL,
     order_status TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL,
     received_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE INDEX platform_callbacks_order ON platform_callbacks (order_no, received_at);`,
];

type Status = 'processing' | 'done' | 'failed';

/** PostgreSQL text cannot hold NUL (SQLite can). The payload is JSON, where NUL is already escaped. */
const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

export class PgCallbackStore implements CallbackStore {
  /** Prefer `PgCallbackStore.open`, which also migrates. `pool` must have `schema` first on its search_path. */
  constructor(
    private readonly pool: Pool,
    readonly schema?: string,
  ) {}

  /** Applies this store's migrations in the PgStore's schema and shares its pool (closing the PgStore closes it). */
  static async open(store: { pool: Pool; schema?: string | undefined }): Promise<PgCallbackStore> {
    await migratePg(store.pool, 'callbacks', MIGRATIONS, store.schema);
    return new PgCallbackStore(store.pool, store.schema);
  }

  async claim(push: StatusPush, receivedAt: string): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO platform_callbacks AS c (requid_id, order_no, order_status, payload, status, received_at)
       VALUES ($1, $2, $3, $4, 'processing', $5)
       ON CONFLICT (requid_id) DO UPDATE SET status = 'processing', received_at = excluded.received_at, finished_at = NULL
       WHERE c.status = 'failed'`,
      [noNul(push.RequidId), noNul(push.OrderNo), noNul(push.OrderStatus), JSON.stringify(push), noNul(receivedAt)],
    );
    return r.rowCount === 1;
  }

  async finish(requidId: string, ok: boolean, at: string): Promise<void> {
    await this.pool.query(`UPDATE platform_callbacks SET status = $1, finished_at = $2 WHERE requid_id = $3`, [
      ok ? 'done' : 'failed',
      noNul(at),
      noNul(requidId),
    ]);
  }

  async get(requidId: string): Promise<{ orderNo: string; status: Status; receivedAt: string } | null> {
    const r = (
      await this.pool.query<{ order_no: string; status: Status; received_at: string }>(
        `SELECT order_no, status, received_at FROM platform_callbacks WHERE requid_id = $1`,
        [noNul(requidId)],
      )
    ).rows[0];
    return r ? { orderNo: r.order_no, status: r.status, receivedAt: r.received_at } : null;
  }

  /** The pool belongs to the PgStore: closing it is the PgStore's job. */
  async close(): Promise<void> {}
}
