/**
 * Order watches in PostgreSQL: the counterpart of sqlite.watch-store.ts (migration set
 * `order-watches`). Rows reference PgStore's `conversations` in the same schema, so a watch for an
 * unknown conversation is refused and deleting a conversation drops its watches. Tables are
 * unqualified: the pool's search_path selects the schema, as for PgStore.
 */
import type { Pool } from 'pg';
import type { OrderWatch, WatchStore } from '../../bot/core/ports/watch-store.js';
import { migratePg } from './pg.migrate.js';

/** Each entry runs once, in order (see pg.migrate.ts). Never edit one that has shipped: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE order_watches (
     order_no TEXT NOT NULL,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     status TEXT NOT NULL,
     notify BOOLEAN NOT NULL DEFAULT false,
     updated_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (order_no, conversation_id)
   );
   CREATE INDEX order_watches_conversation ON order_watches (conversation_id);`,
];

/** PostgreSQL text cannot hold NUL (SQLite can): keep the store total, as PgStore does for messages. */
const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

export class PgWatchStore implements WatchStore {
  /** Prefer `PgWatchStore.open`, which also migrates. `pool` must have `schema` first on its search_path. */
  constructor(
    private readonly pool: Pool,
    readonly schema?: string,
  ) {}

  /**
   * Applies this store's migrations in the PgStore's schema (after PgStore's own, which created
   * `conversations`) and shares its pool (closing the PgStore closes it).
   */
  static async open(store: { pool: Pool; schema?: string | undefined }): Promise<PgWatchStore> {
    await migratePg(store.pool, 'order-watches', MIGRATIONS, store.schema);
    return new PgWatchStore(store.pool, store.schema);
  }

  async seen(orderNo: string, conversationId: string, status: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO order_watches (order_no, conversation_id, status, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (order_no, conversation_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
      [noNul(orderNo), conversationId, noNul(status)],
    );
  }

  async optIn(orderNo: string, conversationId: string): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE order_watches SET notify = true WHERE order_no = $1 AND conversation_id = $2`,
      [noNul(orderNo), conversationId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async watchers(orderNo: string): Promise<OrderWatch[]> {
    const r = await this.pool.query<{ order_no: string; conversation_id: string; status: string; notify: boolean }>(
      `SELECT order_no, conversation_id, status, notify FROM order_watches WHERE order_no = $1 ORDER BY conversation_id`,
      [noNul(orderNo)],
    );
    return r.rows.map((w) => ({
      orderNo: w.order_no,
      conversationId: w.conversation_id,
      status: w.status,
      notify: w.notify,
    }));
  }
}
