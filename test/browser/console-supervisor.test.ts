/**
 * What a supervisor and agents read about failures (issue 23, finding 11): the charts' dates do not
 * run together, failure reasons are shown by their titles (knowledge/failure-reasons.json) in the
 * queue, the packet and the charts, and the WeChat card does not ask a supervisor to set
 * environment variables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { RestCustomer } from '../helpers/app.js';
import { releaseChromium, sharedChromium, skipBrowserTests } from '../helpers/browser.js';
import { served, type Served } from '../helpers/chat-page.js';
import { ConsolePage } from '../helpers/console-page.js';

const skip = skipBrowserTests();
const TITLE = loadKnowledge().reasons.get('AREA_FORBIDDEN')!.text['zh-CN'].title;

describe.skipIf(skip)('failure reasons and charts in the console', () => {
  let app: Served;
  let browser: Browser;
  let customer: RestCustomer;
  const consoles: ConsolePage[] = [];
  const open = async (name: string, role: 'agent' | 'supervisor') => {
    const c = await ConsolePage.signedIn(browser, app.url, name, role);
    consoles.push(c);
    return c;
  };

  beforeAll(async () => {
    app = await served({ AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' });
    browser = await sharedChromium();
    customer = await new RestCustomer(app.built).open();
    await customer.say('172202611100015');
    await customer.say('8788');
    await customer.say('转人工');
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.built.app.close();
  }, 90_000);

  it('names the failure by its title in the queue and the packet, keeping the code at hand', async () => {
    const c = await open('小王', 'agent');
    const line = c.item('queue', customer.conversationId);
    await line.waitFor();
    expect(await line.locator('.tag--code').textContent()).toBe(TITLE);
    expect(await line.locator('.tag--code').getAttribute('title')).toBe('AREA_FORBIDDEN');
    await line.locator('.item__open').click();
    await c.page.waitForSelector('#packet dd[data-fact="失败原因"]');
    expect(await c.page.textContent('#packet dd[data-fact="失败原因"]')).toBe(TITLE);
    expect(await c.page.evaluate(() => document.body.innerText)).not.toContain('AREA_FORBIDDEN');
  });

  it('draws 14 days with dates that do not overlap, and reasons by title', async () => {
    const c = await open('主管老李', 'supervisor');
    await c.page.click('#tab-stats');
    await c.page.waitForSelector('#stat-handoffs svg');
    for (const chart of ['#stat-wait', '#stat-handoffs']) {
      const boxes = await c.page.$$eval(`${chart} svg text.chart-date`, (ts) =>
        ts.map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent, left: r.left, right: r.right };
        }),
      );
      expect(boxes.length, chart).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < boxes.length; i++)
        expect(boxes[i]!.left, `${chart}: ${boxes[i - 1]!.text} and ${boxes[i]!.text}`).toBeGreaterThan(
          boxes[i - 1]!.right + 2,
        );
      // Today is always labelled (Beijing day, as the figures count).
      const today = new Date().toLocaleDateString('en-US', {
        timeZone: 'Asia/Shanghai',
        month: 'numeric',
        day: 'numeric',
      });
      expect(boxes.at(-1)!.text).toBe(today);
    }
    // The bars are labelled by title; the code stays in the bar's tooltip.
    const labels = await c.page.$$eval('#stat-codes svg > text', (ts) => ts.map((t) => t.textContent));
    expect(labels).toContain(TITLE);
    expect(labels.join()).not.toContain('AREA_FORBIDDEN');
    expect(await c.page.textContent('#stat-codes rect title')).toBe(`${TITLE}（AREA_FORBIDDEN）：1`);
    const wechat = await c.page.textContent('#stat-wechat');
    expect(wechat).toContain('请联系系统管理员开通');
    expect(wechat).not.toMatch(/WECHATY|环境变量|设置/);
  });

  it('raised no page errors', () => {
    expect(consoles.flatMap((c) => c.errors)).toEqual([]);
  });
});
