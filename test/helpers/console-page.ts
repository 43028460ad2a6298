/**
 * The agent console in Chromium for browser tests: a laptop-sized page in its own context (own
 * cookies and localStorage), signed in with the dev sign-in. Page and console errors are collected;
 * the 401 of `GET /api/agent/me` before signing in is expected and left out.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

const LAPTOP = { width: 1440, height: 900 };

export class ConsolePage {
  readonly errors: string[] = [];
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) this.errors.push(`console: ${m.text()}`);
    });
  }

  /** Opens /console at the sign-in panel (`init` runs in the page before its scripts, e.g. to record notifications). */
  static async open(
    browser: Browser,
    url: string,
    opts: { init?: () => void; permissions?: string[] } = {},
  ): Promise<ConsolePage> {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (opts.permissions) await context.grantPermissions(opts.permissions, { origin: url });
    if (opts.init) await context.addInitScript(opts.init);
    const c = new ConsolePage(await context.newPage(), context);
    await c.page.goto(url + '/console', { waitUntil: 'load' });
    await c.page.waitForSelector('#dev-form:not([hidden])', { timeout: 10_000 });
    return c;
  }

  static async signedIn(
    browser: Browser,
    url: string,
    name: string,
    role: 'agent' | 'supervisor' = 'agent',
    opts: Parameters<typeof ConsolePage.open>[2] = {},
  ): Promise<ConsolePage> {
    const c = await ConsolePage.open(browser, url, opts);
    await c.page.fill('#dev-name', name);
    await c.page.selectOption('#dev-role', role);
    await c.page.click('#dev-submit');
    await c.page.waitForSelector('#work:not([hidden])', { timeout: 10_000 });
    await c.page.waitForSelector('#live:text("实时在线")', { timeout: 10_000 });
    return c;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  /** A conversation's line in a list (`queue`, `mine`, `results`, `earlier`). */
  item(list: string, conversationId: string) {
    return this.page.locator(`#${list} > li[data-conversation-id="${conversationId}"]`);
  }

  async waitForTranscript(from: string, text: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      ([f, t]) =>
        Array.from(document.querySelectorAll(`#transcript > li.msg--${f}`)).some((li) =>
          (li.textContent ?? '').includes(t),
        ),
      [from, text] as const,
      { timeout },
    );
  }

  focused(): Promise<string> {
    return this.page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body) return 'body';
      const li = a.closest('li[data-conversation-id]') as HTMLElement | null;
      return a.id ? `#${a.id}` : li ? `${a.className}@${li.dataset.conversationId}` : a.tagName.toLowerCase();
    });
  }
}
