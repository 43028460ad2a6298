/**
 * Versioned PostgreSQL migrations, the counterpart of sqlite.db.ts: each store owns a named list of
 * migrations and `schema_migrations` records how many of each list have run.
 *
 * Several instances may start at once (a rolling deploy, two pods), so a run takes a transaction-level
 * advisory lock first: the second instance waits, then finds nothing left to do. The lock is keyed by
 * schema, so tests that each migrate their own schema do not queue behind one another. DDL is
 * transactional in PostgreSQL, so a failing migration leaves the schema as it was.
 */
import type { Pool, PoolClient } from 'pg';

/** Only plain identifiers: a schema name ends up in SQL and in the connection's `options`. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!IDENTIFIER.test(schema))
    throw new Error(`invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _`);
}

/** Runs `fn` inside BEGIN/COMMIT on one pooled connection, rolling back on any error. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined); // a broken connection rolls back by itself; `err` is thrown
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Applies the migrations of `name` that have not run yet, all in one transaction holding the
 * schema's migration lock. `schema`, when given, is created first (under the same lock, since two
 * concurrent `CREATE SCHEMA IF NOT EXISTS` can still collide) and must be first on the pool's search_path.
 */
export async function migratePg(
  pool: Pool,
  name: string,
  migrations: readonly string[],
  schema?: string,
): Promise<number> {
  if (schema !== undefined) assertSchemaName(schema);
  return inTransaction(pool, async (c) => {
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('sim-order-bot:migrate:' || $1::text))`, [schema ?? 'public']);
    if (schema !== undefined) await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, version INTEGER NOT NULL)`);
    const row = await c.query<{ version: number }>(`SELECT version FROM schema_migrations WHERE name = $1`, [name]);
    const from = row.rows[0]?.version ?? 0;
    for (let v = from; v < migrations.length; v++) await c.query(migrations[v]!);
    if (from < migrations.length) {
      await c.query(
        `INSERT INTO schema_migrations (name, version) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
        [name, migrations.length],
      );
    }
    return migrations.length - from;
  });
}
