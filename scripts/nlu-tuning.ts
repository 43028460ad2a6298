/**
 * The tuning half of `npm run nlu:eval`: reading labelled files, the rates every figure is built on,
 * K-fold cross-validation over the training phrases, and the threshold searches (`--calibrate` on
 * our dev file, `--calibrate-small-talk` on an evaluation file's calibration fold only).
 */
import fs from 'node:fs';
import type { Segmenter } from '../bot/nlu/features.js';
import { NaturalNlu } from '../bot/nlu/natural.nlu.js';
import { loadTrainingData } from '../bot/nlu/training-data.js';
import { ORDER_RELATED_INTENTS, SMALL_TALK_INTENTS } from '../bot/nlu/types.js';

export interface Row { intent: string; text: string }

export function readTsv(file: string): Row[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  if (header[0] !== 'intent' || header[1] !== 'text') throw new Error(`${file}: the header must be intent<TAB>text`);
  return lines.map((line, i) => {
    const [intent, text] = line.split('\t');
    if (!intent || text === undefined) throw new Error(`${file}:${i + 2}: expected intent<TAB>text`);
    return { intent, text };
  });
}

export const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

/**
 * What a set of predictions does: accuracy; among out_of_scope lines the share taken for an
 * order-related intent (a false accept) and for small talk; recall on the small-talk intents.
 * A rate over no lines is null.
 */
export function decisionRates(rows: readonly Row[], predicted: readonly string[]) {
  const share = (n: number, of: number) => (of ? n / of : null);
  const oos = rows.map((r, i) => [r, predicted[i]!] as const).filter(([r]) => r.intent === 'out_of_scope');
  const st = rows.map((r, i) => [r, predicted[i]!] as const).filter(([r]) => SMALL_TALK_INTENTS.has(r.intent));
  return {
    accuracy: share(rows.filter((r, i) => predicted[i] === r.intent).length, rows.length) ?? 0,
    oosLines: oos.length,
    oosFalseAccept: share(oos.filter(([, p]) => ORDER_RELATED_INTENTS.has(p)).length, oos.length),
    oosAsSmallTalk: share(oos.filter(([, p]) => SMALL_TALK_INTENTS.has(p)).length, oos.length),
    smallTalkRecall: share(st.filter(([r, p]) => r.intent === p).length, st.length),
  };
}

/** The calibration fold: every 5th data line (0-based index mod 5 = 0); the rest is for reporting. */
export const isCalibrationLine = (i: number) => i % 5 === 0;

/**
 * K-fold cross-validation over the training phrases: fold k of a language is its examples with
 * index mod K = k; the engine (default calibration) is trained on the other folds and asked for
 * the held fold. Measures in-scope accuracy only (out_of_scope is never trained).
 */
export async function crossValidate(k: number, segmenter: Segmenter | undefined, opts: { alpha: number; threshold: number; smallTalk: number }): Promise<void> {
  const training = loadTrainingData();
  const langs = ['zh', 'en'] as const;
  const byIntent = new Map<string, { n: number; ok: number }>();
  const confusions = new Map<string, number>();
  const total = { zh: { n: 0, ok: 0 }, en: { n: 0, ok: 0 } };
  for (let fold = 0; fold < k; fold++) {
    const train = { zh: training.zh.filter((_, i) => i % k !== fold), en: training.en.filter((_, i) => i % k !== fold) };
    const nlu = new NaturalNlu({ segmenter, training: train, alpha: opts.alpha, threshold: opts.threshold, smallTalkThreshold: opts.smallTalk });
    for (const lang of langs) {
      training[lang].forEach((ex, i) => {
        if (i % k !== fold) return;
        const p = nlu.parse(ex.text).intent.name;
        const ok = p === ex.intent;
        total[lang].n++; if (ok) total[lang].ok++;
        const b = byIntent.get(ex.intent) ?? { n: 0, ok: 0 }; b.n++; if (ok) b.ok++; byIntent.set(ex.intent, b);
        if (!ok) confusions.set(`${ex.intent} → ${p}`, (confusions.get(`${ex.intent} → ${p}`) ?? 0) + 1);
      });
    }
  }
  const acc = (t: { n: number; ok: number }) => t.ok / Math.max(t.n, 1);
  console.log(`${k}-fold cross-validation over the training phrases (alpha ${opts.alpha}, threshold ${opts.threshold}, small-talk threshold ${opts.smallTalk})`);
  console.log(`accuracy zh ${pct(acc(total.zh))} of ${total.zh.n}   en ${pct(acc(total.en))} of ${total.en.n}   all ${pct((total.zh.ok + total.en.ok) / (total.zh.n + total.en.n))}`);
  for (const [intent, t] of [...byIntent].sort()) console.log(`  ${intent.padEnd(22)} ${pct(acc(t))} of ${t.n}`);
  console.log('top confusions');
  for (const [c, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${c}  ${n}`);
}

/**
 * Picks the small-talk threshold on the calibration fold of FILE only (every 5th line): the
 * highest small-talk recall that keeps out-of-scope false accepts at or under 3% and out-of-scope
 * lines taken for small talk at or under 5%; ties go to the higher (stricter) threshold.
 */
export async function calibrateSmallTalk(file: string, segmenter: Segmenter | undefined, opts: { alpha: number; threshold: number }): Promise<void> {
  const rows = readTsv(file).filter((_, i) => isCalibrationLine(i));
  const nlu = new NaturalNlu({ segmenter, alpha: opts.alpha, threshold: opts.threshold });
  const parsed = rows.map((r) => { const p = nlu.parse(r.text); return { r, entities: p.entities, ranking: p.ranking }; });
  let best: { ts: number; recall: number; fa: number; stFa: number } | undefined;
  for (let i = 0; i <= 50; i++) {
    const ts = Number((0.1 + i * 0.01).toFixed(2));
    const pred = parsed.map(({ r, entities, ranking }) => nlu.decide(r.text, entities, ranking, { order: opts.threshold, smallTalk: ts }).name);
    const rates = decisionRates(rows, pred);
    const recall = rates.smallTalkRecall ?? 0;
    const fa = rates.oosFalseAccept ?? 0;
    const stFa = rates.oosAsSmallTalk ?? 0;
    console.log(`  small-talk threshold ${ts.toFixed(2)}: recall ${pct(recall)}  OOS FA ${pct(fa)}  OOS → small talk ${pct(stFa)}`);
    if (fa <= 0.03 && stFa <= 0.05 && (!best || recall >= best.recall)) best = { ts, recall, fa, stFa };
  }
  console.log(`calibration fold of ${file} (${rows.length} lines, index mod 5 = 0; leave them out of reporting with --calibration-fold)`);
  console.log(best
    ? `small-talk threshold ${best.ts} → small-talk recall ${pct(best.recall)}, OOS FA ${pct(best.fa)}, OOS → small talk ${pct(best.stFa)}`
    : 'no small-talk threshold meets the bounds');
}

/**
 * Grid search on a dev file (our own, never ../shared/eval): the most accurate (alpha, threshold,
 * small-talk threshold) that keeps out-of-scope false accepts at or under 3%.
 */
export async function calibrate(file: string, segmenter: Segmenter | undefined): Promise<void> {
  const rows = readTsv(file);
  let best: { a: number; t: number; ts: number; acc: number; fa: number } | undefined;
  const grid = Array.from({ length: 26 }, (_, i) => Number((0.1 + i * 0.02).toFixed(2)));
  for (const a of [0.3, 0.4, 0.5, 0.6, 0.7]) {
    const nlu = new NaturalNlu({ segmenter, alpha: a });
    const parsed = rows.map((r) => { const p = nlu.parse(r.text); return { r, entities: p.entities, ranking: p.ranking }; });
    for (const t of grid) {
      for (const ts of grid) {
        const pred = parsed.map(({ r, entities, ranking }) => nlu.decide(r.text, entities, ranking, { order: t, smallTalk: ts }).name);
        const rates = decisionRates(rows, pred);
        const acc = rates.accuracy;
        const fa = rates.oosFalseAccept ?? 0;
        if (fa <= 0.03 && (!best || acc > best.acc)) best = { a, t, ts, acc, fa };
      }
    }
  }
  console.log(best
    ? `calibrated on ${file}: alpha ${best.a}, threshold ${best.t}, small-talk threshold ${best.ts} → accuracy ${pct(best.acc)}, OOS FA ${pct(best.fa)}`
    : 'no setting keeps OOS false accepts ≤ 3%');
}
