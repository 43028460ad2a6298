/**
 * How long after the server comes back a customer's chat and an agent's console are live again
 * (issue 23, finding 10: 13.5 s with the old back-off capped at 15 s). The real app behind a TCP
 * proxy, Debian's chromium: the proxy drops every connection and refuses new ones for OUTAGE_S
 * seconds (a restart, a network cut), then listens again; each page records when its status turns
 * back to online. Prints each run and the median.
 * Run: `npx tsx bench/reconnect.ts` (RUNS=3, OUTAGE_S=10).
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { ChatPage, served } from '../test/helpers/chat-page.js';
import { ConsolePage } from '../test/helpers/console-page.js';
import { OutageProxy } from '../test/helpers/outage-proxy.js';

const RUNS = Number(process.env.RUNS ?? 3);
const OUTAGE_S = Number(process.env.OUTAGE_S ?? 10);

/** From now on, the page notes (epoch ms) when element `id` next reads `text`. */
function watchStatus(page: Page, id: string, text: string): Promise<void> {
  return page.evaluate(
    ([i, t]) => {
      const w = window as unknown as { __backAt?: number };
      delete w.__backAt;
      const el = document.getElementById(i)!;
      new MutationObserver((_m, obs) => {
        if (el.textContent === t) {
          w.__backAt = performance.timeOrigin + performance.now();
          obs.disconnect();
        }
      }).observe(el, { childList: true, characterData: true, subtree: true });
    },
    [id, text] as const,
  );
}

async function backAfter(page: Page, upAt: number): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __backAt?: number }).__backAt !== undefined, undefined, {
    timeout: 60_000,
  });
  return (await page.evaluate(() => (window as unknown as { __backAt: number }).__backAt)) - upAt;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const app = await served({ AGENT_AUTH: 'dev', LOG_LEVEL: 'silent' });
const addr = app.built.app.server.address();
const proxy = await OutageProxy.start(typeof addr === 'object' && addr ? addr.port : 0);
const browser = await launchChromium();
const chat = await ChatPage.open(browser, proxy.url);
const agent = await ConsolePage.signedIn(browser, proxy.url, '小王');
const chatMs: number[] = [];
const consoleMs: number[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    await watchStatus(chat.page, 'status', '在线');
    await watchStatus(agent.page, 'live', '实时在线');
    await proxy.down();
    await new Promise((r) => setTimeout(r, OUTAGE_S * 1000));
    const upAt = Date.now();
    await proxy.up();
    chatMs.push(await backAfter(chat.page, upAt));
    consoleMs.push(await backAfter(agent.page, upAt));
    console.log(
      `run ${run}: ${OUTAGE_S} s outage; back online after the server returned: chat ${chatMs.at(-1)!.toFixed(0)} ms, console ${consoleMs.at(-1)!.toFixed(0)} ms`,
    );
  }
  console.log(
    `median over ${RUNS} runs: chat ${median(chatMs).toFixed(0)} ms, console ${median(consoleMs).toFixed(0)} ms (retries at 0.5, 1, 2, then every 4 s: at most ~4 s plus a connection)`,
  );
} finally {
  await browser.close();
  await proxy.down();
  await app.built.app.close();
}
