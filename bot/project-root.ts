/**
 * The project's root folder (the one holding package.json), found from this file whether it runs
 * from the TypeScript sources (vitest, tsx) or compiled into dist/ (npm start). Data files
 * (knowledge/, the web chat's and the console's static files) are read from there, never next to
 * the running code: dist/ holds compiled JavaScript only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `fromRoot('knowledge', 'faq.json')`. */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
