/**
 * The PostgreSQL Store, for several instances sharing one database (DATABASE_URL). Same semantics as
 * SqliteStore and the same contract suite (test/ports/store.contract.ts).
 *
 * Sequence numbers: one statement bumps the conversation's counter and inserts the message
 * (`WITH s AS (UPDATE … RETURNING last_seq) INSERT … SELECT … FROM s`). It runs as one implicit
 * transaction, and the UPDATE's row lock makes concurrent appends — from this pool or another
 * process's — queue on that conversation and each see the previous one's committed counter, so seqs
 * are gap-free and unique. One round trip instead of BEGIN/UPDATE/INSERT/COMMIT on a checked-out client.
 *
 * JSON (dialog state, suggestions) is kept as the text the bot wrote, as in SQLite, rather than jsonb:
 * jsonb rejects the escape `\u0000` and reorders keys, and nothing queries inside these values.
 */
import pg from 'pg';
import { assertSchemaName, migratePg } from './pg.migrate.js';
import type { Locale } from '../../bot/locale.js';
import type { Conversation, NewConversation, NewMessage, Sender, Store, StoredMessage } from '../../bot/ports/store.js';

/** Each entry runs once, in order (see pg.migrate.ts). Never edit one that has shipped: append. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL,
     channel TEXT NOT NULL,
     user_id TEXT,
     locale TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     last_seq INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX conversations_user ON conversations (channel, user_id, created_at DESC);
   CREATE TABLE messages (
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     sender TEXT NOT NULL,
     text TEXT NOT NULL,
     suggestions TEXT,
     at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   );
   CREATE TABLE dialog_state (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE inbound_seen (
     channel TEXT NOT NULL,
     message_id TEXT NOT NULL,
     at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (channel, message_id)
   );`,
  // The agent's display name on their messages: after a transfer the customer sees who is writing.
  `ALTER TABLE messages ADD COLUMN author TEXT;`,
];

export interface PgStoreOptions {
  /** Schema to create (if needed) and use instead of `public`: one per test, or per tenant. */
  schema?: string;
  /** Pool size per instance; default 10. */
  max?: number;
  /** Errors of idle pooled connections (the server restarted, …); without a handler they would crash the process. */
  onError?: (err: Error) => void;
}

interface ConversationRow {
  id: string; token_hash: string; channel: string; user_id: string | null; locale: Locale; created_at: Date; last_seq: number;
}
interface MessageRow { seq: number; sender: Sender; text: string; suggestions: string | null; at: Date; author: string | null }

function toConversation(r: ConversationRow): Conversation {
  return { id: r.id, tokenHash: r.token_hash, channel: r.channel, userId: r.user_id, locale: r.locale, createdAt: r.created_at.toISOString(), lastSeq: r.last_seq };
}
function toMessage(r: MessageRow): StoredMessage {
  const m: StoredMessage = { seq: r.seq, from: r.sender, text: r.text, at: r.at.toISOString() };
  if (r.suggestions) m.suggestions = JSON.parse(r.suggestions) as string[];
  if (r.author) m.author = r.author;
  return m;
}
/** PostgreSQL text cannot hold NUL; SQLite can. Keep the store total rather than fail a turn on it. */
const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

export class PgStore implements Store {
  private closed = false;

  /** Prefer `PgStore.open`, which also migrates. The pool is exposed so other PostgreSQL stores can share it. */
  constructor(readonly pool: pg.Pool, readonly schema?: string) {}

  /** Connects, creates the schema if asked, and applies pending migrations. */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgStore> {
    if (opts.schema !== undefined) assertSchemaName(opts.schema);
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // search_path per connection, set by the server at start-up: no extra round trip, no race.
      ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    pool.on('error', opts.onError ?? (() => undefined));
    try {
      await migratePg(pool, 'conversations', MIGRATIONS, opts.schema);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return new PgStore(pool, opts.schema);
  }

  /** Readiness: resolves when the database answers a query; rejects otherwise (for `/readyz`). */
  async ready(): Promise<void> {
    if (this.closed) throw new Error('PgStore is closed');
    await this.pool.query('SELECT 1');
  }

  async createConversation(c: NewConversation): Promise<Conversation> {
    const createdAt = new Date().toISOString();
    await this.pool.query(
      `INSERT INTO conversations (id, token_hash, channel, user_id, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.tokenHash, c.channel, c.userId ?? null, c.locale, createdAt],
    );
    return { id: c.id, tokenHash: c.tokenHash, channel: c.channel, userId: c.userId ?? null, locale: c.locale, createdAt, lastSeq: 0 };
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const r = await this.pool.query<ConversationRow>(`SELECT * FROM conversations WHERE id = $1`, [id]);
    return r.rows[0] ? toConversation(r.rows[0]) : null;
  }

  async findConversationByUser(channel: string, userId: string): Promise<Conversation | null> {
    const r = await this.pool.query<ConversationRow>(
      `SELECT * FROM conversations WHERE channel = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 1`, [channel, userId]);
    return r.rows[0] ? toConversation(r.rows[0]) : null;
  }

  async setLocale(id: string, locale: Locale): Promise<void> {
    await this.pool.query(`UPDATE conversations SET locale = $1 WHERE id = $2`, [locale, id]);
  }

  async appendMessage(conversationId: string, msg: NewMessage): Promise<StoredMessage> {
    const at = new Date().toISOString();
    const text = noNul(msg.text);
    const suggestions = msg.suggestions?.length ? JSON.stringify(msg.suggestions) : null;
    const r = await this.pool.query<{ seq: number }>(
      `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO messages (conversation_id, seq, sender, text, suggestions, at, author)
       SELECT $1, s.last_seq, $2, $3, $4, $5, $6 FROM s
       RETURNING seq`,
      [conversationId, msg.from, text, suggestions, at, msg.author ? noNul(msg.author) : null],
    );
    const seq = r.rows[0]?.seq;
    if (seq === undefined) throw new Error(`conversation ${conversationId} does not exist`);
    const m: StoredMessage = { seq, from: msg.from, text, at };
    if (msg.suggestions?.length) m.suggestions = msg.suggestions;
    if (msg.author) m.author = msg.author;
    return m;
  }

  async listMessages(conversationId: string, afterSeq: number, limit = 500): Promise<StoredMessage[]> {
    const r = await this.pool.query<MessageRow>(
      `SELECT seq, sender, text, suggestions, at, author FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [conversationId, afterSeq, limit],
    );
    return r.rows.map(toMessage);
  }

  async readState(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    if (!keys.length) return out;
    const r = await this.pool.query<{ key: string; value: string }>(`SELECT key, value FROM dialog_state WHERE key = ANY($1::text[])`, [keys]);
    for (const row of r.rows) out[row.key] = JSON.parse(row.value);
    return out;
  }

  async writeState(entries: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(entries);
    if (!keys.length) return;
    // JSON.stringify escapes NUL as the six characters \u0000, so the text column takes any value.
    const values = keys.map((k) => JSON.stringify(entries[k]));
    await this.pool.query(
      `INSERT INTO dialog_state (key, value, updated_at)
       SELECT k, v, now() FROM unnest($1::text[], $2::text[]) AS t(k, v)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [keys, values],
    );
  }

  async deleteState(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.pool.query(`DELETE FROM dialog_state WHERE key = ANY($1::text[])`, [keys]);
  }

  async claimInbound(channel: string, messageId: string): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO inbound_seen (channel, message_id, at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [channel, messageId]);
    return r.rowCount === 1;
  }

  async releaseInbound(channel: string, messageId: string): Promise<void> {
    await this.pool.query(`DELETE FROM inbound_seen WHERE channel = $1 AND message_id = $2`, [channel, messageId]);
  }

  async purgeBefore(beforeIso: string): Promise<number> {
    const r = await this.pool.query(`DELETE FROM messages WHERE at < $1`, [beforeIso]);
    await this.pool.query(`DELETE FROM dialog_state WHERE updated_at < $1`, [beforeIso]);
    await this.pool.query(`DELETE FROM inbound_seen WHERE at < $1`, [beforeIso]);
    return r.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
