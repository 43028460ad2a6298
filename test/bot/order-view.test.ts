/** Raw statuses and remarks into the bot's own view (bot/order-view.ts, knowledge/order-statuses.json). */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { normaliseStatus, viewOrder } from '../../bot/order-view.js';
import { toOrder } from '../../adapters/orders/platform.record.js';

const k = loadKnowledge();

describe('a raw status no platform table knows', () => {
  it.each([
    ['开卡失败', 'failed'],
    ['办理失败', 'failed'],
    ['审核未通过（二次）', 'failed'],
    ['已取消发货', 'cancelled'],
    ['订单已撤销', 'cancelled'],
    ['激活超时', 'expired'],
    ['待补传照片', 'needs_photos'],
    ['配送中', 'shipped'],
    ['待激活', 'shipped'],
    ['开卡中', 'in_review'],
    ['已激活', 'activated'],
    ['办理成功', 'completed'],
    ['状态码77', 'unknown'],
  ] as const)('%s is read by its words as %s', (raw, status) => {
    expect(normaliseStatus(raw, k)).toBe(status);
  });

  it('is explained from its Remark when the Remark names a reason, and keeps the raw value for agents', () => {
    const view = viewOrder(
      toOrder({ OrderNo: '172202611109999', OrderStatus: '开卡失败', Remark: '号池已空', Phone: '13800000000' }),
      k,
    );
    expect(view).toMatchObject({ status: 'failed', failureCode: 'OUT_OF_STOCK', rawStatus: '开卡失败' });
  });

  it('still says it cannot read a status with no telling word', () => {
    expect(
      viewOrder(toOrder({ OrderNo: '172202611109998', OrderStatus: 'X-17', Remark: null, Phone: '13800000000' }), k)
        .status,
    ).toBe('unknown');
  });
});
