import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { viewOrder } from '../../bot/order-view.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import { explainOrder, REVIEW_WORKING_DAYS, workingDaysBetween } from '../../dialogs/explain-order.js';

const k = loadKnowledge();
const orders = loadOrders();

describe('an order in review', () => {
  it('counts working days by Beijing dates, weekends left out', () => {
    // Tuesday evening to the next Tuesday: Wed, Thu, Fri, Mon, Tue.
    expect(workingDaysBetween('2026-11-24T21:06:44+08:00', new Date('2026-12-01T10:00:00+08:00'))).toBe(5);
    // Friday 23:30 to Monday 00:30 in Beijing (Sunday afternoon in UTC): Monday only.
    expect(workingDaysBetween('2026-11-27T23:30:00+08:00', new Date('2026-11-30T00:30:00+08:00'))).toBe(1);
    expect(workingDaysBetween('2026-11-28T09:00:00+08:00', new Date('2026-11-29T20:00:00+08:00'))).toBe(0);
  });

  it(`is told the usual time until ${REVIEW_WORKING_DAYS} working days have passed, then that it is late, with a person offered first`, () => {
    const order = orders.find((o) => o.orderNo === '172202611100043')!;
    const view = viewOrder(order, k);
    expect(view.status).toBe('in_review');
    const onTime = explainOrder(view, k, 'zh-CN', new Date('2026-11-27T12:00:00+08:00'));
    expect(onTime[0]!.text).toContain('审核一般需要1–3个工作日，审核通过后');
    const late = explainOrder(view, k, 'zh-CN', new Date('2026-12-01T12:00:00+08:00'));
    expect(late[0]!.text).toContain('已经审核了 5 个工作日');
    expect(late[0]!.suggestions![0]).toBe(k.replies['zh-CN'].sugg_human);
    expect(explainOrder(view, k, 'en', new Date('2026-12-01T12:00:00+08:00'))[0]!.text).toContain(
      'in review for 5 working days',
    );
    // Without a clock (a status notice) nothing is judged late.
    expect(explainOrder(view, k, 'zh-CN')[0]!.text).not.toContain('超过了正常时间');
  });
});
