/**
 * The OrderSource contract: every implementation (embedded file, 172 API, …) runs these tests over
 * the bundled demo orders and must give the same records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDERS_FILE } from '../../adapters/orders/embedded.order-source.js';
import { loadJsonFile } from '../../bot/knowledge/loader.js';
import { OrdersFile } from '../../bot/knowledge/schemas.js';
import type { OrderRecord, OrderSource } from '../../bot/ports/order-source.js';

export const demoOrders = loadJsonFile(DEMO_ORDERS_FILE, OrdersFile) as OrderRecord[];

/**
 * The fields every source must return as the demo file has them (extra fields may differ). A blank
 * string and a missing value mean the same (viewOrder treats both as "none"), so both compare as null.
 */
const FIELDS = ['OrderNo', 'OrderStatus', 'Remark', 'ProductID', 'ProductName', 'Operator', 'Phone', 'IDCard',
  'Name', 'Province', 'City', 'Address', 'CreatedAt', 'ExpressName', 'ExpressCode', 'ThirdPhone'] as const;
const pick = (o: OrderRecord) => Object.fromEntries(FIELDS.map((f) => [f, o[f] || null]));

export function orderSourceContract(name: string, make: () => Promise<{ source: OrderSource; close?: () => Promise<void> }>): void {
  describe(`OrderSource contract: ${name}`, () => {
    let source: OrderSource;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => { ({ source, close } = await make()); });
    afterAll(async () => { await close?.(); });

    it('has a short name for logs and metrics', () => {
      expect(source.name).toMatch(/^[a-z][a-z-]*$/);
    });

    it('returns every demo order with the same fields as the orders file', async () => {
      for (const o of demoOrders) {
        const got = await source.getOrder(o.OrderNo);
        expect(got, o.OrderNo).not.toBeNull();
        expect(pick(got!)).toEqual(pick(o));
      }
    });

    it('answers null for an order it does not know', async () => {
      expect(await source.getOrder('172209912319999')).toBeNull();
      expect(await source.getOrder('NOPE')).toBeNull();
    });

    it('answers concurrent look-ups independently', async () => {
      const nos = demoOrders.slice(0, 5).map((o) => o.OrderNo);
      const got = await Promise.all([...nos, 'NOPE'].map((n) => source.getOrder(n)));
      expect(got.map((o) => o?.OrderNo ?? null)).toEqual([...nos, null]);
    });
  });
}
