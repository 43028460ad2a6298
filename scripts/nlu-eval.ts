/**
 * Evaluates the bot's NLU on labelled files (`intent<TAB>text[<TAB>source]`, with a header line).
 *
 *   npm run nlu:eval -- FILE.tsv [FILE.tsv…] [options]
 *
 * Prints, per file: accuracy, macro-F1, a per-intent table, the most frequent confusions, the
 * out-of-scope false-accept rate (share of `out_of_scope` lines mapped to an order-related intent)
 * and small-talk recall; then parse and training times.
 *
 * Options:
 *   --segmenter chars|jieba|jieba+chars   Chinese segmentation (default: the engine's)
 *   --threshold X  --alpha X              override the engine's calibration
 *   --calibrate FILE                      grid-search threshold and alpha on FILE (our own dev set only)
 *   --cv K                                K-fold cross-validation over the training phrases (fold = index mod K
 *                                         within each language file); reports in-scope accuracy per language
 *   --calibration-fold                    every 5th data line of each file (0-based line index mod 5 = 0) is a
 *                                         calibration fold: figures are reported on the other lines only
 *   --calibrate-small-talk FILE           pick the small-talk threshold on the calibration fold of FILE only
 *                                         (an eval set may be used this way, see ../shared/eval/README.md)
 *   --compare-nlpjs                       train nlp.js (node-nlp) on the same data and report it alongside
 *   --max-oos-fa X --min-smalltalk-recall X --min-accuracy X
 *                                         failing checks: exit 1 when a file misses one
 *   --json FILE                           also write the figures as JSON
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NaturalNlu, DEFAULT_ALPHA, DEFAULT_SMALL_TALK_THRESHOLD, DEFAULT_THRESHOLD } from '../bot/nlu/natural.nlu.js';
import type { Segmenter } from '../bot/nlu/features.js';
import { loadTrainingData, type Example } from '../bot/nlu/training-data.js';
import { INTENTS, ORDER_RELATED_INTENTS, SMALL_TALK_INTENTS } from '../bot/nlu/types.js';

/** Intents that would send an out-of-scope message down an order path (a false accept). */
const ORDER_RELATED = ORDER_RELATED_INTENTS;
const SMALL_TALK = [...SMALL_TALK_INTENTS];

interface Row { intent: string; text: string }
interface Classifier { name: string; classify(text: string): Promise<string> | string }

function readTsv(file: string): Row[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  if (header[0] !== 'intent' || header[1] !== 'text') throw new Error(`${file}: the header must be intent<TAB>text`);
  return lines.map((line, i) => {
    const [intent, text] = line.split('\t');
    if (!intent || text === undefined) throw new Error(`${file}:${i + 2}: expected intent<TAB>text`);
    return { intent, text };
  });
}

export interface Figures {
  file: string;
  classifier: string;
  n: number;
  accuracy: number;
  macroF1: number;
  oosLines: number;
  oosFalseAccept: number | null;
  smallTalkRecall: number | null;
  perIntent: Record<string, { support: number; precision: number; recall: number; f1: number }>;
  confusions: Array<{ gold: string; predicted: string; count: number; example: string }>;
  meanParseMs: number;
}

async function evaluate(file: string, rows: Row[], clf: Classifier): Promise<Figures> {
  const predicted: string[] = [];
  // Warm-up over the whole file, so JIT compilation is not timed; then whole passes until at least
  // 1,000 parses, so a small file is timed as steadily as a big one. Both engines get the same.
  for (const r of rows) predicted.push(await clf.classify(r.text));
  let parses = 0;
  const t0 = performance.now();
  do {
    for (const r of rows) await clf.classify(r.text);
    parses += rows.length;
  } while (parses < 1000 && rows.length > 0);
  const meanParseMs = (performance.now() - t0) / Math.max(parses, 1);

  const labels = [...new Set([...rows.map((r) => r.intent), ...predicted])].sort();
  const perIntent: Figures['perIntent'] = {};
  for (const l of labels) {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((r, i) => {
      if (predicted[i] === l && r.intent === l) tp++;
      else if (predicted[i] === l) fp++;
      else if (r.intent === l) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perIntent[l] = { support: tp + fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  }
  const gold = labels.filter((l) => perIntent[l]!.support > 0);
  const macroF1 = gold.reduce((s, l) => s + perIntent[l]!.f1, 0) / Math.max(gold.length, 1);
  const correct = rows.filter((r, i) => predicted[i] === r.intent).length;

  const conf = new Map<string, { count: number; example: string }>();
  rows.forEach((r, i) => {
    if (predicted[i] === r.intent) return;
    const k = `${r.intent}\t${predicted[i]}`;
    const c = conf.get(k) ?? { count: 0, example: r.text };
    c.count++;
    conf.set(k, c);
  });
  const confusions = [...conf].map(([k, v]) => ({ gold: k.split('\t')[0]!, predicted: k.split('\t')[1]!, ...v }))
    .sort((a, b) => b.count - a.count);

  const oos = rows.map((r, i) => [r, predicted[i]!] as const).filter(([r]) => r.intent === 'out_of_scope');
  const st = rows.map((r, i) => [r, predicted[i]!] as const).filter(([r]) => SMALL_TALK.includes(r.intent));
  return {
    file, classifier: clf.name, n: rows.length, accuracy: correct / Math.max(rows.length, 1), macroF1,
    oosLines: oos.length,
    oosFalseAccept: oos.length ? oos.filter(([, p]) => ORDER_RELATED.has(p)).length / oos.length : null,
    smallTalkRecall: st.length ? st.filter(([r, p]) => r.intent === p).length / st.length : null,
    perIntent, confusions, meanParseMs,
  };
}

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

function print(f: Figures): void {
  console.log(`\n== ${path.relative(process.cwd(), f.file)} · ${f.classifier} · ${f.n} lines`);
  console.log(`accuracy ${pct(f.accuracy)}   macro-F1 ${pct(f.macroF1)}   out-of-scope false accepts ${pct(f.oosFalseAccept)} of ${f.oosLines}   small-talk recall ${pct(f.smallTalkRecall)}   mean parse ${f.meanParseMs.toFixed(3)} ms`);
  console.log('intent                  support  precision  recall     F1');
  for (const [l, m] of Object.entries(f.perIntent)) {
    console.log(`${l.padEnd(22)} ${String(m.support).padStart(8)}  ${pct(m.precision)}   ${pct(m.recall)}  ${pct(m.f1)}`);
  }
  if (f.confusions.length) {
    console.log('top confusions (gold → predicted  count  example)');
    for (const c of f.confusions.slice(0, 10)) console.log(`  ${c.gold} → ${c.predicted}  ${c.count}  ${JSON.stringify(c.example)}`);
  }
}

async function nlpjsClassifier(training: Record<'zh' | 'en', Example[]>): Promise<{ clf: Classifier; trainMs: number }> {
  // nlp.js is a dev dependency of this evaluation only.
  const { NlpManager } = (await import('node-nlp' as string)) as {
    NlpManager: new (o: object) => {
      addDocument(lang: string, text: string, intent: string): void;
      train(): Promise<void>;
      process(lang: string, text: string): Promise<{ intent: string; score: number }>;
    };
  };
  const manager = new NlpManager({ languages: ['zh', 'en'], forceNER: false, autoSave: false, nlu: { log: false } });
  for (const ex of training.zh) manager.addDocument('zh', ex.text, ex.intent);
  for (const ex of training.en) manager.addDocument('en', ex.text, ex.intent);
  const t0 = performance.now();
  await manager.train();
  const trainMs = performance.now() - t0;
  return {
    trainMs,
    clf: {
      name: 'nlp.js (node-nlp)',
      async classify(text) {
        const r = await manager.process(/\p{Script=Han}/u.test(text) ? 'zh' : 'en', text);
        return !r.intent || r.intent === 'None' ? 'out_of_scope' : r.intent;
      },
    },
  };
}

/** The calibration fold: every 5th data line (0-based index mod 5 = 0); the rest is for reporting. */
const isCalibrationLine = (i: number) => i % 5 === 0;

/**
 * K-fold cross-validation over the training phrases: fold k of a language is its examples with
 * index mod K = k; the engine (default calibration) is trained on the other folds and asked for
 * the held fold. Measures in-scope accuracy only (out_of_scope is never trained).
 */
async function crossValidate(k: number, segmenter: Segmenter | undefined, opts: { alpha: number; threshold: number; smallTalk: number }): Promise<void> {
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
async function calibrateSmallTalk(file: string, segmenter: Segmenter | undefined, opts: { alpha: number; threshold: number }): Promise<void> {
  const rows = readTsv(file).filter((_, i) => isCalibrationLine(i));
  const nlu = new NaturalNlu({ segmenter, alpha: opts.alpha, threshold: opts.threshold });
  const parsed = rows.map((r) => { const p = nlu.parse(r.text); return { r, entities: p.entities, ranking: p.ranking }; });
  let best: { ts: number; recall: number; fa: number; stFa: number } | undefined;
  for (let i = 0; i <= 50; i++) {
    const ts = Number((0.1 + i * 0.01).toFixed(2));
    const pred = parsed.map(({ r, entities, ranking }) => nlu.decide(r.text, entities, ranking, { order: opts.threshold, smallTalk: ts }).name);
    const st = rows.map((r, j) => [r, pred[j]!] as const).filter(([r]) => SMALL_TALK.includes(r.intent));
    const oos = rows.map((r, j) => [r, pred[j]!] as const).filter(([r]) => r.intent === 'out_of_scope');
    const recall = st.filter(([r, p]) => r.intent === p).length / Math.max(st.length, 1);
    const fa = oos.filter(([, p]) => ORDER_RELATED.has(p)).length / Math.max(oos.length, 1);
    const stFa = oos.filter(([, p]) => SMALL_TALK.includes(p)).length / Math.max(oos.length, 1);
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
async function calibrate(file: string, segmenter: Segmenter | undefined): Promise<void> {
  const rows = readTsv(file);
  let best: { a: number; t: number; ts: number; acc: number; fa: number } | undefined;
  const grid = Array.from({ length: 26 }, (_, i) => Number((0.1 + i * 0.02).toFixed(2)));
  for (const a of [0.3, 0.4, 0.5, 0.6, 0.7]) {
    const nlu = new NaturalNlu({ segmenter, alpha: a });
    const parsed = rows.map((r) => { const p = nlu.parse(r.text); return { r, entities: p.entities, ranking: p.ranking }; });
    for (const t of grid) {
      for (const ts of grid) {
        const pred = parsed.map(({ r, entities, ranking }) => nlu.decide(r.text, entities, ranking, { order: t, smallTalk: ts }).name);
        const acc = rows.filter((r, i) => pred[i] === r.intent).length / rows.length;
        const oos = rows.map((r, i) => [r, pred[i]!] as const).filter(([r]) => r.intent === 'out_of_scope');
        const fa = oos.filter(([, p]) => ORDER_RELATED.has(p)).length / Math.max(oos.length, 1);
        if (fa <= 0.03 && (!best || acc > best.acc)) best = { a, t, ts, acc, fa };
      }
    }
  }
  console.log(best
    ? `calibrated on ${file}: alpha ${best.a}, threshold ${best.t}, small-talk threshold ${best.ts} → accuracy ${pct(best.acc)}, OOS FA ${pct(best.fa)}`
    : 'no setting keeps OOS false accepts ≤ 3%');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      segmenter: { type: 'string' }, threshold: { type: 'string' }, 'small-talk-threshold': { type: 'string' }, alpha: { type: 'string' },
      calibrate: { type: 'string' }, 'compare-nlpjs': { type: 'boolean' }, json: { type: 'string' },
      cv: { type: 'string' }, 'calibration-fold': { type: 'boolean' }, 'calibrate-small-talk': { type: 'string' },
      'max-oos-fa': { type: 'string' }, 'min-smalltalk-recall': { type: 'string' }, 'min-accuracy': { type: 'string' },
    },
  });
  const segmenter = values.segmenter as Segmenter | undefined;
  if (segmenter && !['chars', 'jieba', 'jieba+chars'].includes(segmenter)) throw new Error(`unknown segmenter ${segmenter}`);
  if (values.calibrate) { await calibrate(values.calibrate, segmenter); return 0; }
  const alpha = values.alpha ? Number(values.alpha) : DEFAULT_ALPHA;
  const threshold = values.threshold ? Number(values.threshold) : DEFAULT_THRESHOLD;
  const smallTalk = values['small-talk-threshold'] ? Number(values['small-talk-threshold']) : DEFAULT_SMALL_TALK_THRESHOLD;
  if (values.cv) { await crossValidate(Number(values.cv), segmenter, { alpha, threshold, smallTalk }); return 0; }
  if (values['calibrate-small-talk']) { await calibrateSmallTalk(values['calibrate-small-talk'], segmenter, { alpha, threshold }); return 0; }
  if (!positionals.length) {
    console.error('usage: npm run nlu:eval -- FILE.tsv [FILE.tsv…] [--compare-nlpjs] [--segmenter chars|jieba|jieba+chars] [--max-oos-fa X] [--min-smalltalk-recall X] [--min-accuracy X]');
    return 2;
  }

  const training = loadTrainingData();
  const t0 = performance.now();
  const nlu = new NaturalNlu({
    segmenter,
    threshold,
    smallTalkThreshold: smallTalk,
    alpha,
    training,
  });
  const trainMs = performance.now() - t0;
  const ours: Classifier = { name: `ours (natural, ${nlu.segmenter})`, classify: (t) => nlu.parse(t).intent.name };
  const classifiers: Array<{ clf: Classifier; trainMs: number }> = [{ clf: ours, trainMs }];
  if (values['compare-nlpjs']) classifiers.push(await nlpjsClassifier(training));

  const unknown = (rows: Row[]) => rows.filter((r) => !(INTENTS as readonly string[]).includes(r.intent));
  const all: Figures[] = [];
  for (const file of positionals) {
    const allRows = readTsv(file);
    const rows = values['calibration-fold'] ? allRows.filter((_, i) => !isCalibrationLine(i)) : allRows;
    if (values['calibration-fold']) {
      console.log(`\n(${path.relative(process.cwd(), file)}: reporting fold only, ${rows.length} of ${allRows.length} lines; the calibration fold, line index mod 5 = 0, is left out)`);
    }
    if (unknown(rows).length) throw new Error(`${file}: unknown intents ${[...new Set(unknown(rows).map((r) => r.intent))].join(', ')}`);
    for (const { clf } of classifiers) {
      const f = await evaluate(values['calibration-fold'] ? `${file} [reporting fold]` : file, rows, clf);
      print(f);
      all.push(f);
    }
  }

  console.log('\n== summary');
  console.log('classifier                     file                       accuracy  macro-F1  OOS-FA   small-talk  parse ms');
  for (const f of all) {
    console.log(`${f.classifier.padEnd(30)} ${path.basename(f.file).padEnd(26)} ${pct(f.accuracy)}   ${pct(f.macroF1)}  ${pct(f.oosFalseAccept)}  ${pct(f.smallTalkRecall)}     ${f.meanParseMs.toFixed(3)}`);
  }
  for (const { clf, trainMs: ms } of classifiers) console.log(`training ${clf.name}: ${ms.toFixed(0)} ms`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ at: new Date().toISOString(), figures: all, training: classifiers.map((c) => ({ name: c.clf.name, ms: c.trainMs })) }, null, 2));

  const failures: string[] = [];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const maxFa = num(values['max-oos-fa']), minSt = num(values['min-smalltalk-recall']), minAcc = num(values['min-accuracy']);
  for (const f of all.filter((x) => x.classifier === ours.name)) {
    const name = path.basename(f.file);
    if (maxFa !== undefined && f.oosFalseAccept !== null && f.oosFalseAccept > maxFa) failures.push(`${name}: OOS false accepts ${pct(f.oosFalseAccept)} > ${pct(maxFa)}`);
    if (minSt !== undefined && f.smallTalkRecall !== null && f.smallTalkRecall < minSt) failures.push(`${name}: small-talk recall ${pct(f.smallTalkRecall)} < ${pct(minSt)}`);
    if (minAcc !== undefined && f.accuracy < minAcc) failures.push(`${name}: accuracy ${pct(f.accuracy)} < ${pct(minAcc)}`);
  }
  if (failures.length) {
    console.error(`\nFAILED checks:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  if (maxFa !== undefined || minSt !== undefined || minAcc !== undefined) console.log('\nall checks passed');
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 2; });
