/**
 * Status pushes of the 172 platform in the embedded SQLite database (its own table and migration
 * set `callbacks`), so a repeated `RequidId` is processed once, also after a restart.
 */
import type { CallbackStore, StatusPush } from '../../bot/core/ports/callback-store.js';
import { migrate, openSqlite, type SqliteDb } from './sqlite.db.js';

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
   CREATE INDEX platform_callbacks_order ON platform_callbacks(order_no, received_at);`,
];

type Status = 'processing' | 'done' | 'failed';

export class SqliteCallbackStore implements CallbackStore {
  private readonly db: SqliteDb;
  private readonly owned: boolean;
  private readonly st;

  /** Takes a database file path, or a database already opened with openSqlite (then not closed here). */
  constructor(fileOrDb: string | SqliteDb) {
    this.owned = typeof fileOrDb === 'string';
    this.db = typeof fileOrDb === 'string' ? openSqlite(fileOrDb) : fileOrDb;
    migrate(this.db, 'callbacks', MIGRATIONS);
    this.st = {
      insert: this.db
        .prepare(`INSERT INTO platform_callbacks (requid_id, order_no, order_status, payload, status, received_at)
                               VALUES (?, ?, ?, ?, 'processing', ?) ON CONFLICT(requid_id) DO NOTHING`),
      // A push whose processing failed earlier may be taken up again when the platform re-sends it.
      retake: this.db.prepare(`UPDATE platform_callbacks SET status = 'processing', received_at = ?, finished_at = NULL
                               WHERE requid_id = ? AND status = 'failed'`),
      finish: this.db.prepare(`UPDATE platform_callbacks SET status = ?, finished_at = ? WHERE requid_id = ?`),
      get: this.db.prepare<[string], { order_no: string; status: Status; received_at: string }>(
        `SELECT order_no, status, received_at FROM platform_callbacks WHERE requid_id = ?`,
      ),
    };
  }

  async claim(push: StatusPush, receivedAt: string): Promise<boolean> {
    const inserted =
      this.st.insert.run(push.RequidId, push.OrderNo, push.OrderStatus, JSON.stringify(push), receivedAt).changes === 1;
    return inserted || this.st.retake.run(receivedAt, push.RequidId).changes === 1;
  }

  async finish(requidId: string, ok: boolean, at: string): Promise<void> {
    this.st.finish.run(ok ? 'done' : 'failed', at, requidId);
  }

  async get(requidId: string) {
    const r = this.st.get.get(requidId);
    return r ? { orderNo: r.order_no, status: r.status, receivedAt: r.received_at } : null;
  }

  async close(): Promise<void> {
    if (this.owned && this.db.open) this.db.close();
  }
}
