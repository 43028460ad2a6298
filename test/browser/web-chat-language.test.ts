/**
 * The web chat speaks the conversation's language (issue 23, finding 1): the browser's language picks
 * the first one, the page follows when the customer writes in the other, and the language button
 * switches both the page and the bot. Each case is its own page (own localStorage, own conversation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { ChatPage, served, type Served } from '../helpers/chat-page.js';

const skip = skipBrowserTests();

/** What the page itself says: its words, not the conversation's. */
const pageWords = (chat: ChatPage) =>
  chat.page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    placeholder: (document.getElementById('input') as HTMLInputElement).placeholder,
    send: document.getElementById('send')!.textContent,
    status: document.getElementById('status')!.textContent,
    button: document.getElementById('lang')!.textContent,
  }));

const ENGLISH = {
  lang: 'en',
  title: '172 SIM order assistant',
  placeholder: 'Type your order number or question',
  send: 'Send',
  status: 'Online',
  button: '中文',
};
const CHINESE = {
  lang: 'zh-CN',
  title: '号卡订单助手',
  placeholder: '请输入订单号或您的问题',
  send: '发送',
  status: '在线',
  button: 'English',
};

describe.skipIf(skip)('web chat language', () => {
  let app: Served;
  let browser: Browser;
  const pages: ChatPage[] = [];
  const open = async (locale: string) => {
    const c = await ChatPage.open(browser, app.url, { locale });
    pages.push(c);
    return c;
  };

  beforeAll(async () => {
    app = await served();
    browser = await sharedChromium();
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.built.app.close();
  }, 90_000);

  it('an English browser gets an English page and an English greeting', async () => {
    const chat = await open('en-US');
    await chat.waitFor('bot', 'Please send your order number');
    expect(await pageWords(chat)).toEqual(ENGLISH);
    expect((await chat.bubbles())[0]!.text).toContain('Hello!');
    expect(await chat.suggestions()).toEqual([
      "I can't find my order number",
      'What plans do you have?',
      'How do I activate my card?',
      'Human agent',
    ]);
  });

  it('a Chinese page turns English when the customer writes English, and back', async () => {
    const chat = await open('zh-CN');
    await chat.waitFor('bot', '请发送您的订单号');
    expect(await pageWords(chat)).toEqual(CHINESE);
    const n = await chat.say('Why did my order 172202611100001 fail?');
    await chat.waitFor('bot', 'last 4 digits', n);
    await chat.page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await pageWords(chat)).toEqual(ENGLISH);
    const m = await chat.say('我的订单为什么失败');
    await chat.waitFor('bot', '后4位', m);
    await chat.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await pageWords(chat)).toEqual(CHINESE);
  });

  it('the language button switches the page at once and the bot from the next message, and a reload keeps it', async () => {
    const chat = await open('zh-CN');
    await chat.waitFor('bot', '请发送您的订单号');
    await chat.page.click('#lang');
    expect(await pageWords(chat)).toEqual(ENGLISH);
    // Digits carry no language: the bot answers in the one picked.
    const n = await chat.say('172202611100001');
    await chat.waitFor('bot', 'last 4 digits', n);
    await chat.page.reload({ waitUntil: 'load' });
    await chat.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Online');
    expect(await pageWords(chat)).toEqual(ENGLISH);
    expect((await chat.session()).locale).toBe('en');
  });

  it('raised no page errors', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
