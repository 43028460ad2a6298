/**
 * Handoff to a human, end to end through the real app (REST channel, SQLite, pipeline) with the
 * agent side driven through the HandoffService, and a clock the test moves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import type { AgentIdentity } from '../../bot/core/ports/agent-auth.js';
import type { ConversationEvent } from '../../bot/core/ports/bus.js';
import { containsPii } from '../../bot/pii.js';
import { RestCustomer, testApp } from '../helpers/app.js';

const ALICE: AgentIdentity = { id: 'dev:alice', name: 'Alice', role: 'agent' };
const BOB: AgentIdentity = { id: 'dev:bob', name: 'Bob', role: 'agent' };
// 2026-11-25 10:00 in Beijing (UTC+8): inside the default 09:00-21:00.
const MORNING = Date.parse('2026-11-25T02:00:00Z');
const NIGHT = Date.parse('2026-11-25T15:30:00Z'); // 23:30 Beijing

let apps: BuiltApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.app.close();
  apps = [];
});

async function start(at: number, env: Record<string, string> = {}, dataDir?: string) {
  const clock = { now: at };
  const built = await testApp(
    { ...env, ...(dataDir ? { DATA_DIR: dataDir } : {}) },
    { now: () => new Date(clock.now) },
  );
  apps.push(built);
  return { built, clock };
}

const texts = (replies: Array<{ text: string }>) => replies.map((r) => r.text).join('\n');

async function escalate(built: BuiltApp): Promise<RestCustomer> {
  const c = await new RestCustomer(built).open();
  await c.say('我的订单172202611100001为什么失败了');
  await c.say('0251');
  return c;
}

describe('handoff', () => {
  it('queues with position and wait, tells everyone as the queue moves, and hands the agent a full packet', async () => {
    const { built } = await start(MORNING);
    const a = await escalate(built);
    const events: ConversationEvent[] = [];
    built.bus.subscribe(a.conversationId, (e) => events.push(e));
    const first = await a.say('转人工');
    expect(texts(first)).toContain('转接人工客服');
    expect(texts(first)).toContain('已为您排队，您是下一位');
    expect(events).toContainEqual({ type: 'queue', position: 1, etaSeconds: 180 });

    const b = await new RestCustomer(built).open('en');
    const second = await b.say('I want to talk to a human');
    expect(texts(second)).toContain('1 ahead of you');

    const queue = await built.handoff.queue();
    expect(queue.map((q) => [q.conversationId, q.position, q.reason])).toEqual([
      [a.conversationId, 1, 'customer_request'],
      [b.conversationId, 2, 'customer_request'],
    ]);
    expect(queue[0]).toMatchObject({ orderNo: '172202611100001', failureCode: 'ID_INFO_INVALID' });

    const packet = await built.handoff.packet(a.conversationId);
    expect(packet.checked).toEqual({
      orderNo: '172202611100001',
      phoneTailVerified: true,
      failureCode: 'ID_INFO_INVALID',
    });
    expect(packet.order?.masked.phone).toMatch(/\*{4}0251$/);
    expect(packet.transcript.map((m) => m.text)).toContain('0251');
    expect(JSON.stringify(packet.order?.masked)).not.toMatch(/\d{17}[\dX]/);
    for (const m of packet.transcript) expect(containsPii(m.text), m.text).toBe(false);

    // While queued the bot does not start over: it tells the customer where they stand.
    expect(texts(await a.say('还要等多久'))).toContain('您是下一位');

    await built.handoff.claim(a.conversationId, ALICE);
    const seenByB = await built.store.listMessages(b.conversationId, 0);
    expect(seenByB.at(-1)).toMatchObject({
      text: expect.stringContaining("Queue update: you're next"),
      suggestions: ['Stop waiting'],
    });
    const seenByA = await built.store.listMessages(a.conversationId, 0);
    expect(seenByA.at(-1)).toMatchObject({ from: 'system', text: expect.stringContaining('Alice') });
  });

  it('lets one agent claim, keeps the bot quiet while the agent talks, and asks for a rating afterwards', async () => {
    const { built } = await start(MORNING);
    const c = await escalate(built);
    await c.say('转人工');
    await built.handoff.claim(c.conversationId, ALICE);
    await expect(built.handoff.claim(c.conversationId, BOB)).rejects.toMatchObject({ code: 'ALREADY_CLAIMED' });
    await expect(built.handoff.agentSay(c.conversationId, BOB, 'hi')).rejects.toMatchObject({
      code: 'NOT_YOUR_CONVERSATION',
    });

    expect(
      await built.handoff.agentSay(c.conversationId, ALICE, '您好，我来帮您看一下，您的手机号是13812345678吗'),
    ).toMatchObject({ from: 'agent', author: 'Alice' });
    expect(await c.say('是的，身份证信息我核对一下')).toEqual([]); // the bot stays out of it
    const history = await built.store.listMessages(c.conversationId, 0);
    const agentMsg = history.find((m) => m.from === 'agent')!;
    expect(agentMsg.text).not.toContain('13812345678'); // agents' messages are masked too
    expect(history.at(-1)).toMatchObject({ from: 'customer' });

    await built.handoff.note(c.conversationId, ALICE, '客户会重新下单');
    await built.handoff.transfer(c.conversationId, ALICE, { id: BOB.id, name: BOB.name });
    await expect(built.handoff.resolve(c.conversationId, ALICE)).rejects.toMatchObject({
      code: 'NOT_YOUR_CONVERSATION',
    });
    await built.handoff.resolve(c.conversationId, BOB);
    const last = (await built.store.listMessages(c.conversationId, 0)).at(-1)!;
    expect(last).toMatchObject({ from: 'bot', suggestions: ['1', '2', '3', '4', '5'] });

    expect(texts(await c.say('5'))).toContain('5 分');
    const stats = await built.handoff.stats(1);
    expect(stats.days.at(-1)).toMatchObject({ avgRating: 5, ratings: 1, handoffs: 1 });
    expect(stats.escalationsByCode).toEqual({ ID_INFO_INVALID: 1 });
    // Back to the bot: a new order number is handled as usual.
    expect(texts(await c.say('172202611100003'))).toContain('后4位');
    const notes = (await built.handoff.packet(c.conversationId)).notes;
    expect(notes).toEqual([]); // the closed handoff's notes stay with it; a new packet has none
  });

  it('outside business hours asks for a message and turns it into a ticket with an honest answer time', async () => {
    const { built } = await start(NIGHT);
    const c = await new RestCustomer(built).open();
    const r = await c.say('转人工');
    // One thing said: not "transferring you to a person" and then "agents are offline".
    expect(r).toHaveLength(1);
    expect(texts(r)).not.toContain('转接');
    expect(texts(r)).toContain('非工作时间');
    expect(texts(r)).toContain('09:00–21:00');
    expect(texts(r)).toContain('11月26日 11:00'); // next opening (09:00) + 2 h
    const saved = await c.say('我的卡一直没发货，订单172202611100043，联系电话13812345678');
    expect(texts(saved)).toMatch(/工单号 T\d+/);
    const queue = await built.handoff.queue();
    expect(queue).toHaveLength(1);
    expect(queue[0]!.reason).toBe('ticket:customer_request');
    const h = await built.handoff.packet(c.conversationId);
    expect(h.handoff?.ticketText).toContain('138****5678');
    expect(h.handoff?.ticketText).not.toContain('13812345678');
  });

  it('offers a ticket when nobody claims in time, and lets the customer keep waiting', async () => {
    const { built, clock } = await start(MORNING, { HANDOFF_CLAIM_TIMEOUT_MINUTES: '10' });
    const c = await new RestCustomer(built).open();
    await c.say('转人工');
    clock.now += 9 * 60_000;
    expect(await built.handoff.sweep()).toBe(0);
    clock.now += 2 * 60_000;
    expect(await built.handoff.sweep()).toBe(1);
    expect(await built.handoff.sweep()).toBe(0); // once
    const offer = (await built.store.listMessages(c.conversationId, 0)).at(-1)!;
    expect(offer.text).toContain('客服暂时都在忙');
    expect(offer.suggestions).toEqual(['继续等待']);
    expect(texts(await c.say('继续等待'))).toContain('继续为您排队');
    expect((await built.handoff.queue())[0]?.reason).toBe('customer_request');
  });

  it('lets a customer leave the queue, and moves everyone behind up; a question for the agent does not', async () => {
    const { built } = await start(MORNING);
    const a = await escalate(built);
    const queued = await a.say('转人工');
    expect(queued.at(-1)).toMatchObject({ suggestions: ['取消排队'] });
    const b = await new RestCustomer(built).open('en');
    await b.say('I want to talk to a human');
    // Cancelling the order is something to ask the agent, not a way out of the queue.
    expect(texts(await a.say('我要取消订单'))).toContain('您是下一位');
    expect((await built.handoff.queue()).map((q) => q.conversationId)).toEqual([a.conversationId, b.conversationId]);

    expect(texts(await a.say('算了不用了 我自己查'))).toContain('已为您取消人工排队');
    expect((await built.handoff.queue()).map((q) => [q.conversationId, q.position])).toEqual([[b.conversationId, 1]]);
    expect(texts(await b.history())).toContain("Queue update: you're next");
    // The bot answers a again, with the order it had already verified.
    expect(texts(await a.say('为什么失败了'))).toContain('身份信息');

    expect(texts(await b.say('Stop waiting'))).toContain('left the queue');
    expect(await built.handoff.queue()).toEqual([]);
  });

  it('puts complaints and regulator threats ahead, and tells those they pass', async () => {
    const { built } = await start(MORNING);
    const agents: ConversationEvent[] = [];
    built.bus.subscribe('agents', (e) => agents.push(e));
    const plain = await new RestCustomer(built).open();
    await plain.say('转人工');
    const regulator = await new RestCustomer(built).open();
    await regulator.say('你们再不处理我就去工信部投诉');
    await regulator.say('转人工');
    const later = await new RestCustomer(built).open();
    await later.say('转人工');
    expect((await built.handoff.queue()).map((q) => [q.conversationId, q.position, q.reason, q.priority])).toEqual([
      [regulator.conversationId, 1, 'regulator', 'urgent'],
      [plain.conversationId, 2, 'customer_request', 'normal'],
      [later.conversationId, 3, 'customer_request', 'normal'],
    ]);
    expect((await regulator.history()).at(-1)?.text).toContain('您是下一位');
    expect((await plain.history()).at(-1)?.text).toContain('排队更新：前面还有 1 位');
    expect((await later.history()).at(-1)?.text).toContain('已为您排队，前面还有 2 位');
    // Each new wait rings the consoles once, with the conversation.
    expect(
      agents
        .filter((e) => e.type === 'agents' && e.change === 'escalation')
        .map((e) => e.type === 'agents' && e.conversationId),
    ).toEqual([plain.conversationId, regulator.conversationId, later.conversationId]);

    // A queued customer who threatens a regulator moves up; an order number with 315 in it is no threat.
    expect(texts(await later.say('订单172202611100315怎么样了'))).toContain('前面还有 2 位');
    expect(texts(await later.say('不处理我就打12315'))).toContain('前面还有 1 位');
    expect((await built.handoff.queue()).map((q) => q.conversationId)).toEqual([
      regulator.conversationId,
      later.conversationId,
      plain.conversationId,
    ]);
    expect((await plain.history()).at(-1)?.text).toContain('前面还有 2 位');
  });

  it('keeps the queue across a restart on the same data directory', async () => {
    const first = await start(MORNING);
    const c = await new RestCustomer(first.built).open();
    await c.say('转人工');
    const dataDir = (first.built as BuiltApp & { dataDir: string }).dataDir;
    await first.built.app.close();
    apps = apps.filter((a) => a !== first.built);

    const { built } = await start(MORNING + 60_000, {}, dataDir);
    const queue = await built.handoff.queue();
    expect(queue.map((q) => q.conversationId)).toEqual([c.conversationId]);
    expect(queue[0]!.waitedSeconds).toBe(60);
    await built.handoff.claim(c.conversationId, ALICE);
    expect((await built.handoff.mine(ALICE)).map((h) => h.conversationId)).toEqual([c.conversationId]);
  });
});
