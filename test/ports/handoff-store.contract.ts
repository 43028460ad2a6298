/**
 * The HandoffStore contract: the SQLite and the PostgreSQL implementations run these same tests.
 * The database may hold other tests' handoffs, so assertions look only at rows made here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffRecord, HandoffStore, NewHandoff } from '../../bot/core/ports/handoff-store.js';
import { newConversation, type FeatureRig } from './feature-rig.js';

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();

export function handoffStoreContract(name: string, make: () => Promise<FeatureRig<HandoffStore>>): void {
  describe(`HandoffStore contract: ${name}`, () => {
    let rig: FeatureRig<HandoffStore>;
    let h: HandoffStore;
    beforeAll(async () => {
      rig = await make();
      h = rig.subject;
    });
    afterAll(async () => {
      await rig.close();
    });

    const newHandoff = async (over: Partial<NewHandoff> = {}): Promise<HandoffRecord> =>
      h.create({
        conversationId: over.conversationId ?? (await newConversation(rig.store)),
        status: 'queued',
        reason: 'customer_asked',
        orderNo: 'A1001',
        failureCode: 'E17',
        locale: 'zh-CN',
        queuedAt: new Date().toISOString(),
        claimDeadline: at(60_000),
        ...over,
      });

    it('creates a handoff with every later field empty, and reads it back', async () => {
      const rec = await newHandoff({ orderNo: null, failureCode: null, locale: 'en', queuedAt: at(0) });
      expect(rec).toEqual({
        id: expect.any(Number),
        conversationId: rec.conversationId,
        status: 'queued',
        reason: 'customer_asked',
        orderNo: null,
        failureCode: null,
        locale: 'en',
        queuedAt: at(0),
        claimDeadline: at(60_000),
        claimedAt: null,
        agentId: null,
        agentName: null,
        resolvedAt: null,
        rating: null,
        ticketText: null,
        answerBy: null,
      });
      expect(await h.get(rec.id)).toEqual(rec);
      expect(await h.current(rec.conversationId)).toEqual(rec);
      expect(await h.get(2_000_000_000)).toBeNull();
      expect(await h.current(randomUUID())).toBeNull();
      const next = await newHandoff();
      expect(next.id).toBeGreaterThan(rec.id);
    });

    it('gives the newest handoff that is not closed as current', async () => {
      const conv = await newConversation(rig.store);
      const first = await newHandoff({ conversationId: conv });
      const second = await newHandoff({ conversationId: conv, status: 'ticket' });
      expect((await h.current(conv))?.id).toBe(second.id);
      await h.update(second.id, ['ticket'], { status: 'closed' });
      expect((await h.current(conv))?.id).toBe(first.id);
      await h.update(first.id, ['queued'], { status: 'closed' });
      expect(await h.current(conv)).toBeNull();
      // The newest one, closed or not, is still there for the conversation's history.
      expect((await h.latest(conv))?.id).toBe(second.id);
      expect(await h.latest(randomUUID())).toBeNull();
    });

    it('applies a patch only while the status is one of those expected (compare-and-set)', async () => {
      const rec = await newHandoff();
      const claimedAt = new Date().toISOString();
      const won = await h.update(rec.id, ['queued', 'ticket'], {
        status: 'active',
        claimedAt,
        agentId: 'a1',
        agentName: '小王',
        claimDeadline: null,
      });
      expect(won).toMatchObject({
        id: rec.id,
        status: 'active',
        claimedAt,
        agentId: 'a1',
        agentName: '小王',
        claimDeadline: null,
        queuedAt: rec.queuedAt,
      });
      expect(
        await h.update(rec.id, ['queued', 'ticket'], { status: 'active', agentId: 'a2', agentName: 'B' }),
      ).toBeNull();
      expect((await h.get(rec.id))?.agentId).toBe('a1');
      expect(await h.update(2_000_000_000, ['queued'], { status: 'active' })).toBeNull();
    });

    it('updates every patchable field', async () => {
      const rec = await newHandoff();
      const patch = {
        status: 'awaiting_rating',
        reason: 'r2',
        orderNo: 'B2',
        failureCode: null,
        locale: 'en',
        claimDeadline: at(5_000),
        claimedAt: at(1_000),
        agentId: 'x',
        agentName: 'X',
        resolvedAt: at(2_000),
        rating: 4,
        ticketText: '号码尾号 ****',
        answerBy: at(3_000),
      } as const;
      expect(await h.update(rec.id, ['queued'], patch)).toEqual({ ...rec, ...patch });
      expect(await h.get(rec.id)).toEqual({ ...rec, ...patch });
    });

    it('returns the handoff unchanged for an empty patch or an empty expectation', async () => {
      const rec = await newHandoff();
      expect(await h.update(rec.id, ['queued'], {})).toEqual(rec);
      expect(await h.update(rec.id, [], { status: 'closed' })).toEqual(rec);
      expect((await h.get(rec.id))?.status).toBe('queued');
    });

    it('lets one of many concurrent claims win', async () => {
      const rec = await newHandoff();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          h.update(rec.id, ['queued'], { status: 'active', agentId: `agent-${i}`, agentName: `A${i}` }),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect((await h.get(rec.id))?.agentId).toBe(winners[0]!.agentId);
    });

    it('lists handoffs in the given statuses oldest first, and since a time', async () => {
      const tag = `r-${randomUUID()}`;
      const late = await newHandoff({ reason: tag, queuedAt: at(30_000), status: 'ticket' });
      const early = await newHandoff({ reason: tag, queuedAt: at(10_000) });
      const same = await newHandoff({ reason: tag, queuedAt: at(10_000) });
      const other = await newHandoff({ reason: tag, queuedAt: at(20_000), status: 'active' });
      const mine = (rs: HandoffRecord[]) => rs.filter((r) => r.reason === tag).map((r) => r.id);
      expect(mine(await h.list(['queued', 'ticket']))).toEqual([early.id, same.id, late.id]);
      expect(mine(await h.list(['active']))).toEqual([other.id]);
      expect(await h.list([])).toEqual([]);
      expect(mine(await h.since(at(10_000)))).toEqual([early.id, same.id, other.id, late.id]);
      expect(mine(await h.since(at(20_000)))).toEqual([other.id, late.id]);
      expect(mine(await h.since(at(30_001)))).toEqual([]);
    });

    it('counts the conversations started since a time', async () => {
      const since = new Date(Date.now() - 1_000).toISOString();
      const before = await h.conversationsSince(since);
      await newConversation(rig.store);
      await newConversation(rig.store);
      expect(await h.conversationsSince(since)).toBe(before + 2);
      expect(await h.conversationsSince(new Date(Date.now() + 3_600_000).toISOString())).toBe(0);
    });

    it('keeps internal notes per handoff in order, and refuses one for an unknown handoff', async () => {
      const rec = await newHandoff();
      const n1 = await h.addNote({
        handoffId: rec.id,
        agentId: 'a1',
        agentName: '小王',
        text: '客户说已经实名',
        at: at(1_000),
      });
      const n2 = await h.addNote({ handoffId: rec.id, agentId: 'a2', agentName: 'B', text: 'second', at: at(2_000) });
      expect(n1).toEqual({
        id: expect.any(Number),
        handoffId: rec.id,
        agentId: 'a1',
        agentName: '小王',
        text: '客户说已经实名',
        at: at(1_000),
      });
      expect(await h.notes(rec.id)).toEqual([n1, n2]);
      expect(await h.notes(2_000_000_000)).toEqual([]);
      await expect(
        h.addNote({ handoffId: 2_000_000_000, agentId: 'a', agentName: 'A', text: 'x', at: at(0) }),
      ).rejects.toThrow();
    });
  });
}
