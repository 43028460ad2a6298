import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { types } from 'wechaty';
import { wechatFromConfig } from '../../adapters/channels/wechat.channel.js';
import { pickSuggestion, splitText } from '../../adapters/channels/wechat.render.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { MockWorld, rig, settle, sleep, until, type Customer, type Rig } from './wechat.rig.js';

const ID_INFO_INVALID_TITLE = '身份信息核验没通过'; // knowledge/failure-reasons.json, zh-CN title

describe('WeChat channel: customers on the mock puppet reach the real pipeline', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.close());

  it('explains the failed demo order after the phone tail, in a 1:1 chat', async () => {
    const c = r.world.contact('张先生');
    const first = await c.say('我的订单172202611100001为什么失败了');
    expect(first.join('\n')).toContain('后4位');
    expect(first.join('\n')).not.toContain('身份信息不一致');
    const second = await c.say('0251');
    expect(second.join('\n')).toContain(ID_INFO_INVALID_TITLE);
    const conv = await r.built.store.findConversationByUser('wechat', c.id);
    expect(conv).toMatchObject({ channel: 'wechat', userId: c.id });
    const history = await r.built.store.listMessages(conv!.id, 0);
    expect(history.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual([
      '我的订单172202611100001为什么失败了',
      '0251',
    ]);
  });

  it('shows suggestions as numbered lines and takes the number as the choice', async () => {
    const c = r.world.contact('李女士');
    await c.say('172202611100001');
    const explained = (await c.say('0251')).join('\n');
    expect(explained).toMatch(/回复数字即可选择：\n1\. 下单前帮我预检\n2\. 查询其他订单\n3\. 转人工/);
    const next = await c.say('2');
    expect(next.join('\n')).toContain('订单号');
    const conv = await r.built.store.findConversationByUser('wechat', c.id);
    const history = await r.built.store.listMessages(conv!.id, 0);
    expect(history.filter((m) => m.from === 'customer').at(-1)?.text).toBe('查询其他订单');
  });

  it.each([
    ['a picture', types.Message.Image],
    ['a voice message', types.Message.Audio],
    ['a sticker', types.Message.Emoticon],
  ])('answers %s with a request for text and a warning about ID photos', async (_name, type) => {
    const c = r.world.contact('王先生');
    c.send(type);
    await until(() => c.inbox.length > 0);
    await settle(() => c.inbox.length, 100);
    expect(c.inbox).toHaveLength(1);
    expect(c.inbox[0]!.text).toContain('文字');
    expect(c.inbox[0]!.text).toContain('不要发送身份证');
    expect(await r.built.store.findConversationByUser('wechat', c.id)).toBeNull();
  });

  it('in a group, answers only when @-mentioned, in the group, @-mentioning the asker', async () => {
    const a = r.world.contact('赵一');
    const b = r.world.contact('钱二');
    const room = r.world.room([a, b]);
    const inbox = r.world.roomInbox(room);
    a.sayTo(room, '我的订单172202611100001为什么失败了', false);
    b.sayTo(room, '大家好', false);
    await sleep(300);
    expect(inbox).toEqual([]);

    a.sayTo(room, '我的订单172202611100001为什么失败了', true);
    await until(() => inbox.length > 0);
    expect(inbox[0]!.text).toMatch(/^@赵一\s/);
    expect(inbox[0]!.text).toContain('后4位');
    const conv = await r.built.store.findConversationByUser('wechat', `${room.id}/${a.id}`);
    expect(conv).not.toBeNull();
    const said = await r.built.store.listMessages(conv!.id, 0);
    expect(said[0]).toMatchObject({ from: 'customer', text: '我的订单172202611100001为什么失败了' });
    expect(await r.built.store.findConversationByUser('wechat', a.id)).toBeNull();
  });

  it('answers a message delivered twice (same message id) once', async () => {
    const c = r.world.contact('孙三');
    const replies = await c.say('你好');
    expect(replies.length).toBeGreaterThan(0);
    c.redeliverLast();
    c.redeliverLast();
    await sleep(300);
    expect(c.inbox).toHaveLength(replies.length);
    const conv = await r.built.store.findConversationByUser('wechat', c.id);
    expect((await r.built.store.listMessages(conv!.id, 0)).filter((m) => m.from === 'customer')).toHaveLength(1);
    // And the conversation is not left waiting for a turn that ended: what an agent writes next arrives.
    const msg = await r.built.store.appendMessage(conv!.id, { from: 'agent', text: '您好，我是人工客服小李' });
    await r.bus.publish(conv!.id, { type: 'message', message: msg });
    await until(() => c.inbox.length > replies.length);
    expect(c.inbox.at(-1)!.text).toBe('您好，我是人工客服小李');
  });

  it('forwards what an agent writes (bus) to the contact, and not the bot replies twice', async () => {
    const c = r.world.contact('周四');
    const replies = await c.say('你好');
    const conv = await r.built.store.findConversationByUser('wechat', c.id);
    const msg = await r.built.store.appendMessage(conv!.id, {
      from: 'agent',
      text: '您好，我是人工客服小李，请问还有什么可以帮您？',
    });
    await r.bus.publish(conv!.id, { type: 'message', message: msg });
    await until(() => c.inbox.length > replies.length);
    await settle(() => c.inbox.length, 100);
    expect(c.inbox.map((m) => m.text)).toEqual([...replies, '您好，我是人工客服小李，请问还有什么可以帮您？']);
  });

  it('sends an order notice once, and only after the customer agreed', async () => {
    const c = r.world.contact('吴五');
    const before = (await c.say('你好')).length;
    const conv = (await r.built.store.findConversationByUser('wechat', c.id))!;
    const notice = [{ text: '您的订单 172202611100001 已发货。' }];
    const change = { orderNo: '172202611100001', status: 'shipped' };
    expect(await r.channel.notifyOrderChange(conv.id, notice, change)).toBe('not-opted-in');
    expect(r.channel.setNotifyOptIn(conv.id, true)).toBe(true);
    expect(await r.channel.notifyOrderChange(conv.id, notice, change)).toBe('sent');
    expect(await r.channel.notifyOrderChange(conv.id, notice, change)).toBe('duplicate');
    expect(await r.channel.notifyOrderChange('no-such-conversation', notice, change)).toBe('unknown-conversation');
    await until(() => c.inbox.length > before);
    await sleep(100);
    expect(c.inbox.slice(before).map((m) => m.text)).toEqual(['您的订单 172202611100001 已发货。']);
    expect((await r.built.store.listMessages(conv.id, 0)).at(-1)).toMatchObject({
      from: 'bot',
      text: '您的订单 172202611100001 已发货。',
    });
  });

  it('cuts a long reply into parts of at most 600 characters', async () => {
    const c = r.world.contact('郑六');
    const conv =
      (await r.built.store.findConversationByUser('wechat', c.id)) ??
      (await (async () => {
        await c.say('你好');
        return r.built.store.findConversationByUser('wechat', c.id);
      })());
    const long = Array.from(
      { length: 40 },
      (_, i) => `第${i + 1}条说明：请核对身份证上的姓名和号码是否与订单一致。`,
    ).join('\n');
    const before = c.inbox.length;
    const msg = await r.built.store.appendMessage(conv!.id, { from: 'agent', text: long });
    await r.bus.publish(conv!.id, { type: 'message', message: msg });
    await until(() => c.inbox.length > before + 1);
    await settle(() => c.inbox.length, 100);
    const parts = c.inbox.slice(before).map((m) => m.text);
    expect(parts.every((p) => [...p].length <= 600)).toBe(true);
    expect(parts.join('\n')).toBe(long);
  });
});

describe('WeChat channel: outbox, throttle, retries and restarts', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
    vi.restoreAllMocks();
  });

  it('spreads a burst of 50 messages: ≥ 50 ms apart per contact, ≤ 20 per 500 ms overall', async () => {
    r = await rig({ throttle: { perContactIntervalMs: 50, perContactCap: 1, overallIntervalMs: 500, overallCap: 20 } });
    const contacts = Array.from({ length: 5 }, (_, i) => r!.world.contact(`客户${i}`));
    const t0 = Date.now();
    for (let i = 0; i < 50; i++) r.channel.outbox.enqueue({ to: contacts[i % 5]!.id, text: `消息 ${i}` });
    await until(() => contacts.every((c) => c.inbox.length === 10), 10_000);
    const all = contacts.flatMap((c) => c.inbox.map((m) => m.at)).sort((a, b) => a - b);
    const took = all.at(-1)! - t0;
    for (const c of contacts) {
      expect(c.inbox.map((m) => m.text)).toEqual(
        Array.from({ length: 10 }, (_, k) => `消息 ${k * 5 + contacts.indexOf(c)}`),
      );
      const gaps = c.inbox.slice(1).map((m, i) => m.at - c.inbox[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(48);
    }
    // p-queue limits when sends start; arrival adds a few ms of jitter, hence 490 rather than 500.
    const windows = all.slice(20).map((t, i) => t - all[i]!);
    expect(Math.min(...windows)).toBeGreaterThanOrEqual(490);
    expect(took).toBeGreaterThanOrEqual(990);
    console.info(
      `[wechat throttle] 50 messages to 5 contacts took ${took} ms (per contact 1/50 ms, overall 20/500 ms); min per-contact gap ${Math.min(...contacts.flatMap((c) => c.inbox.slice(1).map((m, i) => m.at - c.inbox[i]!.at)))} ms, min span of 21 consecutive ${Math.min(...windows)} ms`,
    );
    expect(r.channel.outbox.counts()).toEqual({ pending: 0, sent: 50, given_up: 0 });
  });

  it('retries a failed send with backoff, then delivers', async () => {
    r = await rig({ throttle: { retryBaseMs: 20, maxAttempts: 4, perContactIntervalMs: 1 } });
    const c = r.world.contact('冯七');
    const send = vi
      .spyOn(r.world.puppet, 'messageSendText')
      .mockRejectedValueOnce(new Error('network down'))
      .mockRejectedValueOnce(new Error('network down'));
    const row = r.channel.outbox.enqueue({ to: c.id, text: '您好' });
    await until(() => c.inbox.length === 1);
    expect(send).toHaveBeenCalledTimes(3);
    expect(r.channel.outbox.list().find((x) => x.id === row.id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      lastError: null,
    });
    expect(r.alerts).toEqual([]);
  });

  it('gives up after the last attempt: the row stays, marked given_up, with an alert', async () => {
    r = await rig({ throttle: { retryBaseMs: 5, maxAttempts: 3 } });
    const c = r.world.contact('陈八');
    vi.spyOn(r.world.puppet, 'messageSendText').mockRejectedValue(new Error('account limited'));
    const row = r.channel.outbox.enqueue({ to: c.id, text: '您好' });
    await until(() => r!.alerts.length > 0);
    expect(r.alerts[0]).toMatchObject({ kind: 'send-given-up', outboxId: row.id });
    expect(r.channel.outbox.list(['given_up'])).toMatchObject([
      { id: row.id, attempts: 3, lastError: 'account limited' },
    ]);
    expect(c.inbox).toEqual([]);
  });

  it('keeps a pending row across a restart of the channel and sends it after the next login', async () => {
    r = await rig({ throttle: { retryBaseMs: 60_000, maxAttempts: 10 } });
    const c = r.world.contact('褚九', 'contact-chu');
    await c.say('你好');
    const conv = (await r.built.store.findConversationByUser('wechat', c.id))!;
    vi.spyOn(r.world.puppet, 'messageSendText').mockRejectedValue(new Error('socket closed'));
    const agentMsg = await r.built.store.appendMessage(conv.id, { from: 'agent', text: '人工客服：已为您核实。' });
    await r.bus.publish(conv.id, { type: 'message', message: agentMsg });
    await until(() => r!.channel.outbox.list(['pending']).some((x) => x.attempts === 1));

    let again!: Customer;
    r = await r.restart({}, (world) => {
      again = world.contact('褚九', 'contact-chu');
    });
    await until(() => again.inbox.length === 1);
    expect(again.inbox[0]!.text).toBe('人工客服：已为您核实。');
    expect(r.channel.outbox.counts().pending).toBe(0);

    // The restarted channel still follows the conversation on the bus.
    const later = await r.built.store.appendMessage(conv.id, { from: 'agent', text: '还有问题随时找我。' });
    await r.bus.publish(conv.id, { type: 'message', message: later });
    await until(() => again.inbox.length === 2);
  });

  it('keeps the latest QR code and login state for the console, and prints the QR link', async () => {
    r = await rig({}, undefined, false);
    expect(r.channel.status()).toMatchObject({ state: 'starting', user: null });
    r.world.mocker.scan('https://login.weixin.qq.com/l/abc123', types.ScanStatus.Waiting);
    expect(r.channel.status()).toMatchObject({
      state: 'waiting-scan',
      qrcode: 'https://login.weixin.qq.com/l/abc123',
      scanStatus: 'Waiting',
    });
    expect(r.channel.status().qrcodeImageUrl).toMatch(/^https?:\/\//);
    await until(() => r!.printed.length > 0);
    expect(r.printed.join('\n')).toContain(r.channel.status().qrcodeImageUrl!);
    r.world.mocker.login(r.world.bot);
    await until(() => r!.channel.status().state === 'logged-in');
    expect(r.channel.status()).toMatchObject({ qrcode: null, user: { id: r.world.bot.id, name: '号卡助手' } });
  });

  it('alerts on logout and restarts the puppet with backoff; a new login resumes sending', async () => {
    r = await rig();
    const c = r.world.contact('卫十');
    await r.world.puppet.logout();
    expect(r.alerts.map((a) => a.kind)).toContain('logout');
    r.channel.outbox.enqueue({ to: c.id, text: '登录后再发' });
    await until(() => r!.channel.status().restarts === 1);
    expect(c.inbox).toEqual([]);
    expect(r.channel.outbox.counts().pending).toBe(1);
    r.world.mocker.login(r.world.bot);
    await until(() => c.inbox.length === 1);
    expect(r.channel.status().state).toBe('logged-in');
  });
});

describe('WeChat channel: off by default', () => {
  it('wechatFromConfig returns null and says how to turn it on', async () => {
    const lines: string[] = [];
    const log = createLogger('info', {
      write: (s: string) => {
        lines.push(s);
      },
    });
    const built = { pipeline: {} as never, store: {} as never, conversations: {} as never, bus: {} as never };
    expect(wechatFromConfig(loadConfig({ NODE_ENV: 'test' }), { ...built, log })).toBeNull();
    expect(lines.join('')).toMatch(/WECHATY_PUPPET.*WECHATY_PUPPET_SERVICE_TOKEN/);
  });
});

describe('WeChat rendering', () => {
  it.each([
    ['1', '查询其他订单'],
    [' 2 ', '转人工'],
    ['２', '转人工'],
    ['1.', '查询其他订单'],
    ['3', null],
    ['0251', null],
    ['12a', null],
  ])('"%s" picks %s', (text, expected) => {
    expect(pickSuggestion(text, ['查询其他订单', '转人工'])).toBe(expected);
  });

  it('splits at line ends, then sentence ends, never over the limit', () => {
    expect(splitText('短句。', 600)).toEqual(['短句。']);
    const lines = Array.from({ length: 30 }, (_, i) => `第${i}行内容比较长一些，用来测试分段。`);
    const parts = splitText(lines.join('\n'), 100);
    expect(parts.every((p) => [...p].length <= 100)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    const sentences = '这是一句话。'.repeat(50);
    const cut = splitText(sentences, 100);
    expect(cut.every((p) => p.endsWith('。') && [...p].length <= 100)).toBe(true);
    expect(cut.join('')).toBe(sentences);
    expect(splitText('字'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it('leaves no wechaty memory-card file in the working directory', () => {
    void new MockWorld();
    expect(fs.readdirSync(process.cwd()).filter((f) => f.endsWith('.memory-card.json'))).toEqual([]);
  });
});
