/**
 * The tuning half of `npm run nlu:eval`: reading labelled files, the rates every figure is built on,
 * K-fold cross-validation over the training phrases, and the calibration of alpha and the five
 * bars (`--calibrate`: cross-validated accuracy, bounded on evaluation files' calibration folds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CALIBRATION_FILE, loadCalibration } from '../bot/nlu/calibration.js';
import { detectLanguage, type Language, type Segmenter } from '../bot/nlu/features.js';
import { candidate, chooseIntent, type BarKind, type Bars, type MessageContext } from '../bot/nlu/decision.js';
import { NaturalNlu } from '../bot/nlu/natural.nlu.js';
import type { RankedIntent } from '../bot/nlu/types.js';
import { loadTrainingData, type Example } from '../bot/nlu/training-data.js';
import { ORDER_RELATED_INTENTS, SMALL_TALK_INTENTS } from '../bot/nlu/types.js';

/**
 * A labelled line. `onTopic`: the line is said inside a conversation about the customer's order
 * (a third column `context` with the value `order`), where the bot reads it as NluResult.onTopic.
 */
export interface Row {
  intent: string;
  text: string;
  onTopic?: boolean;
}

export function readTsv(file: string): Row[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  if (header[0] !== 'intent' || header[1] !== 'text') throw new Error(`${file}: the header must be intent<TAB>text`);
  const withContext = header[2] === 'context';
  return lines.map((line, i) => {
    const [intent, text, third] = line.split('\t');
    if (!intent || text === undefined) throw new Error(`${file}:${i + 2}: expected intent<TAB>text`);
    if (withContext && third !== 'order' && third !== '-')
      throw new Error(`${file}:${i + 2}: the context is 'order' or '-'`);
    return withContext && third === 'order' ? { intent, text, onTopic: true } : { intent, text };
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
    oosAsSmallTalk: share(oos.filter(([, p]) => BOUNDED_SMALL_TALK.has(p)).length, oos.length),
    smallTalkRecall: share(st.filter(([r, p]) => r.intent === p).length, st.length),
  };
}

/**
 * The small talk an out-of-scope line may rarely be taken for (a greeting, a thank-you, a yes or a
 * no said back to "what's the weather"). Not "are you a bot": said to "who made you" or "what is the
 * meaning of life", its reply (I am the order bot; say 转人工 for a person) is true and harmless.
 */
const BOUNDED_SMALL_TALK: ReadonlySet<string> = new Set([...SMALL_TALK_INTENTS].filter((i) => i !== 'ask_bot'));

/** The calibration fold: every 5th data line (0-based index mod 5 = 0); the rest is for reporting. */
export const isCalibrationLine = (i: number) => i % 5 === 0;

/** The five bars as the engine's constants name them, for a report's header. */
const barsText = (b: Bars) =>
  `threshold ${b.order}, small-talk threshold ${b.smallTalk}, open threshold ${b.open}, bare threshold ${b.bare}, sure threshold ${b.sure}, topic threshold ${b.topic}`;

export interface Replay {
  lang: Language;
  gold: string;
  ctx: MessageContext;
  ranking: RankedIntent[];
}

/**
 * K-fold cross-validation over the training phrases: fold k of a language is its examples with
 * index mod K = k; an engine is trained on the other folds and asked for the held fold. What it
 * answered is kept so decisions can be replayed at any thresholds (chooseIntent).
 */
function crossValidationReplays(
  training: Record<Language, Example[]>,
  k: number,
  segmenter: Segmenter | undefined,
  alpha: number,
): Replay[] {
  const out: Replay[] = [];
  for (let fold = 0; fold < k; fold++) {
    const nlu = new NaturalNlu({
      segmenter,
      alpha,
      lowestBar: GRID[0],
      training: {
        zh: training.zh.filter((_, i) => i % k !== fold),
        en: training.en.filter((_, i) => i % k !== fold),
      },
    });
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
    t.n++;
    if (ok) t.ok++;
    if (r.ranking[0]?.name === r.gold) t.top++;
    const b = byIntent.get(r.gold) ?? { n: 0, ok: 0 };
    b.n++;
    if (ok) b.ok++;
    byIntent.set(r.gold, b);
    if (!ok) confusions.set(`${r.gold} → ${p}`, (confusions.get(`${r.gold} → ${p}`) ?? 0) + 1);
  }
  const share = (x: number, n: number) => pct(x / Math.max(n, 1));
  const n = total.zh.n + total.en.n;
  console.log(`${k}-fold cross-validation over the training phrases (alpha ${opts.alpha}, ${barsText(opts)})`);
  console.log(
    `accuracy zh ${share(total.zh.ok, total.zh.n)} of ${total.zh.n}   en ${share(total.en.ok, total.en.n)} of ${total.en.n}   all ${share(total.zh.ok + total.en.ok, n)}`,
  );
  console.log(
    `best-ranked intent before the out-of-scope decision: zh ${share(total.zh.top, total.zh.n)}   en ${share(total.en.top, total.en.n)}   all ${share(total.zh.top + total.en.top, n)}`,
  );
  for (const [intent, t] of [...byIntent].sort()) console.log(`  ${intent.padEnd(22)} ${share(t.ok, t.n)} of ${t.n}`);
  console.log('top confusions');
  for (const [c, count] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${c}  ${count}`);
}

/** The grid every threshold is searched on: 0.05, 0.07, …, 0.59. */
const GRID = Array.from({ length: 28 }, (_, i) => Number((0.05 + i * 0.02).toFixed(2)));

type Setting = Omit<Bars, 'topic'> & { alpha: number; cv: number; worstFa: number; worstSt: number; stRecall: number };
export interface Held {
  rows: Row[];
  replays: Replay[];
}

function ratesAt(held: readonly Held[], bars: Omit<Bars, 'topic'>) {
  // No decision here is read inside a conversation: the topic bar plays no part.
  const rates = held.map(({ rows, replays }) =>
    decisionRates(
      rows,
      replays.map((r) => chooseIntent(r.ctx, r.ranking, { ...bars, topic: 1 }).name),
    ),
  );
  const fa = rates.map((x) => x.oosFalseAccept ?? 0);
  return {
    fa,
    worstFa: Math.max(...fa),
    worstSt: Math.max(...rates.map((x) => x.oosAsSmallTalk ?? 0)),
    stRecall: rates.find((x) => x.smallTalkRecall !== null)?.smallTalkRecall ?? 0,
  };
}

/** Alternate lines of a held set: `parity` 0 or 1. */
const half = (h: Held, parity: number): Held => ({
  rows: h.rows.filter((_, i) => i % 2 === parity),
  replays: h.replays.filter((_, i) => i % 2 === parity),
});

/**
 * The bound on out-of-scope false accepts in each half of a calibration fold, a margin under the 3%
 * target. `--check-calibration` (settings chosen on one half, read on the other) measured how much
 * margin the four-bar search needs: chosen under 2% they read up to 4.7% on the other half, under
 * 1.5% up to 4.1%, under 1% at most 1.8%.
 */
export const DEFAULT_MAX_FA = 0.01;

/** The bare bar (a posterior) is searched on 0.5, 0.55, …, 0.95, 0.96, …, 0.99, 0.995, 0.998, 0.999, or left off (Infinity). */
const BARE_GRID = [
  0.5,
  0.55,
  0.6,
  0.65,
  0.7,
  0.75,
  0.8,
  0.85,
  0.9,
  0.95,
  0.96,
  0.97,
  0.98,
  0.99,
  0.995,
  0.998,
  0.999,
  Infinity,
];

/** The sure bar (a posterior) is searched on 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, or left off (Infinity). */
const SURE_GRID = [0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, Infinity];

/**
 * How many of a set of decisions clear their bar, for every threshold of the grid at once: with the
 * bare bar fixed, each message's candidate and the kind of bar it faces are fixed too (see
 * `candidate`), so the count at any (order, small talk, open) is `fixed` plus one lookup per bar,
 * plus the candidates that fail their order or open bar while their small-talk fallback clears its
 * own (`fallback`, by both bars' grid positions).
 */
interface Tally {
  fixed: number;
  clear: Record<BarKind, Int32Array>;
  fallback: { order: Int32Array; open: Int32Array };
}

interface Decision {
  bar: BarKind | null;
  confidence: number;
  counts: boolean;
  fallback?: { confidence: number; counts: boolean };
}

const G = GRID.length;

function tally(decisions: Iterable<Decision>): Tally {
  // The topic bar never faces these decisions (they are read out of any conversation): its counts stay 0.
  const t: Tally = {
    fixed: 0,
    clear: {
      order: new Int32Array(G),
      smallTalk: new Int32Array(G),
      open: new Int32Array(G),
      topic: new Int32Array(G),
    },
    fallback: { order: new Int32Array(G * G), open: new Int32Array(G * G) },
  };
  for (const d of decisions) {
    // No bar: data alone.
    if (d.bar === null) {
      if (d.counts) t.fixed++;
      continue;
    }
    if (d.counts) {
      const counts = t.clear[d.bar];
      for (let g = 0; g < G && GRID[g]! <= d.confidence; g++) counts[g]!++;
    }
    const fb = d.fallback;
    if (fb?.counts && (d.bar === 'order' || d.bar === 'open')) {
      const cells = t.fallback[d.bar];
      // The candidate fails at every grid bar above its confidence; the fallback clears every small-talk bar up to its own.
      for (let b = 0; b < G; b++)
        if (GRID[b]! > d.confidence) for (let s = 0; s < G && GRID[s]! <= fb.confidence; s++) cells[b * G + s]!++;
    }
  }
  return t;
}

const cleared = (t: Tally, o: number, s: number, p: number) =>
  t.fixed +
  t.clear.order[o]! +
  t.clear.smallTalk[s]! +
  t.clear.open[p]! +
  t.fallback.order[o * G + s]! +
  t.fallback.open[p * G + s]!;

/** Every decision of `replays`, its candidate and fallback counted when they pass `keep`. */
function* candidates(
  replays: readonly Replay[],
  bare: number,
  sure: number,
  keep: (gold: string, name: string) => boolean,
): Generator<Decision> {
  for (const r of replays) {
    const c = candidate(r.ctx, r.ranking, bare, sure);
    if (!c) continue;
    const fallback = c.fallback
      ? { confidence: c.fallback.confidence, counts: keep(r.gold, c.fallback.name) }
      : undefined;
    yield { bar: c.bar, confidence: c.intent.confidence, counts: keep(r.gold, c.intent.name), fallback };
  }
}

/**
 * The grid search for one alpha: the setting with the best cross-validated accuracy whose
 * out-of-scope false accepts stay ≤ `maxFa` (1%) and out-of-scope → small talk ≤ 5% on each half of every
 * held set (alternate lines), not just on the whole. A bound met on the whole set by a setting at
 * the edge of the grid can be luck among thousands of settings tried; asking both halves to meet it
 * keeps the thresholds away from settings whose false accepts swing between samples
 * (`--check-calibration` measures this).
 *
 * Every combination of the five bars is tried (about 3.2 million), counted through tallies rather than
 * replayed one by one. Ties go to the highest sure bar and then the highest bare bar (a message let
 * in by its posterior alone only when that gains something), then to the lowest order, small-talk
 * and open bars. The cross-validation replays are training phrases, so none is out_of_scope.
 */
export function searchThresholds(
  alpha: number,
  cv: readonly Replay[],
  held: readonly Held[],
  maxFa = DEFAULT_MAX_FA,
): Setting | undefined {
  const oosHalves = held
    .flatMap((h) => [half(h, 0), half(h, 1)])
    .map((h) => h.replays.filter((r) => r.gold === 'out_of_scope'));
  let best: { bars: Omit<Bars, 'topic'>; cv: number } | undefined;
  for (const sure of [...SURE_GRID].reverse())
    for (const bare of [...BARE_GRID].reverse()) {
      const right = tally(candidates(cv, bare, sure, (gold, name) => gold === name));
      const bounds = oosHalves.map((oos) => ({
        n: oos.length,
        fa: tally(candidates(oos, bare, sure, (_, name) => ORDER_RELATED_INTENTS.has(name))),
        st: tally(candidates(oos, bare, sure, (_, name) => BOUNDED_SMALL_TALK.has(name))),
      }));
      GRID.forEach((order, o) =>
        GRID.forEach((smallTalk, s) =>
          GRID.forEach((open, p) => {
            const cvAcc = cleared(right, o, s, p) / cv.length;
            if (best && cvAcc <= best.cv) return;
            const within = bounds.every(
              ({ n, fa, st }) => n === 0 || (cleared(fa, o, s, p) / n <= maxFa && cleared(st, o, s, p) / n <= 0.05),
            );
            if (within) best = { bars: { order, smallTalk, open, bare, sure }, cv: cvAcc };
          }),
        ),
      );
    }
  if (!best) return undefined;
  const at = ratesAt(held, best.bars);
  return { alpha, ...best.bars, cv: best.cv, worstFa: at.worstFa, worstSt: at.worstSt, stRecall: at.stRecall };
}

const summary = (s: Setting, k: number) =>
  `threshold ${s.order}, small-talk ${s.smallTalk}, open ${s.open}, bare ${s.bare}, sure ${s.sure} → ${k}-fold accuracy ${pct(s.cv)}; ` +
  `worst OOS FA ${pct(s.worstFa)}, worst OOS → small talk ${pct(s.worstSt)}, small-talk recall ${pct(s.stRecall)}`;

/**
 * Picks alpha and the five thresholds (order-related, small talk, complaint or human request
 * outside the domain, any other order-related intent outside it, and the posterior that takes a
 * domain message at its word) together, from two sources that are not the figures we report:
 *  - accuracy: K-fold cross-validation over our own training phrases (what the engine gets right
 *    on phrasings it was not trained on);
 *  - bounds: the calibration fold (every 5th line) of each FILE, where out-of-scope false accepts
 *    must stay ≤ 1% (a margin under the 3% target, see DEFAULT_MAX_FA) and out-of-scope lines taken for small talk
 *    ≤ 5%, on each half of the fold (see `searchThresholds`). ../shared/eval/README.md allows this one use
 *    of that fold.
 *
 * With `check`, it measures the procedure instead of running it: the calibration fold is split in
 * two halves (alternate calibration lines); the search runs on one half and the chosen setting's
 * false accepts are read per file on the other, both ways round. That shows how far the bound the
 * search met on its own lines is from what it gives on lines it did not see, without reading any
 * reporting line.
 */
export function calibrate(
  files: readonly string[],
  k: number,
  segmenter: Segmenter | undefined,
  opts: { alphas?: readonly number[]; check?: boolean; maxFa?: number; topicFile?: string; write?: boolean } = {},
): void {
  const alphas = opts.alphas ?? [0.3, 0.4, 0.5, 0.6, 0.7];
  const training = loadTrainingData();
  const calibration = files.map((file) => readTsv(file).filter((_, i) => isCalibrationLine(i)));
  let best: Setting | undefined;
  for (const alpha of alphas) {
    const cv = crossValidationReplays(training, k, segmenter, alpha);
    const nlu = new NaturalNlu({ segmenter, alpha, lowestBar: GRID[0], training });
    const held: Held[] = calibration.map((rows) => ({ rows, replays: rows.map((r) => replay(nlu, r.intent, r.text)) }));
    if (opts.check) {
      for (const parity of [0, 1]) {
        const chosen = searchThresholds(
          alpha,
          cv,
          held.map((h) => half(h, parity)),
          opts.maxFa,
        );
        if (!chosen) {
          console.log(`alpha ${alpha}, chosen on half ${parity}: no setting keeps within the bounds`);
          continue;
        }
        const own = ratesAt(
          held.map((h) => half(h, parity)),
          chosen,
        );
        const other = ratesAt(
          held.map((h) => half(h, 1 - parity)),
          chosen,
        );
        const perFile = (fa: number[]) => fa.map((x) => pct(x).trim()).join(' / ');
        console.log(
          `alpha ${alpha}, chosen on half ${parity}: ${chosen.order}/${chosen.smallTalk}/${chosen.open}/${chosen.bare}/${chosen.sure}; ` +
            `OOS FA per file on that half ${perFile(own.fa)}, on the other half ${perFile(other.fa)}`,
        );
      }
      continue;
    }
    const here = searchThresholds(alpha, cv, held, opts.maxFa);
    console.log(here ? `alpha ${alpha}: ${summary(here, k)}` : `alpha ${alpha}: no thresholds keep within the bounds`);
    if (here && (!best || here.cv > best.cv)) best = here;
  }
  if (opts.check) return;
  if (!best) {
    console.log('no setting keeps within the bounds');
    return;
  }
  const topic = opts.topicFile ? topicBar(best, opts.topicFile, training, segmenter) : loadCalibration().topic;
  console.log(`calibrated: alpha ${best.alpha}, ${barsText({ ...best, topic })}`);
  if (opts.write) {
    const { alpha, order, smallTalk, open, bare, sure, cv, worstFa, worstSt, stRecall } = best;
    const file = {
      ...(JSON.parse(fs.readFileSync(CALIBRATION_FILE, 'utf8')) as object),
      alpha,
      order,
      smallTalk,
      open,
      bare: Number.isFinite(bare) ? bare : null,
      sure: Number.isFinite(sure) ? sure : null,
      topic,
      calibrated: {
        on: new Date().toISOString().slice(0, 10),
        files: files.map((f) => path.basename(f)),
        topicFile: opts.topicFile ? path.basename(opts.topicFile) : null,
        cvAccuracy: cv,
        worstOosFalseAccept: worstFa,
        worstOosAsSmallTalk: worstSt,
        smallTalkRecall: stRecall,
        folds: k,
      },
    };
    fs.writeFileSync(CALIBRATION_FILE, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`written to ${path.relative(process.cwd(), CALIBRATION_FILE)}`);
  }
}

/**
 * The topic bar: the confidence an order-related intent without a domain word needs when it is said
 * inside a conversation about an order. Chosen on the lines of `file` marked so (context `order`):
 * the grid value with the best accuracy there, the highest of equals.
 */
function topicBar(
  best: Setting,
  file: string,
  training: Record<Language, Example[]>,
  segmenter: Segmenter | undefined,
): number {
  const rows = readTsv(file).filter((r) => r.onTopic);
  const nlu = new NaturalNlu({ segmenter, alpha: best.alpha, lowestBar: GRID[0], training });
  // Read as the engine reads NluResult.onTopic (a domain word, another company or data alone decide as out of a conversation).
  const replays = rows.map((r) => {
    const x = replay(nlu, r.intent, r.text);
    return { ...x, ctx: { ...x.ctx, onTopic: true } };
  });
  let top = { topic: GRID[0]!, right: -1 };
  for (const topic of GRID) {
    const right = replays.filter((r) => chooseIntent(r.ctx, r.ranking, { ...best, topic }).name === r.gold).length;
    if (right >= top.right) top = { topic, right };
  }
  console.log(
    `topic bar ${top.topic}: ${top.right} of ${rows.length} lines said inside a conversation right (${path.basename(file)})`,
  );
  return top.topic;
}

/** What the engine made of one labelled line, kept for replaying decisions (lang: the model that parsed it). */
function replay(nlu: NaturalNlu, gold: string, text: string): Replay {
  const { ranking, ctx } = nlu.analyse(text);
  return { lang: detectLanguage(text), gold, ctx, ranking };
}
