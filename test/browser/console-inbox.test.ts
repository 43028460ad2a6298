/**
 * The agent console as agents use an inbox (issue 23: finding 2, 10, 12, 13 and what agents expect
 * from Chatwoot or Intercom): keyboard-only work, shortcuts, canned replies by "/", unread counts and
 * the tab title, a tone and a desktop notification on a new escalation (mutable), search by order
 * number or phone tail, resolved conversations and a customer's earlier ones, previews, priority
 * marks, online/away, the reply box after resolve, and a send during an outage. Each case has its
 * own server, customers and agents.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { RestCustomer } from '../helpers/app.js';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { signInAgent } from '../helpers/agent-api.js';
import { served, type Served } from '../helpers/chat-page.js';
import { ConsolePage } from '../helpers/console-page.js';
import { OutageProxy } from '../helpers/outage-proxy.js';

const skip = skipBrowserTests();
const ENV = { AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' };

/** Runs in the page before its scripts: records desktop notifications and tones instead of guessing at them. */
function recordAlerts(): void {
  const w = window as unknown as { __alerts: Array<{ kind: string; title?: string; body?: string }> };
  w.__alerts = [];
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, opts?: NotificationOptions) {
      super(title, opts);
      w.__alerts.push({ kind: 'notification', title, body: opts?.body });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  (window as unknown as { Notification: typeof Notification }).Notification =
    Recorded as unknown as typeof Notification;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
    w.__alerts.push({ kind: 'tone' });
    return start.apply(this, args);
  };
}

describe.skipIf(skip)('agent console as an inbox', () => {
  let browser: Browser;
  let app: Served;
  const consoles: ConsolePage[] = [];
  const agentConsole = async (name: string, role: 'agent' | 'supervisor' = 'agent', opts = {}) => {
    const c = await ConsolePage.signedIn(browser, app.url, name, role, opts);
    consoles.push(c);
    return c;
  };
  const waiting = async (text = '转人工') => {
    const c = await new RestCustomer(app.built).open();
    await c.say(text);
    return c;
  };
  const verifiedWaiting = async (orderNo: string, tail: string) => {
    const c = await new RestCustomer(app.built).open();
    await c.say(orderNo);
    await c.say(tail);
    await c.say('转人工');
    return c;
  };

  beforeAll(async () => {
    browser = await sharedChromium();
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
  }, 90_000);
  afterEach(async () => {
    const errors = consoles.flatMap((c) => c.errors);
    for (const c of consoles.splice(0)) await c.close();
    await app?.built.app.close();
    expect(errors).toEqual([]);
  }, 30_000);

  it('works with the keyboard alone: sign in, open, claim, reply, move between conversations', async () => {
    app = await served(ENV);
    const first = await waiting();
    const second = await waiting();
    const c = await ConsolePage.open(browser, app.url);
    consoles.push(c);
    const page = c.page;
    await page.focus('#dev-name');
    await page.keyboard.type('小王');
    await page.keyboard.press('Enter');
    // Focus lands on the first waiting customer, not on the bare page.
    await page.waitForFunction(() => document.activeElement?.classList.contains('item__open'), undefined, {
      timeout: 10_000,
    });
    expect(await c.focused()).toBe(`item__open@${first.conversationId}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => document.querySelector(`#queue > li[data-conversation-id="${id}"]`)?.classList.contains('item--on'),
      first.conversationId,
    );
    // Focus moves to the title once the conversation has loaded (a request after the list is marked).
    await page.waitForFunction(() => document.activeElement?.id === 'conv-title', undefined, { timeout: 10_000 });
    await page.keyboard.press('Alt+Enter'); // claim
    await page.waitForFunction(() => document.activeElement?.id === 'reply', undefined, { timeout: 10_000 });
    await page.keyboard.type('您好，我来帮您');
    await page.keyboard.press('Enter');
    await c.waitForTranscript('agent', '您好，我来帮您');
    expect((await first.history()).at(-1)).toMatchObject({ from: 'agent', text: '您好，我来帮您', author: '小王' });

    // Alt+↓ / J: the next conversation in the lists (the queue is above my chats); R: the reply box.
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction(
      (id) => document.querySelector(`li[data-conversation-id="${id}"]`)?.classList.contains('item--on'),
      second.conversationId,
    );
    expect(await c.focused()).toBe(`item__open@${second.conversationId}`);
    await page.keyboard.press('j');
    await page.waitForFunction(
      (id) => document.querySelector(`#mine > li[data-conversation-id="${id}"]`)?.classList.contains('item--on'),
      first.conversationId,
    );
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.activeElement?.id === 'reply');
    await page.keyboard.press('Escape');
    await page.locator('#reply').blur();
    await page.keyboard.press('/');
    expect(await c.focused()).toBe('#search');
    await page.locator('#search').blur();
    await page.keyboard.press('?');
    await page.waitForSelector('#help:not([hidden])');
    expect(await c.focused()).toBe('#help-close');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#help', { state: 'hidden' });
  });

  it('inserts a canned reply picked with "/" and the arrow keys', async () => {
    app = await served(ENV);
    const customer = await verifiedWaiting('172202611100001', '0251');
    const c = await agentConsole('小王');
    await c.item('queue', customer.conversationId).locator('.item__claim').click();
    await c.page.waitForSelector('#canned button');
    await c.page.focus('#reply');
    await c.page.keyboard.type('/');
    await c.page.waitForSelector('#canned-picker:not([hidden])');
    const all = await c.page.$$eval('#canned-picker [role=option] strong', (os) => os.map((o) => o.textContent));
    expect(all.length).toBeGreaterThan(2);
    await c.page.keyboard.type('退款');
    const filtered = await c.page.$$eval('#canned-picker [role=option] strong', (os) => os.map((o) => o.textContent));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    expect(await c.page.getAttribute('#reply', 'aria-activedescendant')).toBe('canned-option-0');
    await c.page.keyboard.press('Enter');
    await c.page.waitForSelector('#canned-picker', { state: 'hidden' });
    const text = await c.page.inputValue('#reply');
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toContain('/');
    // Nothing was sent: the agent reads it over first.
    expect((await customer.history()).filter((m) => m.from === 'agent')).toEqual([]);
    // Escape closes the list and keeps what was typed.
    await c.page.fill('#reply', '');
    await c.page.keyboard.type('/');
    await c.page.waitForSelector('#canned-picker:not([hidden])');
    await c.page.keyboard.press('Escape');
    await c.page.waitForSelector('#canned-picker', { state: 'hidden' });
    expect(await c.page.inputValue('#reply')).toBe('/');
  });

  it('counts unread messages per chat and in the tab title, and clears them when opened', async () => {
    app = await served(ENV);
    const open = await waiting();
    const other = await waiting();
    const agent = await signInAgent(app.built.app, '小王');
    await agent.call('POST', `/api/agent/conversations/${open.conversationId}/claim`);
    await agent.call('POST', `/api/agent/conversations/${other.conversationId}/claim`);
    const stillWaiting = await waiting();
    const c = await agentConsole('小王');
    await c.item('queue', stillWaiting.conversationId).waitFor();
    await c.item('mine', open.conversationId).locator('.item__open').click();
    await c.page.waitForSelector('#packet dd');
    await other.say('在吗？');
    await other.say('我的卡还没到');
    await open.say('这个我看到了');
    await c.page.waitForFunction(
      (id) => document.querySelector(`#mine > li[data-conversation-id="${id}"] .item__unread`)?.textContent === '2',
      other.conversationId,
      { timeout: 10_000 },
    );
    expect(await c.item('mine', open.conversationId).locator('.item__unread').count()).toBe(0); // the open one is read
    expect(await c.page.textContent('#unread-count')).toBe('2 条未读');
    // Unread messages plus the customer still waiting.
    await c.page.waitForFunction(() => document.title.startsWith('(3) '));
    expect(await c.item('mine', other.conversationId).locator('.item__preview').textContent()).toBe(
      '客户：我的卡还没到',
    );
    await c.item('mine', other.conversationId).locator('.item__open').click();
    await c.page.waitForFunction(() => document.title.startsWith('(1) '));
    expect(await c.page.isHidden('#unread-count')).toBe(true);
  });

  it('rings and shows a desktop notification on a new escalation, and stays quiet when muted', async () => {
    app = await served(ENV);
    const c = await agentConsole('小王', 'agent', { init: recordAlerts, permissions: ['notifications'] });
    const alerts = () =>
      c.page.evaluate(
        () => (window as unknown as { __alerts: Array<{ kind: string; title?: string; body?: string }> }).__alerts,
      );
    await verifiedWaiting('172202611100001', '0251');
    await c.page.waitForFunction(
      () =>
        (window as unknown as { __alerts: unknown[] }).__alerts.some(
          (a) => (a as { kind: string }).kind === 'notification',
        ),
      undefined,
      { timeout: 10_000 },
    );
    const rang = await alerts();
    expect(rang.filter((a) => a.kind === 'tone').length).toBeGreaterThan(0);
    expect(rang.filter((a) => a.kind === 'notification')).toEqual([
      { kind: 'notification', title: '新的转人工', body: '订单 172202611100001 · 客户要求人工' },
    ]);

    expect(await c.page.textContent('#alerts')).toBe('提醒：开');
    await c.page.click('#alerts');
    expect(await c.page.getAttribute('#alerts', 'aria-pressed')).toBe('false');
    const before = (await alerts()).length;
    const quiet = await waiting('我要投诉');
    await c.item('queue', quiet.conversationId).waitFor({ timeout: 10_000 });
    await c.page.waitForTimeout(300); // an alert would have been raised with the refresh
    expect((await alerts()).length).toBe(before);
    // The choice survives a reload.
    await c.page.reload();
    await c.page.waitForSelector('#alerts:not([hidden])');
    expect(await c.page.textContent('#alerts')).toBe('提醒：关');
  });

  it("finds conversations by order number or phone tail, lists resolved ones, and shows a customer's earlier chats", async () => {
    app = await served(ENV);
    const before = await verifiedWaiting('172202611100001', '0251');
    const agent = await signInAgent(app.built.app, '小王');
    await agent.call('POST', `/api/agent/conversations/${before.conversationId}/claim`);
    await agent.call('POST', `/api/agent/conversations/${before.conversationId}/messages`, { text: '请重新下单' });
    await agent.call('POST', `/api/agent/conversations/${before.conversationId}/resolve`);
    await before.say('4');
    const again = await verifiedWaiting('172202611100001', '0251');
    const unrelated = await verifiedWaiting('172202611100003', '4475');
    const c = await agentConsole('小李');

    const results = () =>
      c.page.$$eval('#results > li', (lis) => lis.map((li) => (li as HTMLElement).dataset.conversationId));
    await c.page.fill('#search', '1100001');
    await c.page.waitForFunction(() => document.querySelectorAll('#results > li').length === 2);
    expect(await results()).toEqual([again.conversationId, before.conversationId]); // not the other order's
    expect(await c.page.isHidden('#live-lists')).toBe(true);
    await c.page.fill('#search', '0251');
    await c.page.waitForFunction(() => document.getElementById('results-title')?.textContent === '搜索：0251');
    await c.page.waitForFunction(() => document.querySelectorAll('#results > li').length === 2);
    expect(await results()).toEqual([again.conversationId, before.conversationId]);
    expect(await c.page.evaluate(() => document.body.innerText)).not.toMatch(/1\d{6}0251/);
    await c.page.fill('#search', '');
    await c.page.waitForSelector('#live-lists:not([hidden])');

    await c.page.click('.view[data-view="resolved"]');
    await c.page.waitForFunction(() => document.getElementById('results-title')?.textContent === '已结束的会话');
    await c.page.waitForFunction(() => document.querySelectorAll('#results > li').length === 1);
    expect(await results()).toEqual([before.conversationId]);
    expect(await c.item('results', before.conversationId).textContent()).toContain('4 分');
    // A resolved conversation opens read-only, with the reason the box is closed.
    await c.item('results', before.conversationId).locator('.item__open').click();
    await c.waitForTranscript('agent', '请重新下单');
    expect(await c.page.textContent('#conv-status')).toBe('已结束');
    expect(await c.page.getAttribute('#reply', 'placeholder')).toBe('会话已结束，无法再回复');

    // The customer's new conversation shows the earlier one.
    await c.page.click('.view[data-view="live"]');
    await c.item('queue', again.conversationId).locator('.item__open').click();
    await c.page.waitForSelector(`#earlier > li[data-conversation-id="${before.conversationId}"]`);
    expect(await c.page.$$eval('#earlier > li', (lis) => lis.length)).toBe(1);
    await c.page.click(`#earlier > li[data-conversation-id="${before.conversationId}"] .item__open`);
    await c.waitForTranscript('agent', '请重新下单');
    // Another customer's order has no earlier chats.
    await c.item('queue', unrelated.conversationId).locator('.item__open').click();
    await c.page.waitForSelector('#earlier-empty:not([hidden])');
  });

  it('puts complaints and regulator threats first with a mark, previews each line, and marks long waits', async () => {
    const clock = { offset: 0 };
    app = await served(ENV, { now: () => new Date(Date.now() + clock.offset) });
    const plain = await waiting();
    const complaint = await waiting('我要投诉');
    const regulator = await new RestCustomer(app.built).open();
    await regulator.say('再不解决我就打12315');
    await regulator.say('转人工');
    const c = await agentConsole('小王');
    await c.item('queue', plain.conversationId).waitFor();
    const lines = await c.page.$$eval('#queue > li', (lis) =>
      lis.map((li) => ({
        id: (li as HTMLElement).dataset.conversationId,
        urgent: li.classList.contains('item--urgent'),
        mark: li.querySelector('.tag--urgent')?.textContent ?? null,
        preview: li.querySelector('.item__preview')?.textContent ?? '',
        text: li.textContent ?? '',
      })),
    );
    expect(lines.map((l) => [l.id, l.urgent, l.mark])).toEqual([
      [complaint.conversationId, true, '优先'],
      [regulator.conversationId, true, '优先'],
      [plain.conversationId, false, null],
    ]);
    expect(lines[0]!.text).toContain('投诉');
    expect(lines[1]!.text).toContain('扬言向监管投诉');
    expect(lines[2]!.preview).toMatch(/^系统：排队更新：前面还有 2 位/);
    await c.item('queue', regulator.conversationId).locator('.item__open').click();
    await c.page.waitForSelector('#packet dd[data-fact="转人工原因"].urgent');
    expect(await c.page.textContent('#packet dd[data-fact="转人工原因"]')).toBe('扬言向监管投诉');
    // Six minutes later the plain request is marked as a long wait.
    clock.offset = 6 * 60_000;
    await plain.say('还要等多久'); // the lists refresh with its preview
    await c.page.waitForSelector(`#queue > li[data-conversation-id="${plain.conversationId}"] .tag--long`, {
      timeout: 10_000,
    });
    expect(await c.item('queue', complaint.conversationId).locator('.tag--long').count()).toBe(1);
  });

  it("lets an agent step away: colleagues cannot transfer to them, supervisors see every agent's chats", async () => {
    app = await served(ENV);
    const customer = await waiting();
    const wang = await agentConsole('小王');
    const li = await agentConsole('小李');
    await li.page.selectOption('#presence', 'away');
    await li.page.waitForFunction(() => (document.getElementById('toast')?.textContent ?? '').includes('已设为离开'));
    await wang.item('queue', customer.conversationId).locator('.item__claim').click();
    await wang.page.waitForSelector('#transfer:not([hidden])');
    await wang.page.click('#transfer summary');
    await wang.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#transfer-to option')).some((o) => (o.textContent ?? '').includes('小李')),
    );
    expect(
      await wang.page.$$eval('#transfer-to option', (os) =>
        os.map((o) => [o.textContent, (o as HTMLOptionElement).disabled]),
      ),
    ).toEqual([
      ['暂无其他在线客服', false],
      ['小李（离开）', true],
    ]);
    expect(await wang.page.isDisabled('#transfer-submit')).toBe(true);

    const boss = await agentConsole('老板', 'supervisor');
    await boss.page.click('#tab-team');
    await boss.page.waitForSelector('.team__agent');
    const team = await boss.page.$$eval('.team__agent', (cards) =>
      cards.map((card) => ({
        name: card.querySelector('h3')?.firstChild?.textContent,
        status: card.querySelector('.presence')?.textContent,
        chats: Array.from(card.querySelectorAll('li')).map((l) => (l as HTMLElement).dataset.conversationId),
      })),
    );
    expect(team).toEqual([
      { name: '小王', status: '在线', chats: [customer.conversationId] },
      { name: '小李', status: '离开', chats: [] },
      { name: '老板', status: '在线', chats: [] },
    ]);
    // A supervisor opens any agent's chat from there and sees it live.
    await boss.page.click(`.team__agent li[data-conversation-id="${customer.conversationId}"] .item__open`);
    await boss.page.waitForSelector('#conv:not([hidden])');
    await customer.say('谢谢你们');
    await boss.waitForTranscript('customer', '谢谢你们');
    // Back online: the transfer list offers 小李 again.
    await li.page.selectOption('#presence', 'online');
    await li.page.waitForFunction(() => (document.getElementById('toast')?.textContent ?? '').includes('已设为在线'));
    await wang.page.click('#transfer summary'); // closed, then opened again: the list is fetched on opening
    await wang.page.click('#transfer summary');
    await wang.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#transfer-to option')).some((o) => o.textContent === '小李'),
    );
  });

  it('names the agent in the transcript and explains the closed reply box after resolving', async () => {
    app = await served(ENV);
    const customer = await waiting();
    const c = await agentConsole('小王');
    await c.item('queue', customer.conversationId).locator('.item__claim').click();
    await c.page.waitForFunction(() => document.activeElement?.id === 'reply');
    await c.page.keyboard.type('请稍等');
    await c.page.keyboard.press('Enter');
    await c.waitForTranscript('agent', '请稍等');
    expect(await c.page.textContent('#transcript > li.msg--agent .msg__who')).toMatch(
      /^客服 小王\d{2}\/\d{2} \d{2}:\d{2}$/,
    );
    await c.page.click('#conv-resolve');
    await c.page.click('#conv-resolve');
    await c.page.waitForFunction(() => document.getElementById('conv-status')?.textContent === '待客户评分');
    expect(await c.page.getAttribute('#reply', 'placeholder')).toBe('服务已结束，正在等待客户评分');
    expect(await c.page.isDisabled('#reply')).toBe(true);
  });

  it('keeps a reply and says why in Chinese when it is sent while the server is away', async () => {
    app = await served(ENV);
    const addr = app.built.app.server.address();
    const proxy = await OutageProxy.start(typeof addr === 'object' && addr ? addr.port : 0);
    try {
      const customer = await waiting();
      const c = await ConsolePage.signedIn(browser, proxy.url, '小王');
      consoles.push(c);
      await c.item('queue', customer.conversationId).locator('.item__claim').click();
      await c.page.waitForFunction(() => document.activeElement?.id === 'reply');
      await proxy.down();
      await c.page.waitForSelector('#live:text("已断开，正在重连…")');
      await c.page.keyboard.type('您的订单已经处理好了');
      await c.page.keyboard.press('Enter');
      await c.page.waitForFunction(() => (document.getElementById('toast')?.textContent ?? '').includes('消息未发出'));
      const toast = await c.page.textContent('#toast');
      expect(toast).toBe('消息未发出：网络连接中断。内容已保留在回复框，恢复后再发送。');
      expect(toast).not.toMatch(/fetch/i);
      expect(await c.page.inputValue('#reply')).toBe('您的订单已经处理好了');
      await proxy.up();
      await c.page.waitForSelector('#live:text("实时在线")', { timeout: 10_000 });
      await c.page.keyboard.press('Enter');
      await c.waitForTranscript('agent', '您的订单已经处理好了');
    } finally {
      await proxy.down();
      // Requests refused while the server was away are expected here.
      for (const con of consoles)
        con.errors.splice(
          0,
          con.errors.length,
          ...con.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource|WebSocket/.test(e)),
        );
    }
  });
});
