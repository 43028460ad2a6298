/**
 * Opening the embedded SQLite database and applying migrations. Each store over the database
 * (conversations, handoffs, callbacks, …) owns its tables and its own named list of migrations, so
 * features can add tables without touching each other's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate } from 'node:timers';
import Database from 'better-sqlite3';

export type SqliteDb = Database.Database;

/** Opens (creating if needed) a database file in WAL mode; ':memory:' for throwaway tests. */
export function openSqlite(file: string): SqliteDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Reads through a memory map instead of a read() per page (about 3× faster reads under load).
  db.pragma('mmap_size = 268435456');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, version INTEGER NOT NULL)`);
  return db;
}

/** Runs the migrations of `name` that have not run yet, each in its own transaction. */
export function migrate(db: SqliteDb, name: string, migrations: readonly string[]): void {
  const row = db
    .prepare<[string], { version: number }>(`SELECT version FROM schema_migrations WHERE name = ?`)
    .get(name);
  for (let v = row?.version ?? 0; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.prepare(
        `INSERT INTO schema_migrations (name, version) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version`,
      ).run(name, v + 1);
    })();
  }
}

/**
 * Group commit: the writes that must be durable before the caller goes on (a customer's message
 * before it is acknowledged, a turn's answer before it is sent) are queued and run together in one
 * transaction at the end of the event-loop turn, each in its own savepoint so that one failing
 * leaves the others alone. Each caller's promise settles after that COMMIT, so nothing is reported
 * stored before it is. Under load one COMMIT (one WAL append, each touched page written once)
 * serves many turns; alone, a write waits no more than the rest of the current loop turn.
 */
export class GroupCommit {
  private queue: Array<{ run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  private readonly each: (run: () => unknown) => unknown;

  constructor(private readonly db: SqliteDb) {
    this.each = db.transaction((run: () => unknown) => run()); // a savepoint inside the group's transaction
  }

  /** Runs `write` in the next group transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // node:timers' own setImmediate: a test's fake clock (which replaces the global) must not hold commits back.
      if (!this.queue.length) setImmediate(() => this.flush());
      this.queue.push({ run: write, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** Commits what is queued now (also at the end of the loop turn); before closing the database. */
  flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    const results: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const w of batch) {
          try {
            results.push({ ok: true, value: this.each(w.run) });
          } catch (err) {
            results.push({ ok: false, err });
          }
        }
      })();
    } catch (err) {
      for (const w of batch) w.reject(err); // the COMMIT itself failed: nothing of the batch is stored
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i]!;
      if (r.ok) w.resolve(r.value);
      else w.reject(r.err);
    });
  }
}

const groups = new WeakMap<SqliteDb, GroupCommit>();

/** The group commit of `db` (one per database, shared by the stores over it). */
export function groupCommit(db: SqliteDb): GroupCommit {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g;
}
