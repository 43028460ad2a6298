/**
 * Where agent console sessions live. The cookie carries only an opaque random token; the store keeps
 * its SHA-256 (`key`), so a copy of the database cannot be replayed as cookies. Rows on the server
 * (not a self-contained signed cookie) so that sign-out and expiry really end a session, and several
 * instances can later share one store. Implementation: adapters/storage/sqlite.session-store.ts.
 */
import type { AgentIdentity } from './agent-auth.js';

export interface StoredSession {
  /** SHA-256 (hex) of the session cookie's value. */
  key: string;
  agent: AgentIdentity;
  /** Sent back by the console in `x-csrf-token` on every state-changing call. */
  csrfToken: string;
  createdAt: Date;
  /** Absolute end of the session (sign-in time + SESSION_HOURS); not extended by use. */
  expiresAt: Date;
}

export interface SessionStore {
  /** Saves a new session. */
  put(session: StoredSession): Promise<void>;
  /** The session with this key, expired or not (the caller decides), or null. */
  get(key: string): Promise<StoredSession | null>;
  /** Ends one session (sign-out); no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Ends every session of one agent (e.g. when their access is revoked); returns how many. */
  deleteForAgent(agentId: string): Promise<number>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
  /** Agents with a session still valid at `now`, once each (the name and role of their latest sign-in), by name. */
  signedIn(now: Date): Promise<AgentIdentity[]>;
}
