/**
 * The Store contract: every implementation (SQLite, PostgreSQL, …) runs these same tests.
 * `oneProcess`: the store is written by one process only (SQLite), so a message awaiting its answer
 * under another owner's lease is that of a process that is gone, taken up without waiting.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../bot/core/ports/store.js';

export function storeContract(
  name: string,
  make: () => Promise<Store>,
  reopen?: (s: Store) => Promise<Store>,
  opts: { oneProcess?: boolean } = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await make();
    });
    afterAll(async () => {
      await store.close();
    });

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

    it("keeps the author of an agent's message", async () => {
      const c = await newConv();
      const m = await store.appendMessage(c.id, { from: 'agent', text: '您好', author: '小李' });
      expect(m.author).toBe('小李');
      expect(await store.listMessages(c.id, 0)).toEqual([
        expect.objectContaining({ from: 'agent', text: '您好', author: '小李' }),
      ]);
      const bot = await store.appendMessage(c.id, { from: 'bot', text: 'x' });
      expect('author' in bot).toBe(false);
      expect('author' in (await store.listMessages(c.id, 1))[0]!).toBe(false);
    });

    it('gives distinct sequence numbers to concurrent appends', async () => {
      const c = await newConv();
      const seqs = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendMessage(c.id, { from: 'customer', text: `m${i}` })),
      );
      expect(new Set(seqs.map((m) => m.seq)).size).toBe(20);
      expect((await store.listMessages(c.id, 0)).map((m) => m.seq)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
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

    it('stores a customer message with its delivery once, and gives a redelivery the seq it brought', async () => {
      const c = await newConv();
      const delivery = { channel: 'rest', messageId: `${c.id}:m1` };
      const first = await store.appendCustomer(c.id, 'hello', { delivery, owner: 'p1', leaseMs: 60_000 });
      expect(first).toEqual({ message: { seq: 1, from: 'customer', text: 'hello', at: expect.any(String) } });
      // Two redeliveries at once: neither stores anything.
      const again = await Promise.all(
        [1, 2].map(() => store.appendCustomer(c.id, 'hello', { delivery, owner: 'p2', leaseMs: 60_000 })),
      );
      expect(again).toEqual([{ duplicateOf: 1 }, { duplicateOf: 1 }]);
      expect(await store.appendCustomer(randomUUID(), 'x', { delivery, owner: 'p2', leaseMs: 1 })).toEqual({
        duplicateOf: null,
      }); // another conversation's id
      expect((await store.listMessages(c.id, 0)).map((m) => m.text)).toEqual(['hello']);
      expect(await store.answerOf(c.id, 1)).toBeNull();
    });

    it('stores an answer once, with its replies and dialog state in one step', async () => {
      const c = await newConv();
      const key = `state-${c.id}`;
      const { message } = (await store.appendCustomer(c.id, '172202611100001', { owner: 'p1', leaseMs: 60_000 })) as {
        message: { seq: number };
      };
      await store.appendMessage(c.id, { from: 'agent', text: 'in between' });
      const replies = [
        { from: 'bot' as const, text: 'first' },
        { from: 'bot' as const, text: 'second', suggestions: ['转人工'] },
      ];
      const [a, b] = await Promise.all([
        store.answer(c.id, message.seq, replies, { [key]: JSON.stringify({ step: 'tail' }) }),
        store.answer(c.id, message.seq, [{ from: 'bot', text: 'twice' }], { [key]: JSON.stringify({ step: 'other' }) }),
      ]);
      const won = a ?? b;
      expect([a, b].filter((x) => x === null)).toHaveLength(1);
      expect(won!.map((m) => m.text)).toEqual(a ? ['first', 'second'] : ['twice']);
      expect(await store.answerOf(c.id, message.seq)).toEqual(won);
      expect(await store.readState([key])).toEqual({ [key]: { step: a ? 'tail' : 'other' } });
      expect((await store.listMessages(c.id, 0)).map((m) => m.text)).toEqual([
        '172202611100001',
        'in between',
        ...won!.map((m) => m.text),
      ]);
      // An answer of no replies (an agent holds the conversation) is an answer too.
      const { message: m2 } = (await store.appendCustomer(c.id, 'for the agent', { owner: 'p1', leaseMs: 60_000 })) as {
        message: { seq: number };
      };
      expect(await store.answer(c.id, m2.seq, [])).toEqual([]);
      expect(await store.answerOf(c.id, m2.seq)).toEqual([]);
    });

    it('hands a message whose owner is gone to one owner, who keeps it while renewing the lease', async () => {
      const c = await newConv();
      const { message } = (await store.appendCustomer(c.id, 'lost', { owner: 'dead', leaseMs: 1 })) as {
        message: { seq: number };
      };
      const one = { conversationId: c.id, seq: message.seq };
      await new Promise((r) => setTimeout(r, 20));
      // Shared by instances, several may ask at once and one gets it; one process per store has one owner asking.
      const askers = opts.oneProcess ? ['p1'] : ['p1', 'p2', 'p3'];
      const taken = await Promise.all(askers.map((o) => store.takeUnanswered(o, 60_000, one)));
      expect(taken.flat()).toEqual([{ conversationId: c.id, seq: message.seq, text: 'lost' }]);
      const owner = askers[taken.findIndex((t) => t.length)]!;
      await store.renewUnanswered(owner, 60_000, [one]);
      expect(await store.takeUnanswered(owner, 60_000, one)).toEqual([]);
      // Shared: another owner waits for the lease. One process per store: another owner is one that has died.
      expect(await store.takeUnanswered('p4', 60_000, one)).toHaveLength(opts.oneProcess ? 1 : 0);
      await store.answer(c.id, message.seq, [{ from: 'bot', text: 'found' }]);
      expect(await store.takeUnanswered('p5', 1)).not.toContainEqual(expect.objectContaining({ conversationId: c.id }));
    });

    it("finds a channel user's conversation and switches its locale", async () => {
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
