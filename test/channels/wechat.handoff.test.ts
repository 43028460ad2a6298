/**
 * Handoff from WeChat with the real handoff service: a mock contact escalates, an agent claims and
 * writes (the contact hears it), the contact's reply reaches the agent and not the bot, the agent
 * resolves and the contact rates by number.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../adapters/bus/memory.bus.js';
import { openSqlite } from '../../adapters/storage/sqlite.db.js';
import type { AgentIdentity } from '../../bot/core/ports/agent-auth.js';
import { testApp } from '../helpers/app.js';
import { rig, settle, until, type Rig } from './wechat.rig.js';

const ALICE: AgentIdentity = { id: 'dev:alice', name: 'Alice', role: 'agent' };

describe('WeChat handoff', () => {
  let r: Rig;
  beforeAll(async () => {
    const bus = new MemoryBus();
    const built = await testApp({ BUSINESS_HOURS: '00:00-24:00' }, { bus });
    r = await rig({}, { built, bus, db: openSqlite(path.join(built.dataDir, 'wechat.sqlite')) });
  });
  afterAll(async () => {
    await r.close();
  });

  it('escalates, hears from the agent both ways, and rates afterwards', async () => {
    const c = r.world.contact('郑六');
    await c.say('我的订单172202611100001为什么失败了');
    await c.say('0251');
    const queued = await c.say('转人工');
    // The bot's reply, then the queue position: each once, in that order.
    expect(
      queued.map((t) => (t.includes('转接人工客服') ? 'handoff' : t.includes('您是下一位') ? 'queue' : 'other')),
    ).toEqual(['handoff', 'queue']);

    const conv = (await r.built.store.findConversationByUser('wechat', c.id))!;
    const before = c.inbox.length;
    await r.built.handoff.claim(conv.id, ALICE);
    await r.built.handoff.agentSay(conv.id, ALICE, '您好，我是Alice，看到您的身份信息核验没通过');
    await until(() => c.inbox.slice(before).some((m) => m.text.includes('我是Alice')));
    expect(
      c.inbox
        .slice(before)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Alice 已接入');

    // The contact's answer goes to the agent: stored, and the bot says nothing.
    const n = c.inbox.length;
    c.mock.say('好的，我重新核对一下').to(r.world.bot);
    await new Promise((res) => setTimeout(res, 300));
    await settle(() => c.inbox.length, 150);
    expect(c.inbox.length).toBe(n);
    const history = await r.built.store.listMessages(conv.id, 0);
    expect(history.at(-1)).toMatchObject({ from: 'customer', text: '好的，我重新核对一下' });

    await r.built.handoff.resolve(conv.id, ALICE);
    await until(() => c.inbox.some((m) => m.text.includes('打个分')));
    const ask = c.inbox.find((m) => m.text.includes('打个分'))!.text;
    expect(ask).toMatch(/1\. 1\n2\. 2/); // the 1–5 buttons as numbered lines
    const thanks = (await c.say('5')).join('\n');
    expect(thanks).toContain('5 分');
  });
});
