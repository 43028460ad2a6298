/**
 * The WeChat outbox: every outbound message is written to SQLite first, then sent through two
 * p-queue throttles (per contact/room and overall), because WeChat bans accounts that send in
 * bursts. A failed send is retried with backoff; one that keeps failing stays in the table as
 * `given_up` and raises an alert. Unsent rows are picked up again by `start()` (after a restart or
 * a new login), so nothing is lost.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import PQueue from 'p-queue';
import { migrate, type SqliteDb } from '../storage/sqlite.db.js';

/** Never edit a shipped entry: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE wechat_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     to_id TEXT NOT NULL,
     mention_id TEXT,
     conversation_id TEXT,
     text TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at TEXT NOT NULL,
     sent_at TEXT
   );
   CREATE INDEX wechat_outbox_status ON wechat_outbox(status, id);`,
];

export interface OutboxThrottle {
  /** At most `perContactCap` messages per `perContactIntervalMs` to one contact or room. */
  perContactIntervalMs: number;
  perContactCap: number;
  /** At most `overallCap` messages per `overallIntervalMs` in total. */
  overallIntervalMs: number;
  overallCap: number;
  /** Send attempts before a message is given up (1 = no retry). */
  maxAttempts: number;
  /** Backoff before retry n is `retryBaseMs * 2^(n-1)`, capped at `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_THROTTLE: Readonly<OutboxThrottle> = Object.freeze({
  perContactIntervalMs: 1000,
  perContactCap: 1,
  overallIntervalMs: 60_000,
  overallCap: 20,
  maxAttempts: 4,
  retryBaseMs: 2000,
  retryMaxMs: 60_000,
});

export type OutboxStatus = 'pending' | 'sent' | 'given_up';

export interface OutboxRow {
  id: number;
  /** Contact id (1:1) or room id. */
  to: string;
  /** In a room: the contact to @-mention. */
  mention: string | null;
  conversationId: string | null;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface WechatAlert {
  kind: 'send-given-up' | 'logout' | 'error' | 'restart-failed';
  message: string;
  outboxId?: number;
}

export interface OutboxDeps {
  db: SqliteDb;
  /**
   * Looks up the recipient and returns the call that sends (throwing when it was not delivered).
   * Only that call takes a throttle slot, so lookups do not blur the spacing the contact sees.
   */
  send: (row: OutboxRow) => Promise<() => Promise<void>>;
  log: Logger;
  throttle?: Partial<OutboxThrottle>;
  onAlert?: (alert: WechatAlert) => void;
  now?: () => Date;
}

interface Row {
  id: number;
  to_id: string;
  mention_id: string | null;
  conversation_id: string | null;
  text: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  to: r.to_id,
  mention: r.mention_id,
  conversationId: r.conversation_id,
  text: r.text,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export class WechatOutbox {
  readonly throttle: Readonly<OutboxThrottle>;
  private readonly overall: PQueue;
  private readonly perContact = new Map<string, PQueue>();
  /** Rows handed to a queue; `started` once their task runs (p-queue's clear() drops the others silently). */
  private readonly inFlight = new Map<number, { started: boolean; generation: number }>();
  private running = false;
  private generation = 0;
  private abort = new AbortController();

  constructor(private readonly d: OutboxDeps) {
    migrate(d.db, 'wechat-outbox', MIGRATIONS);
    this.throttle = Object.freeze({ ...DEFAULT_THROTTLE, ...d.throttle });
    // strict: a sliding window, so the bursts of two windows cannot meet at their boundary.
    this.overall = new PQueue({
      interval: this.throttle.overallIntervalMs,
      intervalCap: this.throttle.overallCap,
      strict: true,
    });
  }

  /** Writes the message, then sends it when the outbox runs (it does while the bot is logged in). */
  enqueue(msg: { to: string; text: string; mention?: string | null; conversationId?: string | null }): OutboxRow {
    const row = this.d.db
      .prepare<unknown[], Row>(
        `INSERT INTO wechat_outbox (to_id, mention_id, conversation_id, text, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(msg.to, msg.mention ?? null, msg.conversationId ?? null, msg.text, this.now())!;
    const out = toRow(row);
    if (this.running) this.dispatch(out);
    return out;
  }

  /** Starts sending, beginning with every row not yet sent (pending, or given up before) in order. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.abort = new AbortController();
    for (const row of this.list(['pending', 'given_up'])) this.dispatch(row);
  }

  /** Stops sending (logout, shutdown); rows stay in the table for the next start(). */
  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    for (const q of this.perContact.values()) q.clear();
    for (const [id, e] of this.inFlight) if (!e.started) this.inFlight.delete(id);
  }

  /** Resolves when nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await delay(5);
  }

  async stop(): Promise<void> {
    this.pause();
    await this.idle();
  }

  list(statuses: OutboxStatus[] = ['pending', 'sent', 'given_up']): OutboxRow[] {
    const marks = statuses.map(() => '?').join(',');
    return this.d.db
      .prepare<unknown[], Row>(`SELECT * FROM wechat_outbox WHERE status IN (${marks}) ORDER BY id`)
      .all(...statuses)
      .map(toRow);
  }

  counts(): Record<OutboxStatus, number> {
    const rows = this.d.db
      .prepare<[], { status: OutboxStatus; n: number }>(
        `SELECT status, COUNT(*) AS n FROM wechat_outbox GROUP BY status`,
      )
      .all();
    const c: Record<OutboxStatus, number> = { pending: 0, sent: 0, given_up: 0 };
    for (const r of rows) c[r.status] = r.n;
    return c;
  }

  private queueFor(to: string): PQueue {
    let q = this.perContact.get(to);
    if (!q) {
      const made = new PQueue({
        concurrency: 1,
        interval: this.throttle.perContactIntervalMs,
        intervalCap: this.throttle.perContactCap,
        strict: true,
      });
      made.on('idle', () => {
        if (this.perContact.get(to) === made) this.perContact.delete(to);
      });
      this.perContact.set(to, (q = made));
    }
    return q;
  }

  private dispatch(row: OutboxRow): void {
    if (this.inFlight.has(row.id)) return;
    const entry = { started: false, generation: this.generation };
    this.inFlight.set(row.id, entry);
    const signal = this.abort.signal;
    void this.queueFor(row.to)
      .add(async () => {
        entry.started = true;
        await this.deliver(row, signal);
      })
      .catch((e: unknown) => this.d.log.error({ err: e, outboxId: row.id }, 'wechat outbox task failed'))
      .finally(() => {
        if (this.inFlight.get(row.id) === entry) this.inFlight.delete(row.id);
        // A start() that came while this old task was finishing skipped the row: take it now.
        if (this.running && entry.generation !== this.generation) {
          const cur = this.get(row.id);
          if (cur && cur.status !== 'sent') this.dispatch(cur);
        }
      });
  }

  private get(id: number): OutboxRow | null {
    const r = this.d.db.prepare<[number], Row>(`SELECT * FROM wechat_outbox WHERE id = ?`).get(id);
    return r ? toRow(r) : null;
  }

  private async deliver(row: OutboxRow, signal: AbortSignal): Promise<void> {
    const t = this.throttle;
    // Each start() gives an unsent row a fresh set of attempts (a re-login often cures the failure).
    let attempts = 0;
    for (;;) {
      if (signal.aborted) return;
      try {
        const say = await this.d.send(row);
        await this.overall.add(say, { signal });
        this.d.db
          .prepare(
            `UPDATE wechat_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
          )
          .run(this.now(), row.id);
        break;
      } catch (e) {
        if (signal.aborted) return;
        attempts++;
        const message = e instanceof Error ? e.message : String(e);
        const givenUp = attempts >= t.maxAttempts;
        this.d.db
          .prepare(`UPDATE wechat_outbox SET attempts = attempts + 1, last_error = ?, status = ? WHERE id = ?`)
          .run(message, givenUp ? 'given_up' : 'pending', row.id);
        if (givenUp) {
          this.d.log.error({ outboxId: row.id, to: row.to, attempts, error: message }, 'wechat send given up');
          this.d.onAlert?.({
            kind: 'send-given-up',
            message: `WeChat message ${row.id} not delivered after ${attempts} attempts: ${message}`,
            outboxId: row.id,
          });
          return;
        }
        this.d.log.warn({ outboxId: row.id, attempts, error: message }, 'wechat send failed, will retry');
        if (!(await sleep(Math.min(t.retryBaseMs * 2 ** (attempts - 1), t.retryMaxMs), signal))) return;
      }
    }
    // p-queue counts a task when it starts, but the send inside may have waited for the overall
    // queue: keeping the gap after the actual send is what the contact sees.
    await sleep(t.perContactIntervalMs / t.perContactCap, signal);
  }

  private now(): string {
    return (this.d.now?.() ?? new Date()).toISOString();
  }
}

/** false when aborted. */
async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
