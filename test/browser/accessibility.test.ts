/**
 * An axe-core audit (WCAG 2.0–2.2 A/AA rules and best practices) of the four views people use: the
 * customer's chat (an English conversation with plan cards), the console's sign-in, the signed-in
 * console with a conversation open and unread messages, and the supervisor's figures and team.
 * Done when no view has a serious or critical violation; every violation found is printed. The
 * README's screenshots are taken here, from these same views.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { releaseChromium, sharedChromium, screenshotDir, skipBrowserTests } from '../helpers/browser.js';
import { ChatPage, served, type Served } from '../helpers/chat-page.js';
import { ConsolePage } from '../helpers/console-page.js';
import { inboxScene, pastDays, type InboxScene } from '../helpers/inbox-scene.js';

const skip = skipBrowserTests();
const SCREENSHOTS = screenshotDir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));

/**
 * The violations axe finds, printed in full; the serious and critical ones returned. axe.run in the
 * page itself ("legacy mode"): the default runs each frame's part, then opens a blank page, injects
 * axe again and merges there, which doubled this file's time. It differs only for cross-origin
 * frames, and these views have no frame at all.
 */
async function audit(page: Page, view: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const byImpact = violations.reduce<Record<string, number>>(
    (n, v) => ({ ...n, [v.impact ?? 'none']: (n[v.impact ?? 'none'] ?? 0) + v.nodes.length }),
    {},
  );
  console.log(
    `axe ${view}: ${violations.length} rules violated ${JSON.stringify(byImpact)}`,
    violations.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`,
    );
}

describe.skipIf(skip)('accessibility of every view (axe-core)', () => {
  let app: Served;
  let browser: Browser;
  let chat: ChatPage;
  let scene: InboxScene;
  const consoles: ConsolePage[] = [];

  beforeAll(async () => {
    const clock = { offset: 0 };
    app = await served(
      { AGENT_AUTH: 'dev', BUSINESS_HOURS: '00:00-24:00' },
      { now: () => new Date(Date.now() + clock.offset) },
    );
    browser = await sharedChromium();
    await pastDays(app.built, clock);
    // An English-speaking customer on a phone: an order that does not ship to Xinjiang, then a person.
    chat = await ChatPage.open(browser, app.url, { locale: 'en-US' });
    await chat.say('Why did my order 172202611100014 fail?');
    await chat.waitFor('bot', 'last 4 digits');
    const n = await chat.say('6599');
    await chat.waitFor('bot', 'these plans on sale', n);
    await chat.page.getByRole('button', { name: 'Human agent' }).tap();
    await chat.waitFor('system', "You're in the queue");
    scene = await inboxScene(app.built, await chat.session());
    await chat.waitFor('agent', 'Hello, this is Wang');
  }, 90_000);
  afterAll(async () => {
    await releaseChromium(browser);
    await app?.built.app.close();
  }, 90_000);

  it('the customer chat (English, with plan cards and an agent) has no serious or critical violation', async () => {
    await chat.page.evaluate(() => {
      document.querySelectorAll('#log a.msg__link')[1]!.scrollIntoView({ block: 'start' });
    });
    await chat.page.screenshot({ path: path.join(SCREENSHOTS, 'web-chat.png') });
    expect(await audit(chat.page, 'chat')).toEqual([]);
  });

  it("the console's sign-in has no serious or critical violation", async () => {
    const c = await ConsolePage.open(browser, app.url);
    consoles.push(c);
    expect(await audit(c.page, 'console sign-in')).toEqual([]);
  });

  it('the signed-in console with an open conversation and unread messages has no serious or critical violation', async () => {
    const c = await ConsolePage.signedIn(browser, app.url, '小王');
    consoles.push(c);
    await c.item('mine', scene.english.conversationId).locator('.item__open').click();
    await c.waitForTranscript('agent', 'Hello, this is Wang');
    await scene.unread.say('那我换哪个套餐好？');
    await scene.unread.say('最好是移动的，谢谢');
    await c.page.waitForFunction(
      (id) => document.querySelector(`#mine > li[data-conversation-id="${id}"] .item__unread`)?.textContent === '2',
      scene.unread.conversationId,
      { timeout: 10_000 },
    );
    await c.page.waitForSelector('#canned button');
    await c.page.fill('#reply', 'The Mobile plan ships to Xinjiang; shall I send you its link?');
    await c.page.screenshot({ path: path.join(SCREENSHOTS, 'console.png') });
    expect(await audit(c.page, 'console, conversation open')).toEqual([]);
    // With the "/" list of canned replies open too.
    await c.page.fill('#reply', '');
    await c.page.focus('#reply');
    await c.page.keyboard.type('/');
    await c.page.waitForSelector('#canned-picker:not([hidden])');
    expect(await audit(c.page, 'console, canned list open')).toEqual([]);
  });

  it("the supervisor's figures and team view have no serious or critical violation", async () => {
    const c = await ConsolePage.signedIn(browser, app.url, '主管老李', 'supervisor');
    consoles.push(c);
    await c.page.click('#tab-stats');
    await c.page.waitForSelector('#stat-rating svg circle');
    await c.page.screenshot({ path: path.join(SCREENSHOTS, 'console-stats.png') });
    expect(await audit(c.page, 'supervisor figures')).toEqual([]);
    await c.page.click('#tab-team');
    await c.page.waitForSelector('.team__agent li');
    expect(await audit(c.page, 'supervisor team')).toEqual([]);
  });

  it('raised no page errors', () => {
    expect([...chat.errors, ...consoles.flatMap((c) => c.errors)]).toEqual([]);
  });
});
