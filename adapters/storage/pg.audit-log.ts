/** The audit log on PostgreSQL (shares the PgStore's pool; own migration set). */
import type pg from 'pg';
import type { AuditEntry, AuditLog } from '../../bot/core/ports/audit-log.js';
import { migratePg } from './pg.migrate.js';

const MIGRATIONS = [
  `CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     at TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     action TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     order_no TEXT
   );`,
];

export class PgAuditLog implements AuditLog {
  constructor(private readonly pool: pg.Pool) {}

  static async open(store: { pool: pg.Pool; schema?: string }): Promise<PgAuditLog> {
    await migratePg(store.pool, 'audit-log', MIGRATIONS, store.schema);
    return new PgAuditLog(store.pool);
  }

  async record(e: AuditEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, conversation_id, order_no) VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.at, e.actorId, e.actorName, e.action, e.conversationId, e.orderNo],
    );
  }

  async list(limit = 100): Promise<AuditEntry[]> {
    const r = await this.pool.query(`SELECT * FROM audit_log ORDER BY id DESC LIMIT $1`, [limit]);
    return r.rows.map((x: Record<string, string | null>) => ({
      at: x.at!,
      actorId: x.actor_id!,
      actorName: x.actor_name!,
      action: 'reveal_personal_data' as const,
      conversationId: x.conversation_id!,
      orderNo: x.order_no ?? null,
    }));
  }
}
