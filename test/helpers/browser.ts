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

/**
 * Where browser tests save their screenshots: the README's docs/screenshots when run with
 * `npm run screenshots` (UPDATE_SCREENSHOTS=1), otherwise a scratch folder, so an ordinary
 * `npm test` leaves the working tree as it found it.
 */
export function screenshotDir(root: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS ? path.join(root, 'docs/screenshots') : path.join(os.tmpdir(), 'sim-order-bot-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
