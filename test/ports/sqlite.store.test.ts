import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openSqlite } from '../../adapters/storage/sqlite.db.js';
import { MIGRATIONS, SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { tempDir } from '../helpers/app.js';
import { storeContract } from './store.contract.js';

const file = path.join(tempDir(), 'contract.sqlite');
storeContract(
  'SQLite file',
  async () => new SqliteStore(file),
  async (s) => {
    await s.close();
    return new SqliteStore(file);
  },
  { oneProcess: true },
);

describe('SQLite schema upgrade', () => {
  it('rebuilds messages and dialog states as ordinary tables and keeps every row', async () => {
    const db = openSqlite(path.join(tempDir(), 'old.sqlite'));
    migrate(db, 'conversations', MIGRATIONS.slice(0, 1)); // a database from before the upgrade
    db.prepare(
      `INSERT INTO conversations (id, token_hash, channel, locale, created_at, last_seq) VALUES ('c1', 'h', 'web', 'zh-CN', '2026-11-01T00:00:00.000Z', 2)`,
    ).run();
    db.prepare(
      `INSERT INTO messages VALUES ('c1', 1, 'customer', '你好', NULL, '2026-11-01T00:00:01.000Z'), ('c1', 2, 'bot', '您好', '["转人工"]', '2026-11-01T00:00:02.000Z')`,
    ).run();
    db.prepare(`INSERT INTO dialog_state VALUES ('k1', '{"a":1}', '2026-11-01T00:00:02.000Z')`).run();
    const isWithoutRowid = (table: string) =>
      /WITHOUT ROWID/i.test(
        db.prepare<[string], { sql: string }>(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table)!.sql,
      );
    expect(isWithoutRowid('messages')).toBe(true);

    const store = new SqliteStore(db);
    expect(isWithoutRowid('messages')).toBe(false);
    expect(isWithoutRowid('dialog_state')).toBe(false);
    expect(await store.listMessages('c1', 0)).toEqual([
      { seq: 1, from: 'customer', text: '你好', at: '2026-11-01T00:00:01.000Z' },
      { seq: 2, from: 'bot', text: '您好', suggestions: ['转人工'], at: '2026-11-01T00:00:02.000Z' },
    ]);
    expect(await store.readState(['k1'])).toEqual({ k1: { a: 1 } });
    expect((await store.appendMessage('c1', { from: 'customer', text: '再见' })).seq).toBe(3);
    // The transcript still goes with its conversation.
    db.prepare(`DELETE FROM conversations WHERE id = 'c1'`).run();
    expect(await store.listMessages('c1', 0)).toEqual([]);
    await store.close();
  });
});
