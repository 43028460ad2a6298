/**
 * The Store contract: every implementation (SQLite, PostgreSQL, …) runs these same tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../bot/ports/store.js';

export function storeContract(name: string, make: () => Promise<Store>, reopen?: (s: Store) => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => { store = await make(); });
    afterAll(async () => { await store.close(); });

    const newConv = async (channel = 'rest', userId: string | null = null) =>
      store.createConversation({ id: randomUUID(), tokenHash: 'ab'.repeat(32), channel, userId, locale: 'zh-CN' });

    it('creates and reads back a conversation', async () => {
      const c = await newConv();
      const got = await store.getConversation(c.id);
      expect(got).toMatchObject({ id: c.id, channel: 'rest', locale: 'zh-CN', lastSeq: 0, tokenHash: 'ab'.repeat(32) });
      expect(await store.getConversation(randomUUID())).toBeNull();
    });

    it('numbers messages 1, 2, 3 per conversation and lists those after a seq', async () => {
      const a = await newConv();
      const b = await newConv();
      const m1 = await store.appendMessage(a.id, { from: 'customer', text: 'hi' });
      const m2 = await store.appendMessage(a.id, { from: 'bot', text: 'hello', suggestions: ['x', 'y'] });
      const b1 = await store.appendMessage(b.id, { from: 'customer', text: 'other' });
      expect([m1.seq, m2.seq, b1.seq]).toEqual([1, 2, 1]);
      const after1 = await store.listMessages(a.id, 1);
      expect(after1).toHaveLength(1);
      expect(after1[0]).toMatchObject({ seq: 2, from: 'bot', text: 'hello', suggestions: ['x', 'y'] });
      expect((await store.getConversation(a.id))?.lastSeq).toBe(2);
    });

    it('keeps the author of an agent\'s message', async () => {
      const c = await newConv();
      const m = await store.appendMessage(c.id, { from: 'agent', text: '您好', author: '小李' });
      expect(m.author).toBe('小李');
      expect(await store.listMessages(c.id, 0)).toEqual([expect.objectContaining({ from: 'agent', text: '您好', author: '小李' })]);
      const bot = await store.appendMessage(c.id, { from: 'bot', text: 'x' });
      expect('author' in bot).toBe(false);
      expect('author' in (await store.listMessages(c.id, 1))[0]!).toBe(false);
    });

    it('gives distinct sequence numbers to concurrent appends', async () => {
      const c = await newConv();
      const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendMessage(c.id, { from: 'customer', text: `m${i}` })));
      expect(new Set(seqs.map((m) => m.seq)).size).toBe(20);
      expect((await store.listMessages(c.id, 0)).map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('refuses a message for a conversation that does not exist', async () => {
      await expect(store.appendMessage(randomUUID(), { from: 'customer', text: 'x' })).rejects.toThrow();
    });

    it('stores dialog state by key as JSON and deletes it', async () => {
      const key = `k-${randomUUID()}`;
      await store.writeState({ [key]: { thread: 'a', vars: { n: 1, s: '中文' } } });
      expect(await store.readState([key, 'missing'])).toEqual({ [key]: { thread: 'a', vars: { n: 1, s: '中文' } } });
      await store.writeState({ [key]: { thread: 'b' } });
      expect((await store.readState([key]))[key]).toEqual({ thread: 'b' });
      await store.deleteState([key]);
      expect(await store.readState([key])).toEqual({});
    });

    it('claims a channel message id once', async () => {
      const id = randomUUID();
      expect(await store.claimInbound('wechat', id)).toBe(true);
      expect(await store.claimInbound('wechat', id)).toBe(false);
      expect(await store.claimInbound('web', id)).toBe(true);
    });

    it('finds a channel user\'s conversation and switches its locale', async () => {
      const c = await newConv('wechat', `wx-${randomUUID()}`);
      expect((await store.findConversationByUser('wechat', c.userId!))?.id).toBe(c.id);
      await store.setLocale(c.id, 'en');
      expect((await store.getConversation(c.id))?.locale).toBe('en');
    });

    if (reopen) {
      it('keeps everything across a reopen', async () => {
        const c = await newConv();
        await store.appendMessage(c.id, { from: 'customer', text: 'before restart' });
        await store.writeState({ [`s-${c.id}`]: { step: 'order.ask_tail' } });
        store = await reopen(store);
        expect((await store.listMessages(c.id, 0))[0]?.text).toBe('before restart');
        expect(await store.readState([`s-${c.id}`])).toEqual({ [`s-${c.id}`]: { step: 'order.ask_tail' } });
      });
    }
  });
}
