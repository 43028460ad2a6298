/**
 * Proactive notices end to end: a web-chat customer checks an order that is still in review, asks
 * to be told about changes, and the platform's signed status push reaches their open socket once,
 * with the failure explained; a customer who did not opt in hears nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_PATH } from '../../adapters/channels/platform-callback.js';
import { sign } from '../../adapters/orders/platform.sign.js';
import type { BuiltApp } from '../../bot/app/app.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { WsClient, type Frame } from '../helpers/ws-client.js';

const SECRET = 'notice-secret';
const k = loadKnowledge();
let built: BuiltApp | undefined;
afterEach(async () => {
  await built?.app.close();
  built = undefined;
});

function push(app: BuiltApp, requidId: string, data: Record<string, string>) {
  const body = { RequidId: requidId, Data: JSON.stringify({ OrderNo: '172202611100043', ...data }) };
  return app.app.inject({
    method: 'POST',
    url: CALLBACK_PATH,
    payload: body,
    headers: { 'x-172-sign': sign(body, SECRET, 'append') },
  });
}

describe('order status notices', () => {
  it('tells an opted-in web customer once, with the explanation, and nobody else', async () => {
    built = await testApp({ PLATFORM_SECRET: SECRET });
    const ws = await WsClient.connect(built.app);
    const [session] = await ws.waitFor((f) => f.type === 'session');
    await ws.say('172202611100043');
    const told = await ws.say('9832');
    const last = told.filter((f) => f.type === 'message').at(-1) as Frame & { suggestions?: string[] };
    expect(last.suggestions).toContain('状态变化时通知我');
    expect((await ws.say('状态变化时通知我')).map((f) => f.text).join('')).toContain('有变化时');

    const bystander = await new RestCustomer(built).open();
    await bystander.say('172202611100043');
    await bystander.say('9832'); // saw the order, did not opt in

    const before = ws.frames.length;
    const res = await push(built, 'n1', { OrderStatus: '审核失败', Remark: '身份信息不一致' });
    expect(res.json()).toEqual({ code: 0, message: '上传成功' });
    const [intro] = await ws.waitFor(
      (f) => f.type === 'message' && ws.frames.indexOf(f) >= before && String(f.text).includes('有新进展'),
    );
    expect(intro!.from).toBe('bot');
    const title = k.reasons.get('ID_INFO_INVALID')!.text['zh-CN'].title;
    await ws.waitFor((f) => f.type === 'message' && String(f.text).includes(title));

    // A re-sent push (same RequidId) and a push with the same status tell nobody again.
    await push(built, 'n1', { OrderStatus: '审核失败', Remark: '身份信息不一致' });
    await push(built, 'n2', { OrderStatus: '审核失败', Remark: '身份信息不一致' });
    const stored = await built.store.listMessages(session!.conversationId as string, 0);
    expect(stored.filter((m) => m.text.includes('有新进展'))).toHaveLength(1);
    const other = await built.store.listMessages(bystander.conversationId, 0);
    expect(other.some((m) => m.text.includes('有新进展'))).toBe(false);
    ws.close();
  });

  it('refuses a badly signed push and tells nobody', async () => {
    built = await testApp({ PLATFORM_SECRET: SECRET });
    const c = await new RestCustomer(built).open();
    await c.say('172202611100043');
    await c.say('9832');
    await c.say('状态变化时通知我');
    const body = { RequidId: 'bad', Data: JSON.stringify({ OrderNo: '172202611100043', OrderStatus: '已发货' }) };
    const res = await built.app.inject({
      method: 'POST',
      url: CALLBACK_PATH,
      payload: body,
      headers: { 'x-172-sign': sign(body, 'wrong', 'append') },
    });
    expect(res.statusCode).toBe(401);
    expect((await built.store.listMessages(c.conversationId, 0)).some((m) => m.text.includes('有新进展'))).toBe(false);
  });
});
