/**
 * The real app on a real port and the customer web chat in Chromium, for browser tests that each
 * start from a fresh page: `served()` listens on 127.0.0.1, `ChatPage` reads and drives the chat as
 * a customer sees it. Page and console errors are collected so a test can assert there were none.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp } from './app.js';

export const PHONE = { width: 390, height: 844 };

export interface Served {
  built: BuiltApp;
  url: string;
}

export async function served(
  env: Record<string, string> = {},
  deps: Parameters<typeof testApp>[1] = {},
): Promise<Served> {
  const built = await testApp(env, deps);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = built.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { built, url: `http://127.0.0.1:${addr.port}` };
}

export interface Bubble {
  from: string;
  seq: number;
  text: string;
  who: string | null;
  time: string | null;
}

export class ChatPage {
  readonly errors: string[] = [];
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
  }

  /** A phone-sized page in its own context (own localStorage), open on the chat and connected. */
  static async open(
    browser: Browser,
    url: string,
    opts: { locale?: string; timezoneId?: string } = {},
  ): Promise<ChatPage> {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: opts.locale ?? 'zh-CN',
      timezoneId: opts.timezoneId ?? 'Asia/Shanghai',
    });
    const chat = new ChatPage(await context.newPage(), context);
    await chat.page.goto(url + '/', { waitUntil: 'load' });
    await chat.page.waitForFunction(() => !(document.getElementById('send') as HTMLButtonElement).disabled, undefined, {
      timeout: 10_000,
    });
    return chat;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  bubbles(): Promise<Bubble[]> {
    return this.page.$$eval('#log > li.msg', (lis) =>
      lis.map((li) => ({
        from: li.className.replace(/^.*msg--(\w+).*$/, '$1'),
        seq: Number((li as HTMLElement).dataset.seq),
        text: li.querySelector('.msg__text')?.textContent ?? '',
        who: li.querySelector('.msg__who')?.textContent ?? null,
        time: li.querySelector('time')?.textContent ?? null,
      })),
    );
  }

  /** Waits for a message from `from` containing `text` (among those from index `after` on). */
  async waitFor(from: string, text: string, after = 0, timeout = 10_000): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([f, t, n]) =>
          Array.from(document.querySelectorAll('#log > li.msg')).some(
            (li, i) =>
              i >= n &&
              li.classList.contains(`msg--${f}`) &&
              (li.querySelector('.msg__text')?.textContent ?? '').includes(t),
          ),
        [from, text, after] as const,
        { timeout },
      );
    } catch (e) {
      throw new Error(
        `no ${from} message containing ${JSON.stringify(text)}; log: ${JSON.stringify(await this.bubbles(), null, 1)}\n${String(e)}`,
        { cause: e },
      );
    }
  }

  /** Types and sends like a customer; resolves once the message is shown. Returns the log length before it. */
  async say(text: string): Promise<number> {
    const before = (await this.bubbles()).length;
    await this.page.fill('#input', text);
    await this.page.press('#input', 'Enter');
    await this.waitFor('customer', text, before);
    return before;
  }

  suggestions(): Promise<string[]> {
    return this.page.$$eval('#suggestions button', (bs) => bs.map((b) => b.textContent ?? ''));
  }

  async session(): Promise<{ conversationId: string; token: string; locale: string }> {
    return JSON.parse((await this.page.evaluate(() => localStorage.getItem('simbot.session'))) ?? '{}');
  }
}
