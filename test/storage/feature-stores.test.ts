/**
 * The feature stores — handoffs, agent sessions, order watches, platform callbacks — on SQLite and
 * on PostgreSQL, through the same contracts. PostgreSQL runs in throwaway schemas, then what only a
 * shared database has to get right: two instances (two pools) claiming one handoff or one push at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PgCallbackStore } from '../../adapters/storage/pg.callback-store.js';
import { PgHandoffStore } from '../../adapters/storage/pg.handoff-store.js';
import { PgSessionStore } from '../../adapters/storage/pg.session-store.js';
import { MIGRATIONS as CONVERSATION_MIGRATIONS, PgStore } from '../../adapters/storage/pg.store.js';
import { PgWatchStore } from '../../adapters/storage/pg.watch-store.js';
import { SqliteCallbackStore } from '../../adapters/storage/sqlite.callback-store.js';
import { SqliteHandoffStore } from '../../adapters/storage/sqlite.handoff-store.js';
import { SqliteSessionStore } from '../../adapters/storage/sqlite.session-store.js';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { SqliteWatchStore } from '../../adapters/storage/sqlite.watch-store.js';
import { dropPgSchema, pgAvailable, pgUrl, skipUnlessService, tempSchemaName } from '../helpers/services.js';
import { callbackStoreContract, statusPush } from '../ports/callback-store.contract.js';
import type { FeatureRig } from '../ports/feature-rig.js';
import { newConversation } from '../ports/feature-rig.js';
import { handoffStoreContract } from '../ports/handoff-store.contract.js';
import { sessionStoreContract } from '../ports/session-store.contract.js';
import { watchStoreContract } from '../ports/watch-store.contract.js';

function sqliteRig<T>(
  make: (store: SqliteStore) => T,
  close?: (subject: T) => Promise<void>,
): () => Promise<FeatureRig<T>> {
  return async () => {
    const store = new SqliteStore(':memory:');
    const subject = make(store);
    return {
      subject,
      store,
      close: async () => {
        await close?.(subject);
        await store.close();
      },
    };
  };
}

describe('feature stores on SQLite', () => {
  handoffStoreContract(
    'SQLite',
    sqliteRig((s) => new SqliteHandoffStore(s.db)),
  );
  sessionStoreContract(
    'SQLite',
    sqliteRig((s) => new SqliteSessionStore(s.db)),
  );
  watchStoreContract(
    'SQLite',
    sqliteRig((s) => new SqliteWatchStore(s.db)),
  );
  callbackStoreContract(
    'SQLite',
    sqliteRig(
      (s) => new SqliteCallbackStore(s.db),
      (cb) => cb.close(),
    ),
  );
});

const schemas: string[] = [];
const schemaFor = (prefix: string) => {
  const s = tempSchemaName(prefix);
  schemas.push(s);
  return s;
};

describe.skipIf(skipUnlessService('PostgreSQL', pgAvailable))('feature stores on PostgreSQL', () => {
  afterAll(async () => {
    for (const s of schemas) await dropPgSchema(s);
  });

  const schema = schemaFor('feat');
  const pgRig =
    <T>(open: (store: PgStore) => Promise<T>, close?: (subject: T) => Promise<void>) =>
    async (): Promise<FeatureRig<T>> => {
      const store = await PgStore.open(pgUrl, { schema });
      const subject = await open(store);
      return {
        subject,
        store,
        close: async () => {
          await close?.(subject);
          await store.close();
        },
      };
    };
  handoffStoreContract(
    'PostgreSQL',
    pgRig((s) => PgHandoffStore.open(s)),
  );
  sessionStoreContract(
    'PostgreSQL',
    pgRig((s) => PgSessionStore.open(s)),
  );
  watchStoreContract(
    'PostgreSQL',
    pgRig((s) => PgWatchStore.open(s)),
  );
  callbackStoreContract(
    'PostgreSQL',
    pgRig(
      (s) => PgCallbackStore.open(s),
      (cb) => cb.close(),
    ),
  );

  /** Two instances on one fresh schema, each with its own pool, opened (and migrated) at the same moment. */
  async function twoInstances(prefix: string) {
    const schema = schemaFor(prefix);
    const [a, b] = await Promise.all([PgStore.open(pgUrl, { schema }), PgStore.open(pgUrl, { schema })]);
    const [ha, hb, ca, cbb] = await Promise.all([
      PgHandoffStore.open(a),
      PgHandoffStore.open(b),
      PgCallbackStore.open(a),
      PgCallbackStore.open(b),
    ]);
    // Open every pooled connection first, so the race is between updates, not connects.
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).ready()));
    return { schema, a, b, ha, hb, ca, cb: cbb, close: () => Promise.all([a.close(), b.close()]) };
  }

  it('lets exactly one of two instances claim a queued handoff, every time', async () => {
    const x = await twoInstances('race');
    try {
      for (let round = 0; round < 25; round++) {
        const conv = await newConversation(x.a);
        const h = await x.ha.create({
          conversationId: conv,
          status: 'queued',
          reason: 'customer_asked',
          orderNo: null,
          failureCode: null,
          locale: 'zh-CN',
          queuedAt: new Date().toISOString(),
          claimDeadline: null,
        });
        const claimedAt = new Date().toISOString();
        // Five agents on each instance press "claim" at once.
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? x.hb : x.ha).update(h.id, ['queued'], {
              status: 'active',
              claimedAt,
              agentId: `agent-${i}`,
              agentName: `A${i}`,
            }),
          ),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        const stored = await x.hb.get(h.id);
        expect(stored).toMatchObject({ status: 'active', agentId: winners[0]!.agentId, claimedAt });
        expect(winners[0]).toEqual(stored);
      }
    } finally {
      await x.close();
    }
  });

  it('gives a push to exactly one of two instances, and a failed one back to exactly one', async () => {
    const x = await twoInstances('cbrace');
    try {
      for (let round = 0; round < 10; round++) {
        const p = statusPush();
        const first = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? x.cb : x.ca).claim(p, new Date().toISOString())),
        );
        expect(first.filter(Boolean)).toHaveLength(1);
        await x.ca.finish(p.RequidId, false, new Date().toISOString());
        const again = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? x.cb : x.ca).claim(p, new Date().toISOString())),
        );
        expect(again.filter(Boolean)).toHaveLength(1);
        expect((await x.cb.get(p.RequidId))?.status).toBe('processing');
      }
    } finally {
      await x.close();
    }
  });

  it("records each store's migration set once, in the PgStore's schema", async () => {
    const x = await twoInstances('mig');
    try {
      await PgSessionStore.open(x.a);
      await PgWatchStore.open(x.b);
      await Promise.all([
        PgHandoffStore.open(x.a),
        PgSessionStore.open(x.b),
        PgWatchStore.open(x.a),
        PgCallbackStore.open(x.b),
      ]);
      const rows = await x.a.pool.query<{ name: string; version: number }>(
        `SELECT name, version FROM schema_migrations ORDER BY name`,
      );
      expect(rows.rows).toEqual(
        ['agent-sessions', 'callbacks', 'conversations', 'handoffs', 'order-watches'].map((name) => ({
          name,
          version: name === 'conversations' ? CONVERSATION_MIGRATIONS.length : 1,
        })),
      );
      const tables = await x.a.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
        [x.schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['agent_sessions', 'handoff_notes', 'handoffs', 'order_watches', 'platform_callbacks']),
      );
    } finally {
      await x.close();
    }
  });

  it("drops a conversation's watches with it, and keeps NUL-containing ticket text usable", async () => {
    const store = await PgStore.open(pgUrl, { schema });
    try {
      const watches = await PgWatchStore.open(store);
      const handoffs = await PgHandoffStore.open(store);
      const conv = await newConversation(store);
      const orderNo = `SO${randomUUID().slice(0, 8)}`;
      await watches.seen(orderNo, conv, 'shipped');
      await store.pool.query(`DELETE FROM conversations WHERE id = $1`, [conv]);
      expect(await watches.watchers(orderNo)).toEqual([]);

      const h = await handoffs.create({
        conversationId: conv,
        status: 'ticket_pending',
        reason: 'a\u0000b',
        orderNo: null,
        failureCode: null,
        locale: 'en',
        queuedAt: new Date().toISOString(),
        claimDeadline: null,
      });
      const t = await handoffs.update(h.id, ['ticket_pending'], { status: 'ticket', ticketText: 'x\u0000y' });
      expect(t?.ticketText).toBe('x\uFFFDy');
      expect((await handoffs.get(h.id))?.reason).toBe('a\uFFFDb');
      const n = await handoffs.addNote({
        handoffId: h.id,
        agentId: 'a',
        agentName: 'A',
        text: 'n\u0000',
        at: new Date().toISOString(),
      });
      expect((await handoffs.notes(h.id))[0]?.text).toBe(n.text);
    } finally {
      await store.close();
    }
  });
});
