/**
 * The WatchStore contract: the SQLite and the PostgreSQL implementations run these same tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchStore } from '../../bot/core/ports/watch-store.js';
import { newConversation, type FeatureRig } from './feature-rig.js';

export function watchStoreContract(name: string, make: () => Promise<FeatureRig<WatchStore>>): void {
  describe(`WatchStore contract: ${name}`, () => {
    let rig: FeatureRig<WatchStore>;
    let w: WatchStore;
    beforeAll(async () => {
      rig = await make();
      w = rig.subject;
    });
    afterAll(async () => {
      await rig.close();
    });

    const orderNo = () => `SO${randomUUID().slice(0, 12)}`;

    it('records the status a conversation heard, keeping its opt-in when the status changes', async () => {
      const o = orderNo();
      const conv = await newConversation(rig.store);
      await w.seen(o, conv, 'shipped');
      expect(await w.watchers(o)).toEqual([{ orderNo: o, conversationId: conv, status: 'shipped', notify: false }]);
      expect(await w.optIn(o, conv)).toBe(true);
      expect(await w.optIn(o, conv)).toBe(true);
      await w.seen(o, conv, 'activated');
      expect(await w.watchers(o)).toEqual([{ orderNo: o, conversationId: conv, status: 'activated', notify: true }]);
    });

    it('refuses an opt-in for an order the conversation never saw', async () => {
      const o = orderNo();
      const a = await newConversation(rig.store);
      const b = await newConversation(rig.store);
      await w.seen(o, a, 'failed');
      expect(await w.optIn(o, b)).toBe(false);
      expect(await w.optIn(orderNo(), a)).toBe(false);
      expect(await w.watchers(o)).toEqual([{ orderNo: o, conversationId: a, status: 'failed', notify: false }]);
    });

    it('lists every conversation watching an order, and none for an unknown order', async () => {
      const o = orderNo();
      const convs = [
        await newConversation(rig.store),
        await newConversation(rig.store),
        await newConversation(rig.store),
      ];
      for (const c of convs) await w.seen(o, c, 'pending');
      await w.optIn(o, convs[1]!);
      const got = await w.watchers(o);
      expect([...got].sort((x, y) => x.conversationId.localeCompare(y.conversationId))).toEqual(
        convs
          .map((c, i) => ({ orderNo: o, conversationId: c, status: 'pending', notify: i === 1 }))
          .sort((x, y) => x.conversationId.localeCompare(y.conversationId)),
      );
      expect(await w.watchers(orderNo())).toEqual([]);
    });

    it('refuses a watch for a conversation that does not exist', async () => {
      await expect(w.seen(orderNo(), randomUUID(), 'shipped')).rejects.toThrow();
    });
  });
}
