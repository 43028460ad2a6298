import { describe, expect, it } from 'vitest';
import { openSqlite, withStatementCache } from '../../adapters/storage/sqlite.db.js';

describe('withStatementCache', () => {
  it('prepares each SQL text once and leaves every other method of the database working', () => {
    const db = openSqlite(':memory:');
    const cached = withStatementCache(db);
    cached.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)');
    const insert = cached.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    expect(cached.prepare('INSERT INTO t (k, n) VALUES (?, ?)')).toBe(insert);
    expect(db.prepare('INSERT INTO t (k, n) VALUES (?, ?)')).not.toBe(insert); // the database itself is untouched
    cached.transaction(() => { insert.run('a', 1); insert.run('b', 2); })();
    expect(cached.prepare('SELECT sum(n) AS s FROM t').get()).toEqual({ s: 3 });
    expect(cached.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(cached.open).toBe(true);
    cached.close();
    expect(db.open).toBe(false);
  });
});
