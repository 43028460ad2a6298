/**
 * Headless Chromium for browser tests, driven by playwright-core (no bundled browser download).
 * Uses Debian's chromium (`apt-get install chromium`) or CHROMIUM_PATH. When the binary is
 * missing the browser tests are skipped with a notice, except under CI, where they must fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for a machine without internet: no sandbox (root in containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export const chromiumAvailable = isExecutable(CHROMIUM_PATH);

/**
 * Whether browser tests should be skipped: true (with a printed notice) when chromium is missing
 * outside CI. Under CI a missing chromium throws, so the suite fails loudly instead of going green.
 */
export function skipBrowserTests(): boolean {
  if (chromiumAvailable) return false;
  const why = `chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH or apt-get install chromium)`;
  if (process.env.CI) throw new Error(`Browser tests need chromium under CI: ${why}`);
  console.warn(`[browser tests skipped] ${why}`);
  return true;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!chromiumAvailable) throw new Error(`chromium not found at ${CHROMIUM_PATH}`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * One Chromium for all the browser test files of a worker (the files share their worker's module
 * cache, see vitest.config.ts): each test opens contexts of its own in it and the file closes what
 * it left open with `releaseChromium`, so no cookie, storage or page passes from one file to the
 * next. A launch costs 0.7-1 s. The browser ends with the worker (Playwright kills what it launched
 * when the process exits), or is launched again if it was closed or crashed.
 */
export async function sharedChromium(): Promise<Browser> {
  const running = shared && (await shared.catch(() => undefined));
  if (running?.isConnected()) return running;
  shared = launchChromium();
  return shared;
}

/** Closes every context the file left open in the shared Chromium, which stays up for the next file. */
export async function releaseChromium(browser: Browser | undefined): Promise<void> {
  for (const context of browser?.contexts() ?? []) await context.close().catch(() => undefined);
}

/**
 * Where browser tests save their screenshots: the README's docs/screenshots when run with
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1), otherwise a scratch folder, so an ordinary
 * `npm test` leaves the working tree as it found it.
 */
export function screenshotDir(root: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS
    ? path.join(root, 'docs/screenshots')
    : path.join(os.tmpdir(), 'sim-order-bot-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
