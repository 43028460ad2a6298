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
 * A customer's message is stored with its delivery id and its mark awaiting an answer, and answered
 * with the end of that mark, each in one transaction. An instance that dies leaves its marks leased
 * until their lease runs out; then any instance takes them up (a row lock makes it one of them).
 *
 * JSON (dialog state, suggestions) is kept as the text the bot wrote, as in SQLite, rather than jsonb:
 * jsonb rejects the escape `\u0000` and reorders keys, and nothing queries inside these values.
 */
import pg from 'pg';
import { assertSchemaName, inTransaction, migratePg } from './pg.migrate.js';
import type { Locale } from '../../bot/locale.js';
import type {
  Conversation,
  Delivery,
  NewConversation,
  NewMessage,
  Sender,
  Store,
  StoredMessage,
  Unanswered,
} from '../../bot/core/ports/store.js';

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
  // Answered exactly once, even across a crash (issue 22): a delivery id leads to its message, a
  // reply names the message it answers, and a message awaiting its answer is marked, with a lease
  // on the database's clock (instances' clocks may differ).
  `ALTER TABLE messages ADD COLUMN reply_to INTEGER;
   ALTER TABLE inbound_seen ADD COLUMN conversation_id TEXT, ADD COLUMN seq INTEGER;
   CREATE TABLE unanswered (
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     owner TEXT NOT NULL,
     lease_until TIMESTAMPTZ NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (conversation_id, seq)
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
  id: string;
  token_hash: string;
  channel: string;
  user_id: string | null;
  locale: Locale;
  created_at: Date;
  last_seq: number;
}
interface MessageRow {
  seq: number;
  sender: Sender;
  text: string;
  suggestions: string | null;
  at: Date;
  author: string | null;
}

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    channel: r.channel,
    userId: r.user_id,
    locale: r.locale,
    createdAt: r.created_at.toISOString(),
    lastSeq: r.last_seq,
  };
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
  constructor(
    readonly pool: pg.Pool,
    readonly schema?: string,
  ) {}

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
      await pool.end().catch(() => undefined); // the migration's error is the one that matters; it is thrown next
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
    return {
      id: c.id,
      tokenHash: c.tokenHash,
      channel: c.channel,
      userId: c.userId ?? null,
      locale: c.locale,
      createdAt,
      lastSeq: 0,
    };
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const r = await this.pool.query<ConversationRow>(`SELECT * FROM conversations WHERE id = $1`, [id]);
    return r.rows[0] ? toConversation(r.rows[0]) : null;
  }

  async findConversationByUser(channel: string, userId: string): Promise<Conversation | null> {
    const r = await this.pool.query<ConversationRow>(
      `SELECT * FROM conversations WHERE channel = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 1`,
      [channel, userId],
    );
    return r.rows[0] ? toConversation(r.rows[0]) : null;
  }

  async setLocale(id: string, locale: Locale): Promise<void> {
    await this.pool.query(`UPDATE conversations SET locale = $1 WHERE id = $2`, [locale, id]);
  }

  async appendMessage(conversationId: string, msg: NewMessage): Promise<StoredMessage> {
    return appendWith(this.pool, conversationId, msg, new Date().toISOString());
  }

  async appendCustomer(
    conversationId: string,
    text: string,
    opts: { delivery?: Delivery; owner: string; leaseMs: number },
  ): Promise<{ message: StoredMessage } | { duplicateOf: number | null }> {
    const { delivery } = opts;
    if (!delivery) {
      // No delivery id to claim: the message and its mark in one statement (one round trip, one commit).
      const at = new Date().toISOString();
      const r = await this.pool.query<{ seq: number }>(
        `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq),
         m AS (INSERT INTO messages (conversation_id, seq, sender, text, at) SELECT $1, s.last_seq, 'customer', $2, $3 FROM s RETURNING seq),
         u AS (INSERT INTO unanswered (conversation_id, seq, owner, lease_until, created_at)
               SELECT $1, m.seq, $4, now() + $5 * interval '1 millisecond', now() FROM m)
         SELECT seq FROM m`,
        [conversationId, noNul(text), at, opts.owner, opts.leaseMs],
      );
      const seq = r.rows[0]?.seq;
      if (seq === undefined) throw new Error(`conversation ${conversationId} does not exist`);
      return { message: { seq, from: 'customer', text: noNul(text), at } };
    }
    return inTransaction(this.pool, async (c) => {
      if (delivery) {
        // A concurrent redelivery waits here for this row's transaction, then finds it taken.
        const claimed = await c.query(
          `INSERT INTO inbound_seen (channel, message_id, at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
          [noNul(delivery.channel), noNul(delivery.messageId)],
        );
        if (claimed.rowCount === 0) {
          const seen = (
            await c.query<{ conversation_id: string | null; seq: number | null }>(
              `SELECT conversation_id, seq FROM inbound_seen WHERE channel = $1 AND message_id = $2`,
              [noNul(delivery.channel), noNul(delivery.messageId)],
            )
          ).rows[0];
          return { duplicateOf: seen?.conversation_id === conversationId ? seen.seq : null };
        }
      }
      const message = await appendWith(c, conversationId, { from: 'customer', text }, new Date().toISOString());
      if (delivery) {
        await c.query(`UPDATE inbound_seen SET conversation_id = $1, seq = $2 WHERE channel = $3 AND message_id = $4`, [
          conversationId,
          message.seq,
          noNul(delivery.channel),
          noNul(delivery.messageId),
        ]);
      }
      await c.query(
        `INSERT INTO unanswered (conversation_id, seq, owner, lease_until, created_at)
                     VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', now())`,
        [conversationId, message.seq, opts.owner, opts.leaseMs],
      );
      return { message };
    });
  }

  async answer(
    conversationId: string,
    seq: number,
    replies: readonly NewMessage[],
    state: Record<string, string> = {},
  ): Promise<StoredMessage[] | null> {
    // One statement, so one round trip and one commit a turn: the end of the mark, the replies (numbered
    // after the conversation's last message) and the dialog state, each step only when the mark was
    // still there. The mark's row lock makes a second answer (another instance that took it over)
    // wait, then find nothing.
    const at = new Date().toISOString();
    const texts = replies.map((r) => noNul(r.text));
    const keys = Object.keys(state);
    const r = await this.pool.query<{ answered: boolean; last_seq: number | null }>(
      `WITH del AS (DELETE FROM unanswered WHERE conversation_id = $1 AND seq = $2 RETURNING 1),
       bump AS (UPDATE conversations SET last_seq = last_seq + $3 WHERE id = $1 AND EXISTS (SELECT 1 FROM del) RETURNING last_seq),
       ins AS (INSERT INTO messages (conversation_id, seq, sender, text, suggestions, at, reply_to, author)
               SELECT $1, (SELECT last_seq FROM bump) - $3 + t.ord, t.sender, t.text, t.sugg, $4, $2, t.author
               FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS t(sender, text, sugg, author, ord)
               WHERE EXISTS (SELECT 1 FROM del)),
       st AS (INSERT INTO dialog_state (key, value, updated_at)
              SELECT k, v, now() FROM unnest($9::text[], $10::text[]) AS s(k, v) WHERE EXISTS (SELECT 1 FROM del)
              ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at)
       SELECT EXISTS (SELECT 1 FROM del) AS answered, (SELECT last_seq FROM bump) AS last_seq`,
      [
        conversationId,
        seq,
        replies.length,
        at,
        replies.map((m) => m.from),
        texts,
        replies.map((m) => (m.suggestions?.length ? JSON.stringify(m.suggestions) : null)),
        replies.map((m) => (m.author ? noNul(m.author) : null)),
        keys,
        keys.map((k) => state[k]!),
      ],
    );
    const row = r.rows[0];
    if (!row?.answered) return null;
    if (row.last_seq === null) throw new Error(`conversation ${conversationId} does not exist`);
    const first = row.last_seq - replies.length + 1;
    return replies.map((m, i) => ({
      seq: first + i,
      from: m.from,
      text: texts[i]!,
      at,
      ...(m.suggestions?.length ? { suggestions: m.suggestions } : {}),
      ...(m.author ? { author: m.author } : {}),
    }));
  }

  async answerOf(conversationId: string, seq: number): Promise<StoredMessage[] | null> {
    const marked = await this.pool.query(`SELECT 1 FROM unanswered WHERE conversation_id = $1 AND seq = $2`, [
      conversationId,
      seq,
    ]);
    if (marked.rowCount) return null;
    const r = await this.pool.query<MessageRow>(
      `SELECT seq, sender, text, suggestions, at, author FROM messages WHERE conversation_id = $1 AND seq > $2 AND reply_to = $2 ORDER BY seq`,
      [conversationId, seq],
    );
    return r.rows.map(toMessage);
  }

  async takeUnanswered(
    owner: string,
    leaseMs: number,
    one?: { conversationId: string; seq: number },
  ): Promise<Unanswered[]> {
    const r = await this.pool.query<{ conversation_id: string; seq: number; text: string; created_at: Date }>(
      `UPDATE unanswered u SET owner = $1, lease_until = now() + $2 * interval '1 millisecond'
       FROM messages m
       WHERE m.conversation_id = u.conversation_id AND m.seq = u.seq AND u.lease_until < now()
         AND ($3::text IS NULL OR (u.conversation_id = $3 AND u.seq = $4))
       RETURNING u.conversation_id, u.seq, m.text, u.created_at`,
      [owner, leaseMs, one?.conversationId ?? null, one?.seq ?? null],
    );
    return r.rows
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.seq - b.seq)
      .map((row) => ({ conversationId: row.conversation_id, seq: row.seq, text: row.text }));
  }

  async renewUnanswered(
    owner: string,
    leaseMs: number,
    messages: ReadonlyArray<{ conversationId: string; seq: number }>,
  ): Promise<void> {
    if (!messages.length) return;
    await this.pool.query(
      `UPDATE unanswered SET lease_until = now() + $2 * interval '1 millisecond'
       WHERE owner = $1 AND (conversation_id, seq) IN (SELECT * FROM unnest($3::text[], $4::int[]))`,
      [owner, leaseMs, messages.map((m) => m.conversationId), messages.map((m) => m.seq)],
    );
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
    const r = await this.pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM dialog_state WHERE key = ANY($1::text[])`,
      [keys],
    );
    for (const row of r.rows) out[row.key] = JSON.parse(row.value);
    return out;
  }

  async writeState(entries: Record<string, unknown>): Promise<void> {
    await writeStateWith(this.pool, entries);
  }

  async deleteState(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.pool.query(`DELETE FROM dialog_state WHERE key = ANY($1::text[])`, [keys]);
  }

  async claimInbound(channel: string, messageId: string): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO inbound_seen (channel, message_id, at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
      [channel, messageId],
    );
    return r.rowCount === 1;
  }

  async purgeBefore(beforeIso: string): Promise<number> {
    const r = await this.pool.query(`DELETE FROM messages WHERE at < $1`, [beforeIso]);
    await this.pool.query(`DELETE FROM dialog_state WHERE updated_at < $1`, [beforeIso]);
    await this.pool.query(`DELETE FROM inbound_seen WHERE at < $1`, [beforeIso]);
    await this.pool.query(`DELETE FROM unanswered WHERE created_at < $1`, [beforeIso]);
    return r.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/**
 * Appends one message in one statement: the conversation's counter is bumped and the message inserted
 * under the counter's row lock, so concurrent appends from any instance get gap-free, unique seqs.
 */
async function appendWith(
  db: Queryable,
  conversationId: string,
  msg: NewMessage,
  at: string,
  replyTo: number | null = null,
): Promise<StoredMessage> {
  const text = noNul(msg.text);
  const suggestions = msg.suggestions?.length ? msg.suggestions : undefined;
  const r = await db.query<{ seq: number }>(
    `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
     INSERT INTO messages (conversation_id, seq, sender, text, suggestions, at, reply_to, author)
     SELECT $1, s.last_seq, $2, $3, $4, $5, $6, $7 FROM s
     RETURNING seq`,
    [
      conversationId,
      msg.from,
      text,
      suggestions ? JSON.stringify(suggestions) : null,
      at,
      replyTo,
      msg.author ? noNul(msg.author) : null,
    ],
  );
  const seq = r.rows[0]?.seq;
  if (seq === undefined) throw new Error(`conversation ${conversationId} does not exist`);
  return {
    seq,
    from: msg.from,
    text,
    at,
    ...(suggestions ? { suggestions } : {}),
    ...(msg.author ? { author: msg.author } : {}),
  };
}

async function writeStateWith(db: Queryable, entries: Record<string, unknown>): Promise<void> {
  // JSON.stringify escapes NUL as the six characters \u0000, so the text column takes any value.
  await writeJsonStateWith(db, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, JSON.stringify(v)])));
}

/** Entries already serialised (JSON text). */
async function writeJsonStateWith(db: Queryable, entries: Record<string, string>): Promise<void> {
  const keys = Object.keys(entries);
  if (!keys.length) return;
  const values = keys.map((k) => entries[k]!);
  await db.query(
    `INSERT INTO dialog_state (key, value, updated_at)
     SELECT k, v, now() FROM unnest($1::text[], $2::text[]) AS t(k, v)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [keys, values],
  );
}
