/**
 * Real PostgreSQL write errors on the way through a turn: the server itself refuses the rows (a CHECK
 * constraint added while the bot runs, as a full disk or a read-only replica would refuse them).
 * Refused customer message: a clear 500 and a clean retry with the same client id, processed once.
 * Refused bot replies: the customer's message is kept, a clear reply, and once the database takes
 * writes again (and the message's lease has run out) it is answered, once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { createPgSchema, pgAvailable, pgUrl, skipUnlessService } from '../helpers/services.js';

const skip = skipUnlessService('PostgreSQL', pgAvailable);

describe.skipIf(skip)('PostgreSQL write errors', () => {
  let db: Awaited<ReturnType<typeof createPgSchema>>;
  let admin: pg.Pool;
  let built: BuiltApp;

  beforeAll(async () => {
    db = await createPgSchema('pgfault');
    admin = new pg.Pool({ connectionString: pgUrl });
    built = await testApp({ DATABASE_URL: db.databaseUrl, ANSWER_LEASE_SECONDS: '0.5' });
  }, 30_000);
  afterAll(async () => {
    await built?.app.close();
    await admin?.end();
    await db?.drop();
  });

  const refuse = (check: string) =>
    admin.query(`ALTER TABLE ${db.schema}.messages ADD CONSTRAINT refuse_writes CHECK (${check}) NOT VALID`);
  const accept = () => admin.query(`ALTER TABLE ${db.schema}.messages DROP CONSTRAINT IF EXISTS refuse_writes`);
  const post = (c: RestCustomer, payload: object) =>
    built.app.inject({
      method: 'POST',
      url: `/api/conversations/${c.conversationId}/messages`,
      headers: { authorization: `Bearer ${c.token}` },
      payload,
    });

  it('a refused customer message is a clear 500, and the retry with the same id is processed once', async () => {
    expect(built.store.constructor.name).toBe('PgStore');
    const c = await new RestCustomer(built).open();
    await refuse('false');
    try {
      const first = await post(c, { text: '172202611100001', id: 'pg-1' });
      expect(first.statusCode).toBe(500);
      expect(first.json().error).toEqual({ code: 'INTERNAL', message: expect.any(String) });
      expect(await built.store.listMessages(c.conversationId, 0)).toEqual([]);
    } finally {
      await accept();
    }
    const retry = await post(c, { text: '172202611100001', id: 'pg-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().replies[0].text).toContain('后4位');
    expect((await post(c, { text: '172202611100001', id: 'pg-1' })).json()).toEqual({
      replies: retry.json().replies,
      duplicate: true,
    });
    expect((await built.store.listMessages(c.conversationId, 0)).map((m) => m.from)).toEqual(['customer', 'bot']);
  });

  it('refused bot replies: the message is kept, the customer hears clearly, and it is answered once writes work again', async () => {
    const c = await new RestCustomer(built).open();
    await refuse(`sender <> 'bot'`);
    try {
      const res = await post(c, { text: '172202611100001', id: 'pg-2' });
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .replies.map((r: { text: string }) => r.text)
          .join(),
      ).toContain('消息已经收到');
      const early = await post(c, { text: '172202611100001', id: 'pg-2' });
      expect([early.statusCode, early.json()]).toEqual([202, { replies: [], duplicate: true, pending: true }]);
    } finally {
      await accept();
    }
    const history = await built.store.listMessages(c.conversationId, 0);
    expect(history.map((m) => [m.from, m.text])).toEqual([['customer', '172202611100001']]);
    // Its lease runs out; a retry (or the periodic recovery) answers it, and only once.
    let answered: { replies: Array<{ text: string }> } | undefined;
    while (!answered) {
      await new Promise((r) => setTimeout(r, 200));
      const again = await post(c, { text: '172202611100001', id: 'pg-2' });
      if (again.statusCode === 200) answered = again.json();
    }
    expect(answered.replies[0]!.text).toContain('后4位');
    expect((await built.store.listMessages(c.conversationId, 0)).map((m) => m.from)).toEqual(['customer', 'bot']);
    expect((await post(c, { text: '172202611100001', id: 'pg-3' })).json().replies[0].text).toContain('后4位');
    expect((await built.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});
