/**
 * The handoff queue, tickets, notes and ratings in the embedded SQLite database (same file as the
 * conversations, its own migration set).
 */
import type {
  HandoffNote,
  HandoffPatch,
  HandoffRecord,
  HandoffStatus,
  HandoffStore,
  NewHandoff,
} from '../../bot/core/ports/handoff-store.js';
import { HANDOFF_COLUMN, handoffFromRow, type HandoffRow } from './handoff.rows.js';
import { migrate, type SqliteDb } from './sqlite.db.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE handoffs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     status TEXT NOT NULL,
     reason TEXT NOT NULL,
     order_no TEXT,
     failure_code TEXT,
     locale TEXT NOT NULL,
     queued_at TEXT NOT NULL,
     claim_deadline TEXT,
     claimed_at TEXT,
     agent_id TEXT,
     agent_name TEXT,
     resolved_at TEXT,
     rating INTEGER,
     ticket_text TEXT,
     answer_by TEXT
   );
   CREATE INDEX handoffs_conversation ON handoffs(conversation_id, status);
   CREATE INDEX handoffs_status ON handoffs(status, queued_at);
   CREATE INDEX handoffs_queued_at ON handoffs(queued_at);
   CREATE TABLE handoff_notes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     handoff_id INTEGER NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
     agent_id TEXT NOT NULL,
     agent_name TEXT NOT NULL,
     text TEXT NOT NULL,
     at TEXT NOT NULL
   );`,
];

type Row = HandoffRow<string>;

const toRecord = handoffFromRow;

export class SqliteHandoffStore implements HandoffStore {
  private readonly st;

  constructor(private readonly db: SqliteDb) {
    migrate(db, 'handoffs', MIGRATIONS);
    this.st = {
      current: db.prepare<[string], Row>(
        `SELECT * FROM handoffs WHERE conversation_id = ? AND status <> 'closed' ORDER BY id DESC LIMIT 1`,
      ),
      latest: db.prepare<[string], Row>(`SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY id DESC LIMIT 1`),
      get: db.prepare<[number], Row>(`SELECT * FROM handoffs WHERE id = ?`),
      insert:
        db.prepare(`INSERT INTO handoffs (conversation_id, status, reason, order_no, failure_code, locale, queued_at, claim_deadline)
                          VALUES (@conversationId, @status, @reason, @orderNo, @failureCode, @locale, @queuedAt, @claimDeadline)`),
      since: db.prepare<[string], Row>(`SELECT * FROM handoffs WHERE queued_at >= ? ORDER BY queued_at, id`),
      conversationsSince: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM conversations WHERE created_at >= ?`,
      ),
      addNote: db.prepare(
        `INSERT INTO handoff_notes (handoff_id, agent_id, agent_name, text, at) VALUES (?, ?, ?, ?, ?)`,
      ),
      notes: db.prepare<
        [number],
        { id: number; handoff_id: number; agent_id: string; agent_name: string; text: string; at: string }
      >(`SELECT * FROM handoff_notes WHERE handoff_id = ? ORDER BY id`),
    };
  }

  async current(conversationId: string): Promise<HandoffRecord | null> {
    const r = this.st.current.get(conversationId);
    return r ? toRecord(r) : null;
  }

  async latest(conversationId: string): Promise<HandoffRecord | null> {
    const r = this.st.latest.get(conversationId);
    return r ? toRecord(r) : null;
  }

  async get(id: number): Promise<HandoffRecord | null> {
    const r = this.st.get.get(id);
    return r ? toRecord(r) : null;
  }

  async create(h: NewHandoff): Promise<HandoffRecord> {
    const info = this.st.insert.run(h);
    return toRecord(this.st.get.get(Number(info.lastInsertRowid))!);
  }

  async update(id: number, expect: readonly HandoffStatus[], patch: HandoffPatch): Promise<HandoffRecord | null> {
    const keys = Object.keys(patch) as Array<keyof HandoffPatch>;
    if (!keys.length || !expect.length) return this.get(id);
    const sets = keys.map((k) => `${HANDOFF_COLUMN[k]} = @${k}`).join(', ');
    const marks = expect.map((_, i) => `@s${i}`).join(', ');
    const params: Record<string, unknown> = { ...patch, id };
    expect.forEach((s, i) => {
      params[`s${i}`] = s;
    });
    const info = this.db.prepare(`UPDATE handoffs SET ${sets} WHERE id = @id AND status IN (${marks})`).run(params);
    return info.changes ? this.get(id) : null;
  }

  async list(statuses: readonly HandoffStatus[]): Promise<HandoffRecord[]> {
    if (!statuses.length) return [];
    const rows = this.db
      .prepare<unknown[], Row>(
        `SELECT * FROM handoffs WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY queued_at, id`,
      )
      .all(...statuses);
    return rows.map(toRecord);
  }

  async since(sinceIso: string): Promise<HandoffRecord[]> {
    return this.st.since.all(sinceIso).map(toRecord);
  }

  async conversationsSince(sinceIso: string): Promise<number> {
    return this.st.conversationsSince.get(sinceIso)?.n ?? 0;
  }

  async addNote(note: Omit<HandoffNote, 'id'>): Promise<HandoffNote> {
    const info = this.st.addNote.run(note.handoffId, note.agentId, note.agentName, note.text, note.at);
    return { id: Number(info.lastInsertRowid), ...note };
  }

  async notes(handoffId: number): Promise<HandoffNote[]> {
    return this.st.notes.all(handoffId).map((r) => ({
      id: r.id,
      handoffId: r.handoff_id,
      agentId: r.agent_id,
      agentName: r.agent_name,
      text: r.text,
      at: r.at,
    }));
  }
}
