/**
 * The tuning half of `npm run nlu:eval`: reading labelled files, the rates every figure is built on,
 * K-fold cross-validation over the training phrases, and the calibration of alpha and both
 * thresholds (`--calibrate`: cross-validated accuracy, bounded on evaluation files' calibration folds).
 */
import fs from 'node:fs';
import { detectLanguage, type Language, type Segmenter } from '../bot/nlu/features.js';
import { chooseIntent, NaturalNlu, type Bars, type MessageContext } from '../bot/nlu/natural.nlu.js';
import type { ScoredIntent } from '../bot/nlu/types.js';
import { loadTrainingData, type Example } from '../bot/nlu/training-data.js';
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

interface Replay { lang: Language; gold: string; ctx: MessageContext; ranking: ScoredIntent[] }

/**
 * K-fold cross-validation over the training phrases: fold k of a language is its examples with
 * index mod K = k; an engine is trained on the other folds and asked for the held fold. What it
 * answered is kept so decisions can be replayed at any thresholds (chooseIntent).
 */
function crossValidationReplays(training: Record<Language, Example[]>, k: number, segmenter: Segmenter | undefined,
  alpha: number): Replay[] {
  const out: Replay[] = [];
  for (let fold = 0; fold < k; fold++) {
    const nlu = new NaturalNlu({ segmenter, alpha, training: {
      zh: training.zh.filter((_, i) => i % k !== fold), en: training.en.filter((_, i) => i % k !== fold) } });
    for (const lang of ['zh', 'en'] as const) {
      training[lang].forEach((ex, i) => {
        if (i % k === fold) out.push(replay(nlu, ex.intent, ex.text));
      });
    }
  }
  return out;
}

/** Prints K-fold cross-validated accuracy at the given calibration (in-scope only: out_of_scope is never trained). */
export function crossValidate(k: number, segmenter: Segmenter | undefined, opts: { alpha: number } & Bars): void {
  const replays = crossValidationReplays(loadTrainingData(), k, segmenter, opts.alpha);
  const byIntent = new Map<string, { n: number; ok: number }>();
  const confusions = new Map<string, number>();
  const total = { zh: { n: 0, ok: 0, top: 0 }, en: { n: 0, ok: 0, top: 0 } };
  for (const r of replays) {
    const p = chooseIntent(r.ctx, r.ranking, opts).name;
    const ok = p === r.gold;
    const t = total[r.lang];
    t.n++; if (ok) t.ok++; if (r.ranking[0]?.name === r.gold) t.top++;
    const b = byIntent.get(r.gold) ?? { n: 0, ok: 0 }; b.n++; if (ok) b.ok++; byIntent.set(r.gold, b);
    if (!ok) confusions.set(`${r.gold} → ${p}`, (confusions.get(`${r.gold} → ${p}`) ?? 0) + 1);
  }
  const share = (x: number, n: number) => pct(x / Math.max(n, 1));
  const n = total.zh.n + total.en.n;
  console.log(`${k}-fold cross-validation over the training phrases (alpha ${opts.alpha}, threshold ${opts.order}, small-talk threshold ${opts.smallTalk}, open threshold ${opts.open})`);
  console.log(`accuracy zh ${share(total.zh.ok, total.zh.n)} of ${total.zh.n}   en ${share(total.en.ok, total.en.n)} of ${total.en.n}   all ${share(total.zh.ok + total.en.ok, n)}`);
  console.log(`best-ranked intent before the out-of-scope decision: zh ${share(total.zh.top, total.zh.n)}   en ${share(total.en.top, total.en.n)}   all ${share(total.zh.top + total.en.top, n)}`);
  for (const [intent, t] of [...byIntent].sort()) console.log(`  ${intent.padEnd(22)} ${share(t.ok, t.n)} of ${t.n}`);
  console.log('top confusions');
  for (const [c, count] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${c}  ${count}`);
}

/**
 * Picks alpha and the three thresholds (order-related, small talk, complaint or human request
 * outside the domain) together, from two sources that are not the figures we report:
 *  - accuracy: K-fold cross-validation over our own training phrases (what the engine gets right
 *    on phrasings it was not trained on);
 *  - bounds: the calibration fold (every 5th line) of each FILE, where out-of-scope false accepts
 *    must stay ≤ 2% (a margin under the 3% target for the reporting fold's noise) and out-of-scope
 *    lines taken for small talk ≤ 5%. ../shared/eval/README.md allows this one use of that fold.
 * The most accurate setting within the bounds wins; on a tie, the lowest thresholds (found first,
 * the grids go up), as they let more of the customers' own phrasings through.
 */
export function calibrate(files: readonly string[], k: number, segmenter: Segmenter | undefined,
  alphas: readonly number[] = [0.3, 0.4, 0.5, 0.6, 0.7]): void {
  const training = loadTrainingData();
  const calibration = files.map((file) => readTsv(file).filter((_, i) => isCalibrationLine(i)));
  const grid = Array.from({ length: 28 }, (_, i) => Number((0.05 + i * 0.02).toFixed(2)));
  type Best = Bars & { alpha: number; cv: number; worstFa: number; worstSt: number; stRecall: number };
  let best: Best | undefined;
  for (const alpha of alphas) {
    const cv = crossValidationReplays(training, k, segmenter, alpha);
    const nlu = new NaturalNlu({ segmenter, alpha, training });
    const held = calibration.map((rows) => ({ rows, replays: rows.map((r) => replay(nlu, r.intent, r.text)) }));
    let bestHere: Best | undefined;
    for (const order of grid) {
      for (const smallTalk of grid) {
        for (const open of grid) {
          const bars = { order, smallTalk, open };
          const cvAcc = cv.filter((r) => chooseIntent(r.ctx, r.ranking, bars).name === r.gold).length / cv.length;
          if (bestHere && cvAcc <= bestHere.cv) continue;
          const rates = held.map(({ rows, replays }) => decisionRates(rows, replays.map((r) => chooseIntent(r.ctx, r.ranking, bars).name)));
          const worstFa = Math.max(...rates.map((x) => x.oosFalseAccept ?? 0));
          const worstSt = Math.max(...rates.map((x) => x.oosAsSmallTalk ?? 0));
          if (worstFa > 0.02 || worstSt > 0.05) continue;
          const stRecall = rates.find((x) => x.smallTalkRecall !== null)?.smallTalkRecall ?? 0;
          bestHere = { alpha, order, smallTalk, open, cv: cvAcc, worstFa, worstSt, stRecall };
        }
      }
    }
    console.log(bestHere
      ? `alpha ${alpha}: threshold ${bestHere.order}, small-talk ${bestHere.smallTalk}, open ${bestHere.open} → ${k}-fold accuracy ${pct(bestHere.cv)}; calibration folds: worst OOS FA ${pct(bestHere.worstFa)}, worst OOS → small talk ${pct(bestHere.worstSt)}, small-talk recall ${pct(bestHere.stRecall)}`
      : `alpha ${alpha}: no thresholds keep within the bounds`);
    if (bestHere && (!best || bestHere.cv > best.cv)) best = bestHere;
  }
  console.log(best
    ? `calibrated: alpha ${best.alpha}, threshold ${best.order}, small-talk threshold ${best.smallTalk}, open threshold ${best.open}`
    : 'no setting keeps within the bounds');
}

/** What the engine made of one labelled line, kept for replaying decisions (lang: the model that parsed it). */
function replay(nlu: NaturalNlu, gold: string, text: string): Replay {
  const { entities, ranking } = nlu.parse(text);
  return { lang: detectLanguage(text), gold, ctx: nlu.context(text, entities), ranking };
}
