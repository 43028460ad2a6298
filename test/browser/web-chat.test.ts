/**
 * The customer web chat in a real headless Chromium on a phone-sized screen, against the real app
 * on a real port: a failed-order conversation, suggestion buttons, markup shown as text, a reload
 * that restores the conversation from localStorage + replay, and no horizontal overflow.
 * Skipped with a notice when chromium is missing, except under CI (see ../helpers/browser.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { ChatPage, PHONE, served, type Served } from '../helpers/chat-page.js';

const XSS = '<img src=x onerror="window.__xss=1">';
const FAILURE_TITLE = loadKnowledge().reasons.get('ID_INFO_INVALID')!.text['zh-CN'].title;

const skip = skipBrowserTests();

describe.skipIf(skip)('web chat in headless Chromium (phone)', () => {
  let app: Served;
  let browser: Browser;
  let chat: ChatPage;
  let page: Page;
  const dialogs: string[] = [];

  const bubbles = () => chat.bubbles();
  const waitForBubble = (from: string, text: string, skipFirst = 0) => chat.waitFor(from, text, skipFirst);
  const suggestionLabels = () => chat.suggestions();

  /** Types into the input and sends with Enter, like a customer on a phone keyboard. */
  async function say(text: string): Promise<number> {
    const before = await chat.say(text);
    expect(await page.inputValue('#input')).toBe('');
    return before;
  }

  beforeAll(async () => {
    app = await served();
    browser = await sharedChromium();
    chat = await ChatPage.open(browser, app.url);
    page = chat.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 90_000);

  afterAll(async () => {
    // Browser first (closing it ends every context and socket at once): its open WebSocket would
    // otherwise keep the server's close() waiting. Generous time: CI runs this beside the rest.
    await releaseChromium(browser);
    await app?.built.app.close();
  }, 90_000);

  it('loads the page and connects, keeping the session in localStorage', async () => {
    const res = await page.reload({ waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('号卡订单助手');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
      timeout: 10_000,
    });
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('simbot.session') ?? '{}'));
    expect(session).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), locale: 'zh-CN' });
    expect(await page.getAttribute('#input', 'placeholder')).toBe('请输入订单号或您的问题');
    // Greeted on open, with something to tap.
    await waitForBubble('bot', '请发送您的订单号');
    expect((await bubbles()).map((b) => b.from)).toEqual(['bot', 'bot']);
    expect(await suggestionLabels()).toContain('转人工');
  });

  it('explains a failed demo order after the last 4 digits of the phone', async () => {
    expect(FAILURE_TITLE.length).toBeGreaterThan(0);
    const n = await say('我的订单172202611100001为什么失败了');
    await waitForBubble('bot', '后4位', n);
    // Nothing about the order is given away before the phone check.
    expect((await bubbles()).map((b) => b.text).join('\n')).not.toContain(FAILURE_TITLE);

    const m = await say('0251');
    await waitForBubble('bot', FAILURE_TITLE, m);
    await page.waitForSelector('#suggestions button', { timeout: 5000 });
    expect(await suggestionLabels()).toContain('查询其他订单');
    // Every bubble carries its seq; seqs are 1..n without gaps or repeats.
    const log = await bubbles();
    expect(log.map((b) => Number(b.seq))).toEqual(log.map((_, i) => i + 1));
    expect(log[2]).toMatchObject({ from: 'customer', text: '我的订单172202611100001为什么失败了' });
  });

  it('sends a suggestion when its button is clicked', async () => {
    const n = (await bubbles()).length;
    await page.getByRole('button', { name: '查询其他订单' }).click();
    await waitForBubble('customer', '查询其他订单', n);
    await waitForBubble('bot', '订单号', n + 1);
    expect(await suggestionLabels()).not.toContain('查询其他订单');
  });

  it('shows markup typed by the customer as literal text and never runs it', async () => {
    const n = await say(XSS);
    await waitForBubble('bot', '', n + 1); // the bot answered: the turn went through the server and back
    const shown = await page.evaluate((x) => {
      const mine = Array.from(document.querySelectorAll('#log > li.msg--customer .msg__text')).filter(
        (el) => el.textContent === x,
      );
      return {
        count: mine.length,
        html: mine[0]?.innerHTML,
        imgs: document.querySelectorAll('#log img, #suggestions img').length,
        xss: (window as unknown as { __xss?: unknown }).__xss,
      };
    }, XSS);
    expect(shown.count).toBe(1);
    expect(shown.html).toBe('&lt;img src=x onerror="window.__xss=1"&gt;');
    expect(shown.imgs).toBe(0);
    // Give a broken <img> time to fire onerror, had one been created anywhere.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('restores the whole conversation after a reload, without duplicates, and carries on', async () => {
    const before = await bubbles();
    const session = await page.evaluate(() => localStorage.getItem('simbot.session'));
    expect(before.length).toBeGreaterThanOrEqual(8);

    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
      timeout: 10_000,
    });
    await page
      .waitForFunction((n) => document.querySelectorAll('#log > li.msg').length >= n, before.length, {
        timeout: 10_000,
      })
      .catch(async () => {
        throw new Error(`log after reload: ${JSON.stringify(await bubbles())}; before: ${before.length} messages`);
      });
    await page.waitForTimeout(300); // a late duplicate replay would land here
    const after = await bubbles();
    expect(after).toEqual(before);
    const storedAfter = JSON.parse((await page.evaluate(() => localStorage.getItem('simbot.session'))) ?? '{}');
    expect(storedAfter.conversationId).toBe(JSON.parse(session ?? '{}').conversationId);
    // The replay restores the last bot message's suggestion buttons too.
    expect(await suggestionLabels()).toEqual(await expectedSuggestionsOfLastBotMessage());

    // Same conversation: the dialog state survived, and new messages continue the seq.
    // (A different order: one already verified in this conversation is explained without asking again.)
    const n = await say('172202611100024');
    await waitForBubble('bot', '后4位', n);
    const log = await bubbles();
    expect(log.map((b) => Number(b.seq))).toEqual(log.map((_, i) => i + 1));
  });

  it('has no horizontal overflow at phone width, even with a long unbroken message', async () => {
    const n = await say('1'.repeat(120));
    await waitForBubble('bot', '', n + 1);
    const m = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
      innerWidth: window.innerWidth,
      widest: Math.max(
        ...Array.from(document.querySelectorAll('#log > li, #suggestions button, .chat__header, .chat__form')).map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    }));
    expect(m.innerWidth).toBe(PHONE.width);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    expect(m.bodyScrollWidth).toBeLessThanOrEqual(m.innerWidth);
    expect(m.widest).toBeLessThanOrEqual(m.innerWidth);
    // The input and send button stay on screen.
    const send = await page.locator('#send').boundingBox();
    expect(send).not.toBeNull();
    expect(send!.x + send!.width).toBeLessThanOrEqual(PHONE.width);
    expect(send!.y + send!.height).toBeLessThanOrEqual(PHONE.height);
  });

  it('keeps unsent text while disconnected, reconnects and replays only what it missed', async () => {
    const before = await bubbles();
    // The server drops every web-chat socket (a restart, a proxy timeout…).
    for (const client of app.built.app.websocketServer.clients) client.terminate();
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== '在线', undefined, {
      timeout: 5000,
    });
    expect(await page.isDisabled('#send')).toBe(true);
    await page.fill('#input', '172202611100003');
    await page.press('#input', 'Enter');
    expect(await page.inputValue('#input')).toBe('172202611100003'); // not thrown away
    // An agent-side or proactive message written while the page was offline must show up after reconnect.
    const { conversationId } = JSON.parse((await page.evaluate(() => localStorage.getItem('simbot.session'))) ?? '{}');
    const missed = await app.built.store.listMessages(conversationId, 0);
    expect(missed.length).toBe(before.length);

    await page.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
      timeout: 10_000,
    });
    expect(await page.isDisabled('#send')).toBe(false);
    await page.click('#send');
    await waitForBubble('customer', '172202611100003', before.length);
    await waitForBubble('bot', '后4位', before.length + 1);
    expect(await page.inputValue('#input')).toBe('');
    const log = await bubbles();
    expect(log.slice(0, before.length)).toEqual(before);
    expect(log.map((b) => Number(b.seq))).toEqual(log.map((_, i) => i + 1));
  });

  it('starts a new conversation when the stored session is no longer valid', async () => {
    const other = await browser.newContext({ viewport: PHONE, isMobile: true, locale: 'zh-CN' });
    try {
      const p = await other.newPage();
      p.on('pageerror', (e) => chat.errors.push(`pageerror (stale session page): ${e.message}`));
      await p.goto(app.url + '/');
      await p.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
        timeout: 10_000,
      });
      const stale = { conversationId: '00000000-0000-4000-8000-000000000000', token: 'expired', locale: 'zh-CN' };
      await p.evaluate((s) => localStorage.setItem('simbot.session', JSON.stringify(s)), stale);
      await p.reload();
      await p.waitForFunction(
        (id) => {
          const s = JSON.parse(localStorage.getItem('simbot.session') ?? '{}');
          return s.token && s.conversationId !== id && document.getElementById('status')?.textContent === '在线';
        },
        stale.conversationId,
        { timeout: 10_000 },
      );
      // A clean log: the new conversation's greeting from seq 1, nothing of the old one.
      await p.waitForFunction(() => document.querySelectorAll('#log > li.msg--bot').length >= 2, undefined, {
        timeout: 10_000,
      });
      await p.fill('#input', '你好');
      await p.press('#input', 'Enter');
      await p.waitForFunction(() => document.querySelectorAll('#log > li.msg--customer').length > 0, undefined, {
        timeout: 10_000,
      });
      const log = await p.$$eval('#log > li.msg', (lis) =>
        lis.map((li) => ({ cls: li.className, seq: (li as HTMLElement).dataset.seq })),
      );
      expect(log.slice(0, 3)).toEqual([
        { cls: 'msg msg--bot', seq: '1' },
        { cls: 'msg msg--bot', seq: '2' },
        { cls: 'msg msg--customer', seq: '3' },
      ]);
      expect(log.filter((l) => l.cls.includes('system'))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('raised no page errors or console errors', () => {
    expect(chat.errors).toEqual([]);
  });

  /** What the server says the last bot message's suggestions are (REST history has no suggestions, so read the DOM contract from the store). */
  async function expectedSuggestionsOfLastBotMessage(): Promise<string[]> {
    const { conversationId } = JSON.parse((await page.evaluate(() => localStorage.getItem('simbot.session'))) ?? '{}');
    const msgs = await app.built.store.listMessages(conversationId, 0);
    const last = msgs.at(-1);
    return last?.from === 'bot' ? (last.suggestions ?? []) : [];
  }
});
