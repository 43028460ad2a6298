/**
 * PgStore against a real PostgreSQL, each run in its own throwaway schema: the shared Store contract,
 * then what only a shared database has to get right — two processes' pools appending to one
 * conversation, and two instances migrating at the same moment.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, PgStore } from '../../adapters/storage/pg.store.js';
import { migratePg } from '../../adapters/storage/pg.migrate.js';
import { dropPgSchema, pgAvailable, pgUrl, skipUnlessService, tempSchemaName } from '../helpers/services.js';
import { storeContract } from '../ports/store.contract.js';

const schemas: string[] = [];
const schemaFor = (prefix: string) => {
  const s = tempSchemaName(prefix);
  schemas.push(s);
  return s;
};

describe.skipIf(skipUnlessService('PostgreSQL', pgAvailable))('PgStore', () => {
  afterAll(async () => {
    for (const s of schemas) await dropPgSchema(s);
  });

  const contractSchema = schemaFor('contract');
  storeContract(
    'PostgreSQL',
    () => PgStore.open(pgUrl, { schema: contractSchema }),
    async (s) => {
      await s.close();
      return PgStore.open(pgUrl, { schema: contractSchema });
    },
  );

  it('numbers 100 appends from two pools 1..100 with no gap or duplicate', async () => {
    const schema = schemaFor('seq');
    const a = await PgStore.open(pgUrl, { schema });
    const b = await PgStore.open(pgUrl, { schema });
    try {
      const conv = await a.createConversation({
        id: randomUUID(),
        tokenHash: 'cd'.repeat(32),
        channel: 'rest',
        locale: 'zh-CN',
      });
      // Open every pooled connection first, so the timing is of appends, not of connecting.
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).ready()));
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 ? b : a).appendMessage(conv.id, { from: 'customer', text: `m${i}` }),
        ),
      );
      const ms = performance.now() - started;
      console.info(`[pg] 100 concurrent appends across two pools: ${ms.toFixed(1)} ms`);
      expect(results.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      const listed = await b.listMessages(conv.id, 0);
      expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      // Each returned seq is the one actually stored with that text.
      const bySeq = new Map(listed.map((m) => [m.seq, m.text]));
      for (const r of results) expect(bySeq.get(r.seq)).toBe(r.text);
      expect((await a.getConversation(conv.id))?.lastSeq).toBe(100);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('lets two instances migrate one empty schema at once', async () => {
    const schema = schemaFor('mig');
    const [a, b] = await Promise.all([PgStore.open(pgUrl, { schema }), PgStore.open(pgUrl, { schema })]);
    try {
      const conv = await a.createConversation({
        id: randomUUID(),
        tokenHash: 'ef'.repeat(32),
        channel: 'rest',
        locale: 'en',
      });
      expect((await b.getConversation(conv.id))?.locale).toBe('en');
      const pool = new pg.Pool({ connectionString: pgUrl, options: `-c search_path=${schema}` });
      try {
        const rows = await pool.query(`SELECT name, version FROM schema_migrations`);
        expect(rows.rows).toEqual([{ name: 'conversations', version: MIGRATIONS.length }]);
      } finally {
        await pool.end();
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('applies only new migrations, and rolls a failing one back whole', async () => {
    const schema = schemaFor('ver');
    const pool = new pg.Pool({ connectionString: pgUrl, options: `-c search_path=${schema}` });
    try {
      const v1 = ['CREATE TABLE a (x INT)'];
      expect(await migratePg(pool, 'demo', v1, schema)).toBe(1);
      expect(await migratePg(pool, 'demo', v1, schema)).toBe(0);
      await expect(
        migratePg(pool, 'demo', [...v1, 'CREATE TABLE b (y INT)', 'CREATE TABLE broken ('], schema),
      ).rejects.toThrow();
      const tables = await pool.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['a', 'schema_migrations']);
      expect(await migratePg(pool, 'demo', [...v1, 'CREATE TABLE b (y INT)'], schema)).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('keeps NUL-containing text and state usable', async () => {
    const s = await PgStore.open(pgUrl, { schema: contractSchema });
    try {
      const conv = await s.createConversation({
        id: randomUUID(),
        tokenHash: 'ab'.repeat(32),
        channel: 'rest',
        locale: 'zh-CN',
      });
      const m = await s.appendMessage(conv.id, { from: 'customer', text: 'a\u0000b' });
      expect((await s.listMessages(conv.id, 0))[0]?.text).toBe(m.text);
      await s.writeState({ [`nul-${conv.id}`]: { v: 'x\u0000y' } });
      expect(await s.readState([`nul-${conv.id}`])).toEqual({ [`nul-${conv.id}`]: { v: 'x\u0000y' } });
    } finally {
      await s.close();
    }
  });

  it('reports readiness, and refuses bad schema names', async () => {
    const s = await PgStore.open(pgUrl, { schema: contractSchema });
    await expect(s.ready()).resolves.toBeUndefined();
    await s.close();
    await expect(s.ready()).rejects.toThrow(/closed/);
    await expect(PgStore.open(pgUrl, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/invalid PostgreSQL schema/);
    const down = await PgStore.open('postgres://postgres@127.0.0.1:1/none', {}).catch((e: Error) => e);
    expect(down).toBeInstanceOf(Error);
  });
});
