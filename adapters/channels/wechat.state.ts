/**
 * What the WeChat channel remembers beside the Store: where each conversation's messages go
 * (contact, or room + contact to @-mention), the suggestions last offered as numbers, the
 * customer's consent to proactive notices and which notices went out already.
 */
import { migrate, type SqliteDb } from '../storage/sqlite.db.js';

/** Never edit a shipped entry: append. */
const MIGRATIONS: string[] = [
  `CREATE TABLE wechat_conversations (
     conversation_id TEXT PRIMARY KEY,
     to_id TEXT NOT NULL,
     mention_id TEXT,
     suggestions TEXT,
     notify_opt_in INTEGER NOT NULL DEFAULT 0,
     last_seen TEXT NOT NULL
   );
   CREATE TABLE wechat_notices (
     dedupe_key TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     sent_at TEXT NOT NULL
   );`,
];

export interface WechatTarget {
  /** Contact id (1:1) or room id. */
  to: string;
  /** In a room: the customer to @-mention. */
  mention: string | null;
}

interface Row {
  conversation_id: string;
  to_id: string;
  mention_id: string | null;
  suggestions: string | null;
  notify_opt_in: number;
}

export class WechatState {
  constructor(
    private readonly db: SqliteDb,
    private readonly now: () => Date = () => new Date(),
  ) {
    migrate(db, 'wechat-channel', MIGRATIONS);
  }

  /** Records (or refreshes) where a conversation's messages go. */
  touch(conversationId: string, target: WechatTarget): void {
    this.db
      .prepare(
        `INSERT INTO wechat_conversations (conversation_id, to_id, mention_id, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT(conversation_id) DO UPDATE SET to_id = excluded.to_id, mention_id = excluded.mention_id, last_seen = excluded.last_seen`,
      )
      .run(conversationId, target.to, target.mention, this.now().toISOString());
  }

  target(conversationId: string): WechatTarget | null {
    const r = this.row(conversationId);
    return r ? { to: r.to_id, mention: r.mention_id } : null;
  }

  /** Conversations seen since `since`, to follow on the bus after a restart. */
  recent(since: Date): Array<{ conversationId: string } & WechatTarget> {
    return this.db
      .prepare<[string], Row>(`SELECT * FROM wechat_conversations WHERE last_seen >= ?`)
      .all(since.toISOString())
      .map((r) => ({ conversationId: r.conversation_id, to: r.to_id, mention: r.mention_id }));
  }

  suggestions(conversationId: string): string[] {
    const s = this.row(conversationId)?.suggestions;
    return s ? (JSON.parse(s) as string[]) : [];
  }

  setSuggestions(conversationId: string, list: string[]): void {
    this.db
      .prepare(`UPDATE wechat_conversations SET suggestions = ? WHERE conversation_id = ?`)
      .run(list.length ? JSON.stringify(list) : null, conversationId);
  }

  optedIn(conversationId: string): boolean {
    return this.row(conversationId)?.notify_opt_in === 1;
  }

  /** false when the conversation is not a WeChat one this channel knows. */
  setOptIn(conversationId: string, on: boolean): boolean {
    return (
      this.db
        .prepare(`UPDATE wechat_conversations SET notify_opt_in = ? WHERE conversation_id = ?`)
        .run(on ? 1 : 0, conversationId).changes > 0
    );
  }

  /** true the first time a key is claimed, false ever after. */
  claimNotice(conversationId: string, key: string): boolean {
    return (
      this.db
        .prepare(`INSERT OR IGNORE INTO wechat_notices (dedupe_key, conversation_id, sent_at) VALUES (?, ?, ?)`)
        .run(key, conversationId, this.now().toISOString()).changes > 0
    );
  }

  private row(conversationId: string): Row | undefined {
    return this.db
      .prepare<[string], Row>(`SELECT * FROM wechat_conversations WHERE conversation_id = ?`)
      .get(conversationId);
  }
}
