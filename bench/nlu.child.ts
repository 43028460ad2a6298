/**
 * NLU parse time, in its own process: the shared engine (as bot/app/app.ts builds it, with the plan
 * catalogue) parses every line of knowledge/nlu/dev.tsv (timing only) many times; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedNaturalNlu } from '../bot/nlu/natural.nlu.js';
import { loadPlans } from '../bot/plans.js';

const BUDGET_MS = Number(process.env.NLU_BUDGET_MS ?? 8000);
const file = path.resolve('knowledge/nlu/dev.tsv');
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t')[1]?.trim() ?? '')
  .filter((t) => t.length > 0);

const t0 = performance.now();
const plans = loadPlans().plans.map(({ id, name, operator, monthlyFee }) => ({ id, name, operator, monthlyFee }));
const nlu = sharedNaturalNlu(plans);
const trainMs = performance.now() - t0;

for (let r = 0; r < 3; r++) for (const t of lines) nlu.parse(t); // warm-up: JIT and caches

const us: number[] = [];
const start = performance.now();
let rounds = 0;
while (performance.now() - start < BUDGET_MS && rounds < 200) {
  for (const t of lines) {
    const a = process.hrtime.bigint();
    nlu.parse(t);
    us.push(Number(process.hrtime.bigint() - a) / 1000);
  }
  rounds++;
}
us.sort((a, b) => a - b);
const pct = (p: number) => us[Math.min(us.length - 1, Math.floor(p * us.length))]!;
process.stdout.write(
  `${JSON.stringify({
    lines: lines.length,
    rounds,
    parses: us.length,
    trainMs,
    meanUs: us.reduce((a, b) => a + b, 0) / us.length,
    p50Us: pct(0.5),
    p99Us: pct(0.99),
    maxUs: us.at(-1),
  })}\n`,
);
