/**
 * What an agent is shown of an order: the handoff packet over the agent API masks the number the
 * operator issued and whatever personal data the platform's raw Remark quotes (the order's own
 * name and address, phones, ID numbers), like every other field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { containsPii } from '../../bot/pii.js';
import { RestCustomer, tempDir, testApp } from '../helpers/app.js';

const ORDER = {
  OrderNo: '172202612010001',
  OrderStatus: '审核失败',
  ProductID: 'P-UNI-29',
  ProductName: '联通大王卡29元',
  Operator: '联通',
  Phone: '13740170251',
  IDCard: '440305199204185539',
  Name: '张晓明',
  Province: '广东',
  City: '深圳',
  Address: '广东省深圳市南山区科苑路15号科兴科学园B栋',
  CreatedAt: '2026-11-20T10:00:00+08:00',
  Remark:
    '地址不详：广东省深圳市南山区科苑路15号科兴科学园B栋，收件人张晓明，电话139 1234 5678，证件440305-1992-0418-5539',
  ExpressName: null,
  ExpressCode: null,
  ThirdPhone: '17012345678',
};

describe('the handoff packet', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    const file = path.join(tempDir('orders-'), 'orders.json');
    fs.writeFileSync(file, JSON.stringify([ORDER]));
    built = await testApp({ ORDERS_FILE: file, AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' });
  });
  afterAll(async () => {
    await built.app.close();
  });

  it('shows the issued number and the raw Remark masked', async () => {
    const c = await new RestCustomer(built).open();
    await c.say(ORDER.OrderNo);
    await c.say('0251');
    await c.say('转人工');
    const login = await built.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      payload: { name: 'Alice', role: 'agent' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await built.app.inject({ url: `/api/agent/conversations/${c.conversationId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const { order } = res.json() as { order: { issuedNumber: string; remark: string } };
    expect(order.issuedNumber).toBe('170****5678');
    expect(order.remark).toBe('地址不详：广东省深圳市****，收件人张**，电话139****5678，证件440305********5539');
    for (const secret of ['17012345678', '科苑路15号', '张晓明', '1234 5678', '1992-0418'])
      expect(res.body).not.toContain(secret);
    expect(containsPii(res.body)).toBe(false);
    // A supervisor who must see it can, audited like the rest of the order's data.
    const boss = await built.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      payload: { name: 'Boss', role: 'supervisor' },
    });
    const revealed = await built.app.inject({
      url: `/api/agent/conversations/${c.conversationId}/reveal`,
      headers: { cookie: String(boss.headers['set-cookie']).split(';')[0]! },
    });
    expect(revealed.json()).toMatchObject({ issuedNumber: '17012345678', name: '张晓明' });
  });
});
