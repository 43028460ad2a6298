/**
 * Agent console sessions in the embedded SQLite database (same file as the conversations, its own
 * migration set `agent-sessions`).
 */
import type { AgentIdentity, AgentRole } from '../../bot/core/ports/agent-auth.js';
import type { SessionStore, StoredSession } from '../../bot/core/ports/session-store.js';
import { migrate, type SqliteDb } from './sqlite.db.js';

/** Each entry runs once, in order (see sqlite.db.ts). Never edit one that has shipped: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE agent_sessions (
     key TEXT PRIMARY KEY,
     agent_id TEXT NOT NULL,
     agent_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
     csrf_token TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);
   CREATE INDEX agent_sessions_expires ON agent_sessions(expires_at);`,
];

interface Row {
  key: string;
  agent_id: string;
  agent_name: string;
  role: AgentRole;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export class SqliteSessionStore implements SessionStore {
  private readonly q;

  constructor(readonly db: SqliteDb) {
    migrate(db, 'agent-sessions', MIGRATIONS);
    this.q = {
      put: db.prepare(
        `INSERT INTO agent_sessions (key, agent_id, agent_name, role, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare<[string], Row>(`SELECT * FROM agent_sessions WHERE key = ?`),
      delete: db.prepare<[string]>(`DELETE FROM agent_sessions WHERE key = ?`),
      deleteForAgent: db.prepare<[string]>(`DELETE FROM agent_sessions WHERE agent_id = ?`),
      deleteExpired: db.prepare<[number]>(`DELETE FROM agent_sessions WHERE expires_at <= ?`),
      // SQLite takes the bare columns from the row that gives max(created_at): each agent's latest sign-in.
      signedIn: db.prepare<[number], { agent_id: string; agent_name: string; role: AgentRole; latest: number }>(
        `SELECT agent_id, agent_name, role, max(created_at) AS latest FROM agent_sessions WHERE expires_at > ? GROUP BY agent_id ORDER BY agent_name, agent_id`,
      ),
    };
  }

  async put(s: StoredSession): Promise<void> {
    this.q.put.run(
      s.key,
      s.agent.id,
      s.agent.name,
      s.agent.role,
      s.csrfToken,
      s.createdAt.getTime(),
      s.expiresAt.getTime(),
    );
  }

  async get(key: string): Promise<StoredSession | null> {
    const r = this.q.get.get(key);
    if (!r) return null;
    return {
      key: r.key,
      agent: { id: r.agent_id, name: r.agent_name, role: r.role },
      csrfToken: r.csrf_token,
      createdAt: new Date(r.created_at),
      expiresAt: new Date(r.expires_at),
    };
  }

  async delete(key: string): Promise<void> {
    this.q.delete.run(key);
  }

  async deleteForAgent(agentId: string): Promise<number> {
    return this.q.deleteForAgent.run(agentId).changes;
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.q.deleteExpired.run(now.getTime()).changes;
  }

  async signedIn(now: Date): Promise<AgentIdentity[]> {
    return this.q.signedIn.all(now.getTime()).map((r) => ({ id: r.agent_id, name: r.agent_name, role: r.role }));
  }
}
