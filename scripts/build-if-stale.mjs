// Runs before `npm start` (prestart): compiles the sources to dist/ (tsc -p tsconfig.build.json) when
// dist/bot/app/main.js is missing or older than any source or build setting, so `npm ci && npm start`
// (and a start after `git pull`) needs no other step. Plain JavaScript: it runs before anything is built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'bot', 'app', 'main.js');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
const sources = Math.max(
  ...['bot', 'dialogs', 'adapters'].map((d) => newest(path.join(root, d))),
  ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
);
if (built >= sources) process.exit(0);
process.stderr.write(built ? 'dist/ is older than the sources: building\n' : 'dist/ not built yet: building\n');
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// tsc leaves an unchanged output file alone: touch the entry so the next start sees a fresh build.
const now = new Date();
fs.utimesSync(entry, now, now);
