/** The audit log in the embedded SQLite file (own migration set). */
import type { AuditEntry, AuditLog } from '../../bot/core/ports/audit-log.js';
import { migrate, type SqliteDb } from './sqlite.db.js';

const MIGRATIONS = [
  `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     action TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     order_no TEXT
   );`,
];

interface Row {
  at: string;
  actor_id: string;
  actor_name: string;
  action: AuditEntry['action'];
  conversation_id: string;
  order_no: string | null;
}

export class SqliteAuditLog implements AuditLog {
  private readonly st;
  constructor(db: SqliteDb) {
    migrate(db, 'audit-log', MIGRATIONS);
    this.st = {
      insert: db.prepare(
        `INSERT INTO audit_log (at, actor_id, actor_name, action, conversation_id, order_no) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      list: db.prepare<[number], Row>(`SELECT * FROM audit_log ORDER BY id DESC LIMIT ?`),
    };
  }

  async record(e: AuditEntry): Promise<void> {
    this.st.insert.run(e.at, e.actorId, e.actorName, e.action, e.conversationId, e.orderNo);
  }

  async list(limit = 100): Promise<AuditEntry[]> {
    return this.st.list.all(limit).map((r) => ({
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      conversationId: r.conversation_id,
      orderNo: r.order_no,
    }));
  }
}
