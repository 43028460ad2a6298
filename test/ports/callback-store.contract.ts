/**
 * The CallbackStore contract: the SQLite and the PostgreSQL implementations run these same tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackStore, StatusPush } from '../../bot/core/ports/callback-store.js';
import type { FeatureRig } from './feature-rig.js';

export const statusPush = (over: Partial<StatusPush> = {}): StatusPush => ({
  RequidId: randomUUID(),
  OrderNo: `SO${randomUUID().slice(0, 10)}`,
  OrderNo172: null,
  OrderStatus: '已发货',
  Remark: null,
  ThirdPhone: '17100001234',
  ExpressName: '顺丰',
  ExpressCode: 'SF123',
  CardStatus: null,
  ActiveTime: null,
  IsFirstCharge: null,
  FirstCharge: null,
  ...over,
});

export function callbackStoreContract(name: string, make: () => Promise<FeatureRig<CallbackStore>>): void {
  describe(`CallbackStore contract: ${name}`, () => {
    let rig: FeatureRig<CallbackStore>;
    let cb: CallbackStore;
    beforeAll(async () => {
      rig = await make();
      cb = rig.subject;
    });
    afterAll(async () => {
      await rig.close();
    });

    it('claims a push once while it is processed and after it is done', async () => {
      const p = statusPush();
      expect(await cb.get(p.RequidId)).toBeNull();
      expect(await cb.claim(p, '2030-01-01T00:00:00.000Z')).toBe(true);
      expect(await cb.get(p.RequidId)).toEqual({
        orderNo: p.OrderNo,
        status: 'processing',
        receivedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(await cb.claim(p, '2030-01-01T00:00:01.000Z')).toBe(false);
      await cb.finish(p.RequidId, true, '2030-01-01T00:00:02.000Z');
      expect(await cb.get(p.RequidId)).toEqual({
        orderNo: p.OrderNo,
        status: 'done',
        receivedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(await cb.claim(p, '2030-01-01T00:00:03.000Z')).toBe(false);
    });

    it('lets a push whose processing failed be claimed again when it is re-sent', async () => {
      const p = statusPush();
      expect(await cb.claim(p, '2030-01-01T00:00:00.000Z')).toBe(true);
      await cb.finish(p.RequidId, false, '2030-01-01T00:00:01.000Z');
      expect((await cb.get(p.RequidId))?.status).toBe('failed');
      expect(await cb.claim(p, '2030-01-01T00:01:00.000Z')).toBe(true);
      expect(await cb.get(p.RequidId)).toEqual({
        orderNo: p.OrderNo,
        status: 'processing',
        receivedAt: '2030-01-01T00:01:00.000Z',
      });
      expect(await cb.claim(p, '2030-01-01T00:02:00.000Z')).toBe(false);
    });

    it('gives one of many concurrent claims of the same push', async () => {
      const p = statusPush();
      const got = await Promise.all(Array.from({ length: 10 }, () => cb.claim(p, new Date().toISOString())));
      expect(got.filter(Boolean)).toHaveLength(1);
    });
  });
}
