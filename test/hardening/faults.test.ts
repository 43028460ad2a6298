/**
 * Faults on the way through a turn: the database failing to store the customer's message (a clear
 * error, and a clean retry with the same client id), or failing to store the answer (a clear reply,
 * the message kept, answered once, the dialog where it stood); retries get the answer again, never a
 * second one. A kill -9 of a real server is in crash.test.ts.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import type { BuiltApp } from '../../bot/app/app.js';
import type { Delivery, NewMessage } from '../../bot/core/ports/store.js';
import { RestCustomer, tempDir, testApp } from '../helpers/app.js';

/** A real SQLite store whose next write of the given kind fails (a full disk, a locked file). */
class FlakyStore extends SqliteStore {
  failCustomer = false;
  failAnswers = 0;
  override async appendCustomer(
    id: string,
    text: string,
    opts: { delivery?: Delivery; owner: string; leaseMs: number },
  ) {
    if (this.failCustomer) {
      this.failCustomer = false;
      throw new Error('SQLITE_FULL: database or disk is full');
    }
    return super.appendCustomer(id, text, opts);
  }
  override async answer(id: string, seq: number, replies: readonly NewMessage[], state?: Record<string, string>) {
    if (this.failAnswers > 0) {
      this.failAnswers--;
      throw new Error('SQLITE_IOERR: disk I/O error');
    }
    return super.answer(id, seq, replies, state);
  }
}

let built: BuiltApp | undefined;
afterEach(async () => {
  await built?.app.close();
  built = undefined;
});

async function post(c: RestCustomer, payload: object) {
  return built!.app.inject({
    method: 'POST',
    url: `/api/conversations/${c.conversationId}/messages`,
    headers: { authorization: `Bearer ${c.token}` },
    payload,
  });
}

describe('store faults', () => {
  it('a failed write of the customer message is a clear 500, and the retry with the same id is processed once', async () => {
    const store = new FlakyStore(path.join(tempDir('flaky-'), 'bot.sqlite'));
    built = await testApp({}, { store });
    const c = await new RestCustomer(built).open();
    store.failCustomer = true;
    const first = await post(c, { text: '172202611100001', id: 'm-1' });
    expect(first.statusCode).toBe(500);
    expect(first.json().error).toEqual({ code: 'INTERNAL', message: expect.any(String) });
    expect(await store.listMessages(c.conversationId, 0)).toEqual([]);
    const retry = await post(c, { text: '172202611100001', id: 'm-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().replies[0].text).toContain('后4位');
    const again = await post(c, { text: '172202611100001', id: 'm-1' }); // a second retry: the same answer, not a second one
    expect(again.json()).toEqual({ replies: retry.json().replies, duplicate: true });
    const history = await store.listMessages(c.conversationId, 0);
    expect(history.map((m) => m.from)).toEqual(['customer', 'bot']);
  });

  it('a failure to store the answer answers clearly, keeps the message, answers it once, and leaves the dialog where it stood', async () => {
    const store = new FlakyStore(path.join(tempDir('flaky-'), 'bot.sqlite'));
    built = await testApp({}, { store });
    const c = await new RestCustomer(built).open();
    store.failAnswers = 1;
    const res = await post(c, { text: '172202611100001', id: 'm-2' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toContain('消息已经收到');
    const retry = await post(c, { text: '172202611100001', id: 'm-2' });
    expect(retry.json()).toEqual({ replies: res.json().replies, duplicate: true });
    const history = await store.listMessages(c.conversationId, 0);
    expect(history.map((m) => m.from)).toEqual(['customer', 'bot']);
    // The state the failed turn reached was not kept: the dialog still waits for an order number.
    expect(
      (await post(c, { text: '0251', id: 'm-3' }))
        .json()
        .replies.map((r: { text: string }) => r.text)
        .join(),
    ).not.toContain('原因');
    expect((await post(c, { text: '172202611100001', id: 'm-4' })).json().replies[0].text).toContain('后4位');
  });

  it('a message whose answer and apology both failed to store is answered once the store is back', async () => {
    const store = new FlakyStore(path.join(tempDir('flaky-'), 'bot.sqlite'));
    built = await testApp({ ANSWER_LEASE_SECONDS: '0.2' }, { store });
    const c = await new RestCustomer(built).open();
    store.failAnswers = 2;
    const res = await post(c, { text: '172202611100001', id: 'm-5' });
    expect(res.json().replies[0].text).toContain('消息已经收到'); // said, though it could not be stored
    // Once its lease has run out, the retry (or the periodic recovery, whichever comes first) answers it, once.
    await new Promise((r) => setTimeout(r, 300));
    const retry = await post(c, { text: '172202611100001', id: 'm-5' });
    expect(retry.json()).toMatchObject({ duplicate: true, replies: [{ text: expect.stringContaining('后4位') }] });
    expect(await built.pipeline.recover()).toBe(0);
    expect((await store.listMessages(c.conversationId, 0)).map((m) => m.from)).toEqual(['customer', 'bot']);
  });

  it('refuses a malformed client id', async () => {
    built = await testApp();
    const c = await new RestCustomer(built).open();
    const res = await post(c, { text: 'hi', id: '../../etc' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'BAD_REQUEST']);
  });
});
