/**
 * The agent console and the customer web chat together in real headless Chromium, against the
 * real app on a real port: a customer (phone) asks for a human about a failed order, an agent
 * (laptop, own browser context) signs in with the dev sign-in, claims the conversation, sees the
 * transcript and the masked handoff packet, talks with the customer both ways, leaves an internal
 * note and resolves; the customer rates 5 and a supervisor finds the rating in the figures.
 * The app's strict CSP (`script-src 'self'`) applies, so an inline script or handler would be
 * refused and fail the run (page errors are checked). Skipped with a notice when chromium is missing, except under CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BuiltApp } from '../../bot/app/app.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const ORDER_NO = '172202611100001';
const FULL_PHONE = '13740170251';
const FULL_ID = '440305199204185539';
const FAILURE_TITLE = loadKnowledge().reasons.get('ID_INFO_INVALID')!.text['zh-CN'].title;
/** Open round the clock, so the customer is queued (not offered a ticket) whenever this runs. */
const ENV = { AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00', HANDOFF_CLAIM_TIMEOUT_MINUTES: '30' };

const skip = skipBrowserTests();

describe.skipIf(skip)('agent console with a customer in headless Chromium', () => {
  let built: BuiltApp;
  let browser: Browser;
  let baseUrl: string;
  let customerCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let supervisorCtx: BrowserContext | undefined;
  let customer: Page;
  let agent: Page;
  let conversationId = '';
  const pageErrors: string[] = [];
  /** The steps build on each other: after one fails, the rest fail at once instead of timing out. */
  let broken = '';
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (broken) throw new Error(`not run: an earlier step failed (${broken})`);
      try {
        await fn();
      } catch (e) {
        broken = name;
        throw e;
      }
    });
  const AGENT_TEXT = `您好，我是小王，已看到您的订单 ${ORDER_NO}，正在为您处理。`;
  const CUSTOMER_TEXT = '好的，我需要重新提交身份证信息吗？';
  const NOTE_TEXT = '客户身份证信息核验失败，建议重新下单（内部）';

  async function newContext(viewport: { width: number; height: number }, mobile: boolean): Promise<BrowserContext> {
    return browser.newContext({
      viewport,
      deviceScaleFactor: mobile ? 2 : 1,
      isMobile: mobile,
      hasTouch: mobile,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  }

  function watch(page: Page, who: string): Page {
    page.on('pageerror', (e) => pageErrors.push(`${who} pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Expected: 401 from /api/agent/me before signing in, the 403 an agent gets for the
      // supervisor figures, and the 503 the test provokes on one reply (each asserted below).
      const expected =
        /status of 401/.test(m.text()) ||
        (/status of 403/.test(m.text()) && m.location().url.includes('/api/agent/stats')) ||
        (/status of 503/.test(m.text()) && /\/messages$/.test(m.location().url));
      if (m.type() === 'error' && !expected) pageErrors.push(`${who} console: ${m.text()} @ ${m.location().url}`);
    });
    page.on('dialog', (d) => {
      pageErrors.push(`${who} dialog: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  }

  const customerBubbles = () =>
    customer.$$eval('#log > li.msg', (lis) =>
      lis.map((li) => ({
        from: li.className.replace(/^.*msg--(\w+).*$/, '$1'),
        text: li.textContent ?? '',
      })),
    );
  const transcript = () =>
    agent.$$eval('#transcript > li.msg', (lis) =>
      lis.map((li) => ({
        from: li.className.replace(/^.*msg--(\w+).*$/, '$1'),
        seq: (li as HTMLElement).dataset.seq ?? '',
        text: li.textContent ?? '',
      })),
    );

  async function waitForCustomerBubble(from: string, text: string, timeout = 10_000): Promise<void> {
    try {
      await customer.waitForFunction(
        ([f, t]) =>
          Array.from(document.querySelectorAll(`#log > li.msg--${f}`)).some((li) => (li.textContent ?? '').includes(t)),
        [from, text] as const,
        { timeout },
      );
    } catch (e) {
      throw new Error(
        `customer page: no ${from} message containing ${JSON.stringify(text)}; log: ${JSON.stringify(await customerBubbles(), null, 1)}\n${String(e)}`,
        { cause: e },
      );
    }
  }

  async function waitForTranscript(from: string, text: string, timeout = 10_000): Promise<void> {
    try {
      await agent.waitForFunction(
        ([f, t]) =>
          Array.from(document.querySelectorAll(`#transcript > li.msg--${f}`)).some((li) =>
            (li.textContent ?? '').includes(t),
          ),
        [from, text] as const,
        { timeout },
      );
    } catch (e) {
      throw new Error(
        `console: no ${from} message containing ${JSON.stringify(text)}; transcript: ${JSON.stringify(await transcript(), null, 1)}\n${String(e)}`,
        { cause: e },
      );
    }
  }

  async function customerSays(text: string): Promise<void> {
    await customer.fill('#input', text);
    await customer.press('#input', 'Enter');
    await waitForCustomerBubble('customer', text);
  }

  async function devSignIn(page: Page, name: string, role: 'agent' | 'supervisor'): Promise<void> {
    const res = await page.goto(baseUrl + '/console', { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.title()).toContain('客服工作台');
    await page.waitForSelector('#signin:not([hidden])', { timeout: 10_000 });
    expect(await page.getAttribute('#ms-login', 'href')).toBe('/auth/login');
    expect((await page.textContent('#ms-login'))?.trim()).toBe('使用 Microsoft 账号登录');
    await page.waitForSelector('#dev-form:not([hidden])', { timeout: 10_000 });
    await page.fill('#dev-name', name);
    await page.selectOption('#dev-role', role);
    await page.click('#dev-submit');
    try {
      await page.waitForFunction(
        (n) =>
          !document.getElementById('who')?.hidden && (document.getElementById('who')?.textContent ?? '').includes(n),
        name,
        { timeout: 10_000 },
      );
    } catch (e) {
      throw new Error(
        `dev sign-in as ${name} (${role}) did not sign in: toast ${JSON.stringify(await page.textContent('#toast'))}\n${String(e)}`,
        { cause: e },
      );
    }
  }

  beforeAll(async () => {
    built = await testApp(ENV);
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = built.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${addr.port}`;
    browser = await sharedChromium();
    customerCtx = await newContext(PHONE, true);
    agentCtx = await newContext(LAPTOP, false);
    customer = watch(await customerCtx.newPage(), 'customer');
    agent = watch(await agentCtx.newPage(), 'agent');
  }, 90_000);

  afterAll(async () => {
    // Browser first (closing it ends every context and socket at once): open WebSockets would
    // otherwise keep the server's close() waiting. Generous time: CI runs this beside the rest.
    await releaseChromium(browser);
    await built?.app.close();
  }, 90_000);

  step('serves the console files with the right types', async () => {
    const page = await fetch(baseUrl + '/console');
    expect(page.status, '/console is not served: is consolePages registered in bot/app/app.ts?').toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline handlers
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    for (const [file, type] of [
      ['console.js', 'text/javascript'],
      ['console.css', 'text/css'],
      ['favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await fetch(`${baseUrl}/console/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toContain(type);
    }
    expect(
      (await fetch(baseUrl + '/api/agent/me')).status,
      '/api/agent/me: is registerAgentAuth wired in bot/app/app.ts?',
    ).toBe(401);
    expect(
      (await fetch(baseUrl + '/api/agent/queue')).status,
      '/api/agent/queue: are agentRoutes registered in bot/app/app.ts?',
    ).toBe(401);
  });

  step('the customer explains the failed order and asks for a human', async () => {
    await customer.goto(baseUrl + '/', { waitUntil: 'load' });
    await customer.waitForFunction(() => document.getElementById('status')?.textContent === '在线', undefined, {
      timeout: 10_000,
    });
    await customerSays(`我的订单${ORDER_NO}为什么失败了`);
    await waitForCustomerBubble('bot', '后4位');
    await customerSays('0251');
    await waitForCustomerBubble('bot', FAILURE_TITLE);
    await customerSays('转人工');
    await waitForCustomerBubble('system', '已为您排队');
    conversationId = JSON.parse(
      (await customer.evaluate(() => localStorage.getItem('simbot.session'))) ?? '{}',
    ).conversationId;
    expect(conversationId).toEqual(expect.any(String));
  });

  step('the agent signs in with the dev sign-in and sees the customer waiting', async () => {
    await devSignIn(agent, '小王', 'agent');
    expect(await agent.textContent('#who')).toContain('客服');
    expect(await agent.isHidden('#tab-stats')).toBe(true); // agents get no figures
    const item = agent.locator(`#queue > li[data-conversation-id="${conversationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    const text = await item.textContent();
    expect(text).toContain(ORDER_NO);
    expect(text).toContain(FAILURE_TITLE); // the reason's title, not its code
    expect(text).toContain('客户要求人工');
    // The wait time ticks live.
    const wait = item.locator('.item__wait');
    const first = await wait.textContent();
    expect(first).toMatch(/^已等待 \d+:\d{2}$/);
    await agent.waitForFunction(
      ([sel, before]) => document.querySelector(sel)?.textContent !== before,
      [`#queue > li[data-conversation-id="${conversationId}"] .item__wait`, first] as const,
      { timeout: 3000 },
    );
  });

  step('claims the conversation and sees the transcript and the masked handoff packet', async () => {
    await agent.locator(`#queue > li[data-conversation-id="${conversationId}"] button`, { hasText: '领取' }).click();
    await agent.locator(`#mine > li[data-conversation-id="${conversationId}"]`).waitFor({ timeout: 10_000 });
    await agent.waitForFunction(
      (id) => !document.querySelector(`#queue > li[data-conversation-id="${id}"]`),
      conversationId,
      { timeout: 10_000 },
    );
    await waitForTranscript('customer', `我的订单${ORDER_NO}为什么失败了`);
    await waitForTranscript('bot', FAILURE_TITLE);
    await waitForTranscript('system', '客服 小王 已接入');
    expect(await agent.textContent('#conv-status')).toBe('服务中');

    const facts = await agent.$$eval('#packet dd', (dds) =>
      Object.fromEntries(dds.map((dd) => [(dd as HTMLElement).dataset.fact, dd.textContent])),
    );
    expect(facts['订单号']).toBe(ORDER_NO);
    expect(facts['失败原因']).toBe(FAILURE_TITLE);
    expect(facts['订单状态']).toContain('审核失败');
    expect(facts['联系电话']).toBe('137****0251');
    expect(facts['身份证']).toMatch(/^440305\*+5539$/);
    expect(facts['姓名']).toBe('张*');
    expect(facts['手机后4位']).toContain('已验证');
    const everything = await agent.evaluate(() => document.body.innerText);
    expect(everything).not.toContain(FULL_PHONE);
    expect(everything).not.toContain(FULL_ID);
    // Seqs in order without repeats.
    const seqs = (await transcript()).map((m) => Number(m.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    await waitForCustomerBubble('system', '客服 小王 已接入');
  });

  step('fills a canned reply, shows the customer that the agent is typing, and delivers the message', async () => {
    await agent.locator('#canned button', { hasText: '问候' }).waitFor({ timeout: 10_000 });
    await agent.locator('#canned button', { hasText: '问候' }).click();
    expect(await agent.inputValue('#reply')).toContain('我是客服小王');
    // Typing reaches the customer (throttled POST …/typing).
    await agent.fill('#reply', '');
    await agent.locator('#reply').pressSequentially(AGENT_TEXT.slice(0, 6));
    await customer.waitForSelector('#typing:not([hidden])', { timeout: 5000 });
    await agent.fill('#reply', AGENT_TEXT);
    // A send that fails loses nothing: the text comes back to the box and the agent is told why.
    const messagesUrl = `**/api/agent/conversations/${conversationId}/messages`;
    await agent.route(messagesUrl, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'UPSTREAM_UNAVAILABLE', message: '暂时无法发送' } }),
          })
        : route.continue(),
    );
    await agent.press('#reply', 'Enter');
    // (An earlier toast, the claim's, may still be showing.)
    await agent.waitForFunction(
      () => {
        const t = document.getElementById('toast') as HTMLElement;
        return !t.hidden && (t.textContent ?? '').includes('UPSTREAM_UNAVAILABLE');
      },
      undefined,
      { timeout: 5000 },
    );
    await agent.waitForFunction(
      (t) => (document.getElementById('reply') as HTMLTextAreaElement).value === t,
      AGENT_TEXT,
      { timeout: 5000 },
    );
    await agent.unroute(messagesUrl);
    expect((await transcript()).filter((m) => m.text.includes(AGENT_TEXT))).toHaveLength(0);
    // Sent for real, with the POST's answer held back 1.5 s: the box is empty before it answers
    // (the message reaches both sides over the sockets meanwhile).
    await agent.route(messagesUrl, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      await new Promise((r) => setTimeout(r, 1500));
      await route.fulfill({ response: answer });
    });
    const answered = agent.waitForEvent(
      'requestfinished',
      (r) => r.method() === 'POST' && r.url().endsWith(`/api/agent/conversations/${conversationId}/messages`),
    );
    await agent.press('#reply', 'Enter');
    expect(await agent.inputValue('#reply')).toBe('');
    await waitForCustomerBubble('agent', AGENT_TEXT);
    await waitForTranscript('agent', AGENT_TEXT);
    expect(await agent.inputValue('#reply')).toBe('');
    await answered; // the POST's answer, a second copy of the same message, lands now
    await agent.waitForTimeout(300); // and would be drawn here
    await agent.unroute(messagesUrl);
    expect((await transcript()).filter((m) => m.text.includes(AGENT_TEXT))).toHaveLength(1);
  });

  step("shows the customer's reply live and keeps internal notes away from the customer", async () => {
    await customerSays(CUSTOMER_TEXT);
    await waitForTranscript('customer', CUSTOMER_TEXT);

    await agent.fill('#note', NOTE_TEXT);
    await agent.click('#note-form button[type="submit"]');
    await agent.waitForFunction((t) => (document.getElementById('notes')?.textContent ?? '').includes(t), NOTE_TEXT, {
      timeout: 5000,
    });
    expect(await agent.textContent('#notes-title')).toContain('仅客服可见');
    expect((await customerBubbles()).map((b) => b.text).join('\n')).not.toContain(NOTE_TEXT);
    expect((await built.store.listMessages(conversationId, 0)).map((m) => m.text).join('\n')).not.toContain(NOTE_TEXT);
  });

  step('resolves; the customer is asked for a rating and gives 5', async () => {
    await agent.click('#conv-resolve');
    expect(await agent.textContent('#conv-resolve')).toBe('确认结束服务？'); // one more click to be sure
    await agent.click('#conv-resolve');
    await agent.waitForFunction(() => document.getElementById('conv-status')?.textContent === '待客户评分', undefined, {
      timeout: 10_000,
    });
    expect(await agent.isDisabled('#reply')).toBe(true);
    await agent.waitForFunction(
      (id) => !document.querySelector(`#mine > li[data-conversation-id="${id}"]`),
      conversationId,
      { timeout: 10_000 },
    );

    await waitForCustomerBubble('bot', '打个分');
    await customer.waitForFunction(() => document.querySelectorAll('#suggestions button').length === 5, undefined, {
      timeout: 5000,
    });
    expect(await customer.$$eval('#suggestions button', (bs) => bs.map((b) => b.textContent))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    await customer.getByRole('button', { name: '5', exact: true }).click();
    await waitForCustomerBubble('bot', '感谢您的评价（5 分）');
    // The agent still watches the conversation: the rating exchange shows up there too.
    await waitForTranscript('customer', '5');
  });

  step('stores the rating: a supervisor sees it in the figures', async () => {
    const stats = await built.handoff.stats(14);
    expect(stats.days.some((d) => d.avgRating === 5 && d.ratings === 1)).toBe(true);
    expect(stats.escalationsByCode.ID_INFO_INVALID).toBe(1);

    supervisorCtx = await newContext(LAPTOP, false);
    const sup = watch(await supervisorCtx.newPage(), 'supervisor');
    await devSignIn(sup, '主管老李', 'supervisor');
    expect(await sup.textContent('#who')).toContain('主管');
    // The figures over the API, as the console's own fetch sends them (session cookie).
    const fromApi = (await sup.evaluate(async () => (await fetch('/api/agent/stats?days=14')).json())) as Awaited<
      ReturnType<typeof built.handoff.stats>
    >;
    expect(fromApi.days.some((d) => d.avgRating === 5)).toBe(true);
    // An agent is refused the figures.
    expect(await agent.evaluate(async () => (await fetch('/api/agent/stats?days=14')).status)).toBe(403);

    await sup.click('#tab-stats');
    await sup.waitForSelector('#stat-rating svg circle', { timeout: 10_000 });
    expect(await sup.$$eval('#stat-rating svg circle title', (ts) => ts.map((t) => t.textContent))).toContainEqual(
      expect.stringContaining('5.0 分'),
    );
    expect(await sup.textContent('#stat-codes')).toContain(FAILURE_TITLE);
    expect(await sup.textContent('#stat-containment')).toMatch(/\d+(\.\d)?%|—/);
  });

  step('transfers a conversation to another signed-in agent picked from a list', async () => {
    // 小李 signs in elsewhere (their own session); a second customer asks for a human.
    const login = await built.app.inject({
      method: 'POST',
      url: '/auth/dev/login',
      payload: { name: '小李', role: 'agent' },
    });
    expect(login.statusCode).toBe(200);
    const other = await new RestCustomer(built).open();
    await other.say('转人工');
    const row = agent.locator(`#queue > li[data-conversation-id="${other.conversationId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.locator('button', { hasText: '领取' }).click();
    const mine = agent.locator(`#mine > li[data-conversation-id="${other.conversationId}"]`);
    await mine.waitFor({ timeout: 10_000 });
    await mine.click();
    await agent.waitForSelector('#transfer:not([hidden])', { timeout: 10_000 });
    await agent.click('#transfer summary');
    await agent.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('#transfer-to option')).some((o) =>
          (o.textContent ?? '').includes('小李'),
        ),
      undefined,
      { timeout: 5000 },
    );
    const options = await agent.$$eval('#transfer-to option', (os) => os.map((o) => o.textContent ?? ''));
    expect(options.join()).not.toContain('小王'); // not to oneself
    await agent.selectOption('#transfer-to', { label: '小李' });
    await agent.click('#transfer-submit');
    await agent.waitForFunction(
      (id) => !document.querySelector(`#mine > li[data-conversation-id="${id}"]`),
      other.conversationId,
      { timeout: 10_000 },
    );
    const held = await built.app.inject({
      url: '/api/agent/mine',
      headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! },
    });
    expect(held.json().conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      other.conversationId,
    ]);
    expect((await other.history(0)).map((m) => m.text).join()).toContain('小李');
  });

  step('signs out back to the sign-in panel', async () => {
    await agent.click('#logout');
    await agent.waitForSelector('#signin:not([hidden])', { timeout: 10_000 });
    expect(await agent.evaluate(async () => (await fetch('/api/agent/queue')).status)).toBe(401);
  });

  step('has no horizontal overflow on a laptop screen and raised no page errors (CSP included)', async () => {
    const m = await agent.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    expect(pageErrors).toEqual([]);
  });
});
