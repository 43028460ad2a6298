/**
 * The conversation evaluation: multi-turn stories (test/conversations/<set>/*.story) run through
 * the whole bot without HTTP (test/helpers/dialog-tester.ts), each turn checked as a support lead
 * would (test/helpers/conversation-checks.ts). Prints the share of turns that pass, per file and in
 * all.
 *
 *   npm run dialog:eval -- [--set dev|dev-2|frozen] [--min-pass 0.95] [--show-failures] [--json FILE]
 *
 * `dev` (the default) and `dev-2` are for working on the bot. `frozen` was committed before anything
 * read it and is never tuned on: the figure it gave on its one reading is the one reported, and CI
 * keeps it from falling (npm run dialog:check). Failures are listed only with --show-failures, which
 * is never used on `frozen`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../bot/knowledge/loader.js';
import { loadPlans } from '../bot/plans.js';
import { ConversationChecker } from '../test/helpers/conversation-checks.js';
import { DialogTester } from '../test/helpers/dialog-tester.js';
import { parseStories, type Story } from '../test/helpers/stories.js';

export const CONVERSATIONS_DIR = path.resolve(import.meta.dirname, '../test/conversations');

export interface FileResult {
  file: string;
  conversations: number;
  turns: number;
  passed: number;
  failures: string[];
}

/** Runs every story of `files` on one bot; a conversation starts afresh for each story. */
export async function evaluate(files: readonly string[]): Promise<FileResult[]> {
  const k = loadKnowledge();
  const checker = new ConversationChecker(k, loadPlans());
  const bot = await DialogTester.start();
  const results: FileResult[] = [];
  try {
    for (const file of files) {
      const stories: Story[] = parseStories(file);
      const r: FileResult = {
        file: path.basename(file),
        conversations: stories.length,
        turns: 0,
        passed: 0,
        failures: [],
      };
      for (const story of stories) {
        const chat = await bot.open(story.locale);
        const earlier: string[] = [];
        for (const t of story.turns) {
          const turn = await chat.say(t.user);
          const problems = checker.problems(t, turn, earlier);
          earlier.push(...turn.replies.map((x) => x.text));
          r.turns++;
          if (problems.length === 0) r.passed++;
          else
            r.failures.push(
              `${r.file}:${t.line} ${story.title}\n    user: ${t.user}\n    bot:  ${turn.said.replace(/\n/g, '\n          ')}\n    [${turn.trace?.intent} → ${turn.trace?.action}] ${problems.join('; ')}`,
            );
        }
      }
      results.push(r);
    }
  } finally {
    await bot.close();
  }
  return results;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'dev' },
      'min-pass': { type: 'string' },
      'show-failures': { type: 'boolean' },
      json: { type: 'string' },
    },
  });
  const dir = path.join(CONVERSATIONS_DIR, values.set!);
  if (!fs.existsSync(dir)) {
    console.error(`no conversation set ${values.set} (${dir})`);
    return 2;
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.story'))
    .sort()
    .map((f) => path.join(dir, f));
  const results = await evaluate(files);
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  if (values['show-failures']) for (const r of results) for (const f of r.failures) console.log(`\n${f}`);
  console.log(`\n== conversation evaluation, set ${values.set}`);
  console.log('file                               conversations  turns  passed');
  for (const r of results)
    console.log(
      `${r.file.padEnd(36)} ${String(r.conversations).padStart(5)}  ${String(r.turns).padStart(8)}  ${pct(r.passed, r.turns).padStart(6)}`,
    );
  const turns = results.reduce((n, r) => n + r.turns, 0);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const conversations = results.reduce((n, r) => n + r.conversations, 0);
  console.log(
    `${'all'.padEnd(36)} ${String(conversations).padStart(5)}  ${String(turns).padStart(8)}  ${pct(passed, turns).padStart(6)}  (${passed} of ${turns} turns)`,
  );
  if (values.json)
    fs.writeFileSync(
      values.json,
      JSON.stringify({ at: new Date().toISOString(), set: values.set, turns, passed, results }, null, 2),
    );
  const min = values['min-pass'] ? Number(values['min-pass']) : undefined;
  if (min !== undefined && passed / turns < min) {
    console.error(`\nFAILED: ${pct(passed, turns)} of turns pass, under ${pct(min, 1)}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
