/**
 * Agent console sessions in PostgreSQL: the counterpart of sqlite.session-store.ts (migration set
 * `agent-sessions`), so every instance behind the load balancer sees a sign-in and a sign-out.
 * The key is the SHA-256 of the cookie, never the cookie itself. Tables are unqualified: the pool's
 * search_path selects the schema, as for PgStore.
 */
import type { Pool } from 'pg';
import type { AgentIdentity, AgentRole } from '../../bot/core/ports/agent-auth.js';
import type { SessionStore, StoredSession } from '../../bot/core/ports/session-store.js';
import { migratePg } from './pg.migrate.js';

/** Each entry runs once, in order (see pg.migrate.ts). Never edit one that has shipped: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE agent_sessions (
     key TEXT PRIMARY KEY,
     agent_id TEXT NOT NULL,
     agent_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
     csrf_token TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);
   CREATE INDEX agent_sessions_expires ON agent_sessions (expires_at);`,
];

interface Row {
  key: string;
  agent_id: string;
  agent_name: string;
  role: AgentRole;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
}

export class PgSessionStore implements SessionStore {
  /** Prefer `PgSessionStore.open`, which also migrates. `pool` must have `schema` first on its search_path. */
  constructor(
    private readonly pool: Pool,
    readonly schema?: string,
  ) {}

  /** Applies this store's migrations in the PgStore's schema and shares its pool (closing the PgStore closes it). */
  static async open(store: { pool: Pool; schema?: string | undefined }): Promise<PgSessionStore> {
    await migratePg(store.pool, 'agent-sessions', MIGRATIONS, store.schema);
    return new PgSessionStore(store.pool, store.schema);
  }

  /** Rejects a key that is already stored, like the SQLite store (keys are random: a repeat is a bug). */
  async put(s: StoredSession): Promise<void> {
    await this.pool.query(
      `INSERT INTO agent_sessions (key, agent_id, agent_name, role, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.key, s.agent.id, s.agent.name, s.agent.role, s.csrfToken, s.createdAt, s.expiresAt],
    );
  }

  async get(key: string): Promise<StoredSession | null> {
    const r = (await this.pool.query<Row>(`SELECT * FROM agent_sessions WHERE key = $1`, [key])).rows[0];
    if (!r) return null;
    return {
      key: r.key,
      agent: { id: r.agent_id, name: r.agent_name, role: r.role },
      csrfToken: r.csrf_token,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    };
  }

  async delete(key: string): Promise<void> {
    await this.pool.query(`DELETE FROM agent_sessions WHERE key = $1`, [key]);
  }

  async deleteForAgent(agentId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM agent_sessions WHERE agent_id = $1`, [agentId])).rowCount ?? 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.pool.query(`DELETE FROM agent_sessions WHERE expires_at <= $1`, [now])).rowCount ?? 0;
  }

  async signedIn(now: Date): Promise<AgentIdentity[]> {
    const rows = (
      await this.pool.query<Pick<Row, 'agent_id' | 'agent_name' | 'role'>>(
        `SELECT * FROM (SELECT DISTINCT ON (agent_id) agent_id, agent_name, role FROM agent_sessions
         WHERE expires_at > $1 ORDER BY agent_id, created_at DESC) latest ORDER BY agent_name, agent_id`,
        [now],
      )
    ).rows;
    return rows.map((r) => ({ id: r.agent_id, name: r.agent_name, role: r.role }));
  }
}
