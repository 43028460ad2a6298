/**
 * The OrderSource contract: every implementation (embedded file, 172 API, …) runs these tests over
 * the bundled demo orders and must give the same records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import type { Order, OrderSource } from '../../bot/core/ports/order-source.js';

export const demoOrders = loadOrders();

/**
 * Every field of the order, as the demo file has it. A blank string and a missing value mean the
 * same (viewOrder treats both as "none"), so both compare as null.
 */
const FIELDS = [
  'orderNo',
  'status',
  'remark',
  'planId',
  'planName',
  'operator',
  'contactPhone',
  'idNumber',
  'name',
  'province',
  'city',
  'address',
  'createdAt',
  'courier',
  'trackingNo',
  'issuedNumber',
] as const satisfies ReadonlyArray<keyof Order>;
const pick = (o: Order) => Object.fromEntries(FIELDS.map((f) => [f, o[f] || null]));

export function orderSourceContract(
  name: string,
  make: () => Promise<{ source: OrderSource; close?: () => Promise<void> }>,
): void {
  describe(`OrderSource contract: ${name}`, () => {
    let source: OrderSource;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ source, close } = await make());
    });
    afterAll(async () => {
      await close?.();
    });

    it('has a short name for logs and metrics', () => {
      expect(source.name).toMatch(/^[a-z][a-z-]*$/);
    });

    it('returns every demo order with the same fields as the orders file', async () => {
      for (const o of demoOrders) {
        const got = await source.getOrder(o.orderNo);
        expect(got, o.orderNo).not.toBeNull();
        expect(pick(got!)).toEqual(pick(o));
      }
    });

    it('answers null for an order it does not know', async () => {
      expect(await source.getOrder('172209912319999')).toBeNull();
      expect(await source.getOrder('NOPE')).toBeNull();
    });

    it('answers concurrent look-ups independently', async () => {
      const nos = demoOrders.slice(0, 5).map((o) => o.orderNo);
      const got = await Promise.all([...nos, 'NOPE'].map((n) => source.getOrder(n)));
      expect(got.map((o) => o?.orderNo ?? null)).toEqual([...nos, null]);
    });
  });
}
