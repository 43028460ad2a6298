/**
 * The web chat as a customer on a 390×844 phone uses it (issue 23, findings 2–6, 9, 10 and 12): a
 * greeting with buttons on open, order links as tappable cards, the last message kept above the
 * buttons, "typing" that clears, timestamps, focus after a button, WCAG 2.2 AA contrast and touch
 * targets, and a reconnect the customer is told about after the server was away. Each case has its
 * own page and conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, WebSocket } from 'playwright-core';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { signInAgent } from '../helpers/agent-api.js';
import { ChatPage, served, type Served } from '../helpers/chat-page.js';
import { OutageProxy } from '../helpers/outage-proxy.js';

const skip = skipBrowserTests();
const ENV = { AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' };

describe.skipIf(skip)('web chat on a phone', () => {
  let app: Served;
  let browser: Browser;
  const pages: ChatPage[] = [];
  const open = async (url = app.url) => {
    const c = await ChatPage.open(browser, url);
    pages.push(c);
    return c;
  };

  beforeAll(async () => {
    app = await served(ENV);
    browser = await sharedChromium();
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.built.app.close();
  }, 90_000);

  it('greets on open with buttons that work', async () => {
    const chat = await open();
    await chat.waitFor('bot', '请发送您的订单号');
    expect(await chat.suggestions()).toEqual(['找不到订单号', '有哪些套餐', '收到卡怎么激活', '转人工']);
    await chat.page.getByRole('button', { name: '收到卡怎么激活' }).tap();
    await chat.waitFor('bot', '实名激活', 2);
  });

  it('shows order links as tappable cards that never break inside the address', async () => {
    const chat = await open();
    const n = await chat.say('有哪些套餐');
    await chat.waitFor('bot', '在售', n);
    const links = await chat.page.$$eval('#log a.msg__link', (as) =>
      as.map((a) => {
        const r = a.getBoundingClientRect();
        const lh = parseFloat(getComputedStyle(a).lineHeight);
        return {
          href: (a as HTMLAnchorElement).href,
          text: a.textContent,
          target: (a as HTMLAnchorElement).target,
          rel: (a as HTMLAnchorElement).rel,
          width: r.width,
          height: r.height,
          right: r.right,
          lines: Math.round((r.height - 2 - parseFloat(getComputedStyle(a).paddingTop) * 2) / lh),
        };
      }),
    );
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const l of links) {
      expect(l.href).toMatch(/^https:\/\/example\.com\/order\/P-/);
      expect(l.text).toBe(l.href.replace(/^https:\/\//, ''));
      expect([l.target, l.rel]).toEqual(['_blank', 'noopener noreferrer']);
      expect(l.lines).toBe(1);
      expect(l.height).toBeGreaterThanOrEqual(44);
      expect(l.right).toBeLessThanOrEqual(390);
    }
    // The customer's own text is never made into a link.
    const m = await chat.say('javascript:alert(1) https://evil.example/x');
    await chat.waitFor('bot', '', m + 1);
    expect(await chat.page.$$eval('#log li.msg--customer a', (as) => as.length)).toBe(0);
  });

  it('keeps the newest message above the buttons once they render', async () => {
    const chat = await open();
    await chat.say('172202611100001');
    const n = await chat.say('0251');
    await chat.waitFor('bot', '身份信息', n);
    await chat.page.waitForSelector('#suggestions button');
    await chat.page.waitForFunction(
      () => {
        const log = document.getElementById('log')!.getBoundingClientRect();
        const last = document.querySelector('#log > li:last-child')!.getBoundingClientRect();
        const buttons = document.getElementById('suggestions')!.getBoundingClientRect();
        return last.bottom <= log.bottom + 1 && log.bottom <= buttons.top + 1;
      },
      undefined,
      { timeout: 5000 },
    );
  });

  it('clears the agent\'s "typing" when the agent stops, without a message', async () => {
    const chat = await open();
    await chat.say('转人工');
    await chat.waitFor('system', '已为您排队');
    const { conversationId } = await chat.session();
    const agent = await signInAgent(app.built.app, '小王');
    await agent.call('POST', `/api/agent/conversations/${conversationId}/claim`);
    // The page's clock stands still from here, so the indicator's expiry is stepped over, not sat out.
    await chat.page.clock.install();
    await chat.page.clock.pauseAt(Date.now() + 1000);
    await agent.call('POST', `/api/agent/conversations/${conversationId}/typing`);
    await chat.page.waitForSelector('#typing:not([hidden])', { timeout: 5000 });
    await chat.page.clock.fastForward(10_000);
    await chat.page.waitForSelector('#typing', { state: 'hidden', timeout: 5000 });
    expect((await chat.bubbles()).filter((b) => b.from === 'agent')).toEqual([]);
  });

  it('stamps every message with its time, in Beijing time for this phone', async () => {
    const chat = await open();
    await chat.say('你好');
    const { conversationId } = await chat.session();
    await chat.page.waitForFunction(() => document.querySelectorAll('#log > li.msg').length >= 4);
    const stored = await app.built.store.listMessages(conversationId, 0);
    const shown = await chat.bubbles();
    expect(shown.map((b) => b.time)).toEqual(
      stored.slice(0, shown.length).map((m) =>
        new Date(m.at).toLocaleTimeString('zh-CN', {
          hour: '2-digit',
          minute: '2-digit',
          hour12: false,
          timeZone: 'Asia/Shanghai',
        }),
      ),
    );
  });

  it('keeps focus in the chat after a button: the input for a keyboard, never the bare page', async () => {
    const chat = await open();
    await chat.page.waitForSelector('#suggestions button');
    await chat.page.focus('#suggestions button:nth-child(2)');
    await chat.page.keyboard.press('Enter');
    expect(await chat.page.evaluate(() => document.activeElement?.id)).toBe('input');
    await chat.waitFor('customer', '有哪些套餐');
    // A tap on a phone does not pop the keyboard up: focus goes to the conversation.
    await chat.page.waitForSelector('#suggestions button');
    await chat.page.locator('#suggestions button').first().tap();
    expect(await chat.page.evaluate(() => document.activeElement?.id)).toBe('log');
  });

  it('meets WCAG 2.2 AA contrast and gives every control a 44 px target', async () => {
    const chat = await open();
    await chat.page.waitForSelector('#suggestions button');
    const measure = (selectors: string[]) =>
      chat.page.evaluate((sels) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const bg = (el: Element | null): string => {
          for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (!c.endsWith(', 0)') && c !== 'transparent') return c;
          }
          return 'rgb(255, 255, 255)';
        };
        return Object.fromEntries(
          sels.map((sel) => {
            const el = document.querySelector(sel);
            if (!el) return [sel, 0];
            const [a, b] = [lum(getComputedStyle(el).color), lum(bg(el))].sort((x, y) => y - x);
            return [sel, Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100];
          }),
        );
      }, selectors);
    const targets = () =>
      chat.page.$$eval('#send, #lang, #suggestions button, #input', (els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return Math.min(r.width, r.height);
        }),
      );
    const contrast = await measure([
      '#send',
      '#lang',
      '#title',
      '#status',
      '.msg--bot .msg__text',
      '.msg--bot time',
      '#suggestions button',
    ]);
    expect(Math.min(...(await targets()))).toBeGreaterThanOrEqual(44);

    // A customer bubble, a queue line, and an agent's named message.
    await chat.say('转人工');
    await chat.waitFor('system', '已为您排队');
    const agent = await signInAgent(app.built.app, '小王');
    const { conversationId } = await chat.session();
    await agent.call('POST', `/api/agent/conversations/${conversationId}/claim`);
    await agent.call('POST', `/api/agent/conversations/${conversationId}/messages`, { text: '您好' });
    await chat.waitFor('agent', '您好');
    Object.assign(
      contrast,
      await measure([
        '.msg--customer .msg__text',
        '.msg--customer time',
        '.msg--system .msg__text',
        '.msg--agent .msg__who',
        '.msg--agent time',
      ]),
    );
    console.log('web chat contrast ratios', JSON.stringify(contrast));
    for (const [sel, r] of Object.entries(contrast)) expect(r, sel).toBeGreaterThanOrEqual(4.5);
  });

  it('says it is back once the server returns after an outage, and carries on', async () => {
    const addr = app.built.app.server.address();
    const proxy = await OutageProxy.start(typeof addr === 'object' && addr ? addr.port : 0);
    try {
      const chat = await open(proxy.url);
      await chat.waitFor('bot', '请发送您的订单号');
      // The page's clock stands still from here: its reconnect back-off (0.5, 1, 2 then 4 s) is stepped
      // through, each of its waits run out at once and each try seen refused, not sat out.
      await chat.page.clock.install();
      await chat.page.clock.pauseAt(Date.now() + 1000);
      const tries: WebSocket[] = [];
      chat.page.on('websocket', (ws) => tries.push(ws));
      await proxy.down();
      await chat.page.waitForFunction(() => document.getElementById('status')?.textContent === '已断开，正在重连…');
      expect(await chat.page.isDisabled('#send')).toBe(true);
      for (let n = 1; n <= 3; n++) {
        // several failed tries while the server is away
        await chat.page.clock.fastForward(4000);
        await expect.poll(() => tries.filter((ws) => ws.isClosed()).length).toBe(n);
        expect(await chat.page.isDisabled('#send')).toBe(true);
      }
      await proxy.up();
      await chat.page.clock.fastForward(4000);
      await chat.page.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
        timeout: 10_000,
      });
      await chat.page.clock.resume();
      expect(await chat.page.$$eval('#log > li.note', (ls) => ls.map((l) => l.textContent))).toEqual(['已重新连接']);
      const n = await chat.say('172202611100001');
      await chat.waitFor('bot', '后4位', n);
    } finally {
      await proxy.down();
    }
  });

  it('raised no page errors', () => {
    expect(
      pages.flatMap((p) => p.errors).filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection/.test(e)),
    ).toEqual([]);
  });
});
