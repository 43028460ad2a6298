/**
 * Real PostgreSQL and Redis for the adapter tests. DATABASE_URL / REDIS_URL win; otherwise the local
 * defaults. Each service is probed once, at import: unreachable means "skip with a notice" on a
 * developer's machine and "fail" under CI, where a silently skipped suite would hide a broken adapter.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const pgUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function probePg(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export const [pgAvailable, redisAvailable] = await Promise.all([probePg(pgUrl), probeRedis(redisUrl)]);

/**
 * For `describe.skipIf(skipUnlessService('PostgreSQL', pgAvailable))`: true (skip) after printing a
 * notice when the service is down, and throws instead when `CI` is set.
 */
export function skipUnlessService(name: string, available: boolean): boolean {
  if (available) return false;
  // Credentials in the URL stay out of the log.
  const where = (name.toLowerCase().includes('redis') ? redisUrl : pgUrl).replace(/\/\/[^@/]*@/, '//…@');
  if (process.env.CI && !['0', 'false'].includes(process.env.CI))
    throw new Error(`${name} is not reachable at ${where}, and CI is set: these tests must run there`);
  console.warn(`[skip] ${name} is not reachable at ${where}; its tests are skipped (set CI=1 to make this an error)`);
  return true;
}

/** A fresh schema name for one test file, to be dropped with `dropPgSchema`. */
export function tempSchemaName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function dropPgSchema(schema: string, url = pgUrl): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '')}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema, and a DATABASE_URL whose connections work in it (for a whole app); `drop()` removes it. */
export async function createPgSchema(
  prefix: string,
): Promise<{ schema: string; databaseUrl: string; drop: () => Promise<void> }> {
  const schema = tempSchemaName(prefix);
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const databaseUrl = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { schema, databaseUrl, drop: () => dropPgSchema(schema) };
}
