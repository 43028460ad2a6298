/** Order watches in the embedded SQLite file (its own migration set). */
import type { OrderWatch, WatchStore } from '../../bot/core/ports/watch-store.js';
import { groupCommit, migrate, type GroupCommit, type SqliteDb } from './sqlite.db.js';

const MIGRATIONS = [
  `CREATE TABLE order_watches (
     order_no TEXT NOT NULL,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     status TEXT NOT NULL,
     notify INTEGER NOT NULL DEFAULT 0,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (order_no, conversation_id)
   ) WITHOUT ROWID;`,
];

export class SqliteWatchStore implements WatchStore {
  private readonly st;
  /** `seen` comes with every turn that shows an order: it commits with the turns' own writes. */
  private readonly group: GroupCommit;

  constructor(db: SqliteDb) {
    migrate(db, 'order-watches', MIGRATIONS);
    this.group = groupCommit(db);
    this.st = {
      seen: db.prepare(`INSERT INTO order_watches (order_no, conversation_id, status, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(order_no, conversation_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`),
      optIn: db.prepare(`UPDATE order_watches SET notify = 1 WHERE order_no = ? AND conversation_id = ?`),
      watchers: db.prepare<[string], { order_no: string; conversation_id: string; status: string; notify: number }>(
        `SELECT order_no, conversation_id, status, notify FROM order_watches WHERE order_no = ?`,
      ),
    };
  }

  async seen(orderNo: string, conversationId: string, status: string): Promise<void> {
    const at = new Date().toISOString();
    await this.group.run(() => this.st.seen.run(orderNo, conversationId, status, at));
  }

  async optIn(orderNo: string, conversationId: string): Promise<boolean> {
    return this.st.optIn.run(orderNo, conversationId).changes > 0;
  }

  async watchers(orderNo: string): Promise<OrderWatch[]> {
    return this.st.watchers.all(orderNo).map((r) => ({
      orderNo: r.order_no,
      conversationId: r.conversation_id,
      status: r.status,
      notify: r.notify === 1,
    }));
  }
}
