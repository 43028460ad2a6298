/**
 * The customer's side of a handoff in the web chat (issue 23, findings 7, 8 and 12): out of hours the
 * customer hears one thing; queue lines agree with each other as the queue moves and always offer
 * 取消排队; after a transfer each agent's messages carry that agent's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { RestCustomer } from '../helpers/app.js';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { signInAgent } from '../helpers/agent-api.js';
import { ChatPage, served, type Served } from '../helpers/chat-page.js';

const skip = skipBrowserTests();

describe.skipIf(skip)("web chat: the customer's side of a handoff", () => {
  let open: Served;
  let closed: Served;
  let browser: Browser;
  const pages: ChatPage[] = [];
  const chatOn = async (s: Served) => {
    const c = await ChatPage.open(browser, s.url);
    pages.push(c);
    return c;
  };

  beforeAll(async () => {
    open = await served({ AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' });
    closed = await served({ AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-00:00' }); // never open
    browser = await sharedChromium();
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await open?.built.app.close();
    await closed?.built.app.close();
  }, 90_000);

  it('out of hours says only that agents are offline and how to leave a message', async () => {
    const chat = await chatOn(closed);
    const n = await chat.say('转人工');
    await chat.waitFor('system', '非工作时间', n);
    await chat.page.waitForTimeout(300); // a second line would land here
    const answer = (await chat.bubbles()).slice(n + 1);
    expect(answer.map((b) => b.from)).toEqual(['system']);
    expect(answer[0]!.text).not.toContain('转接');
  });

  it('tells one consistent place as the queue moves, always with a way out', async () => {
    const ahead = [await new RestCustomer(open.built).open(), await new RestCustomer(open.built).open()];
    for (const c of ahead) await c.say('转人工');
    const chat = await chatOn(open);
    const agent = await signInAgent(open.built.app, '小王');
    const queueLines = async () => (await chat.bubbles()).filter((b) => b.from === 'system').map((b) => b.text);

    await chat.say('转人工');
    await chat.waitFor('system', '已为您排队，前面还有 2 位');
    expect(await chat.suggestions()).toEqual(['取消排队']);
    await agent.call('POST', `/api/agent/conversations/${ahead[0]!.conversationId}/claim`);
    await chat.waitFor('system', '排队更新：前面还有 1 位');
    expect(await chat.suggestions()).toEqual(['取消排队']);
    const n = await chat.say('还要多久');
    await chat.waitFor('bot', '前面还有 1 位', n);
    expect(await chat.suggestions()).toEqual(['取消排队']);
    await agent.call('POST', `/api/agent/conversations/${ahead[1]!.conversationId}/claim`);
    await chat.waitFor('system', '排队更新：您是下一位');
    // Every line, in order, names a place no worse than the one before, and none says "0 位".
    const places = (await queueLines()).map((t) =>
      /您是下一位/.test(t) ? 0 : Number(/前面还有 (\d+) 位/.exec(t)?.[1]),
    );
    expect(places).toEqual([2, 1, 0]);
    expect((await queueLines()).join()).not.toContain('0 位');

    await chat.page.getByRole('button', { name: '取消排队' }).tap();
    await chat.waitFor('bot', '已为您取消人工排队');
    expect(await open.built.handoff.queue()).toEqual([]);
  });

  it('names each agent on their messages after a transfer', async () => {
    const chat = await chatOn(open);
    await chat.say('转人工');
    await chat.waitFor('system', '已为您排队');
    const { conversationId } = await chat.session();
    const wang = await signInAgent(open.built.app, '小王');
    const li = await signInAgent(open.built.app, '小李');
    await wang.call('POST', `/api/agent/conversations/${conversationId}/claim`);
    await wang.call('POST', `/api/agent/conversations/${conversationId}/messages`, { text: '您好，我先看一下' });
    await wang.call('POST', `/api/agent/conversations/${conversationId}/transfer`, { to: li.id });
    await li.call('POST', `/api/agent/conversations/${conversationId}/messages`, { text: '我是负责退款的同事' });
    await chat.waitFor('agent', '我是负责退款的同事');
    expect((await chat.bubbles()).filter((b) => b.from === 'agent').map((b) => [b.who, b.text])).toEqual([
      ['小王', '您好，我先看一下'],
      ['小李', '我是负责退款的同事'],
    ]);
    // A reload replays the names too.
    await chat.page.reload({ waitUntil: 'load' });
    await chat.waitFor('agent', '我是负责退款的同事');
    expect((await chat.bubbles()).filter((b) => b.from === 'agent').map((b) => b.who)).toEqual(['小王', '小李']);
  });

  it('raised no page errors', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
