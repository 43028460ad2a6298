/**
 * Turns a message into the features the intent model sees. Entities become placeholders (#order,
 * #tail, #place, …) so "尾号5678" and "尾号1234" look alike and numbers never become vocabulary.
 * Chinese is segmented either into characters (unigrams + bigrams) or into jieba words; English is
 * lower-cased and Porter-stemmed, function words kept: "how are you" and "how do I" differ only in
 * them (dropping natural's stop words left both as "how"; keeping them, 5-fold cross-validation
 * in English went from 78.3% to 80.7%). Features are unigrams and bigrams of those units.
 */
import { HAN, HAN_RANGE, jiebaCutter } from './chinese.js';
import type { Entity } from './entities.js';
import { asciiLower, toHalfWidth } from './gazetteer.js';
import { PorterStemmer } from './natural-lib.js';

export type Language = 'zh' | 'en';
/** How Chinese runs are cut: characters, jieba words, or both. */
export type Segmenter = 'chars' | 'jieba' | 'jieba+chars';

const PLACEHOLDER: Record<string, string> = {
  order_no: '#order',
  phone: '#phone',
  id_number: '#id',
  phone_tail: '#tail',
  province: '#place',
  city: '#place',
  age: '#age',
  operator: '#op',
  plan: '#plan',
};

const RUN_RE = new RegExp(`[${HAN_RANGE}]+|[a-z]+(?:'[a-z]+)?|\\d+(?:\\.\\d+)?|#[a-z]+`, 'g');

/** Chinese if the text has any Han character (mixed "hello客服" is Chinese). */
export const detectLanguage = (text: string): Language => (HAN.test(text) ? 'zh' : 'en');

const stemCache = new Map<string, string>();
function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length > 2 ? PorterStemmer.stem(word.replace(/'/g, '')) : word;
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** The text with entity spans replaced by placeholders (outermost entity wins on overlap). */
function withPlaceholders(text: string, entities: readonly Entity[]): string {
  const spans = [...entities].filter((e) => PLACEHOLDER[e.entity]).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const e of spans) {
    if (e.start < at) continue;
    out += `${text.slice(at, e.start)} ${PLACEHOLDER[e.entity]} `;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Units in reading order; `null` marks a break (punctuation) that bigrams do not cross.
 * In 'chars' mode each Han character is a unit; in 'jieba' modes each jieba word.
 */
function units(text: string, segmenter: Segmenter, correct: (word: string) => string): Array<string | null> {
  const out: Array<string | null> = [];
  let last = 0;
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(text); m; m = RUN_RE.exec(text)) {
    if (/[^\s]/.test(text.slice(last, m.index))) out.push(null);
    last = m.index + m[0].length;
    const run = m[0];
    if (HAN.test(run[0]!)) {
      if (segmenter === 'chars') for (const ch of run) out.push(ch);
      else for (const w of jiebaCutter().cut(run, true)) out.push(w);
    } else if (/^\d/.test(run)) {
      out.push('#num');
    } else if (run.startsWith('#')) {
      out.push(run);
    } else if (/n't$/.test(run)) {
      // "can't", "isn't", "don't": the negation is what matters for yes/no answers.
      const head = run.slice(0, -3);
      if (head) out.push(stem(head));
      out.push('not');
    } else {
      out.push(stem(correct(run)));
    }
  }
  return out;
}

const asIs = (word: string) => word;

/** The English words of a text as `featurize` sees them (lower-cased, before stemming). */
export function latinWords(text: string): string[] {
  return asciiLower(toHalfWidth(text)).match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
}

/**
 * The units of a message in reading order, `null` at a break: its features are each unit and each
 * pair of neighbours (see featurize). For a caller that looks features up by their units instead of
 * by strings made of them (IntentModel.scoreUnits); not for 'jieba+chars', whose features are more.
 */
export function featureUnits(
  text: string,
  entities: readonly Entity[],
  segmenter: Segmenter,
  correct: (word: string) => string = asIs,
): Array<string | null> {
  return units(withPlaceholders(asciiLower(toHalfWidth(text)), entities), segmenter, correct);
}

/** Joins two neighbouring units into their pair's feature. */
const pairFeature = (first: string, second: string) => `${first}|${second}`;

/**
 * The feature list of a message (deduplicated), in the order IntentModel.scoreUnits meets them:
 * each unit, then its pair with the next. `correct` may replace an English word before it is
 * stemmed (typo tolerance, see spelling.ts).
 */
export function featurize(
  text: string,
  entities: readonly Entity[],
  segmenter: Segmenter,
  correct: (word: string) => string = asIs,
): string[] {
  const feats = unitFeatures(featureUnits(text, entities, segmenter, correct));
  if (segmenter !== 'jieba+chars') return feats;
  // Prefixed, the character features never equal a word's: nothing to deduplicate between the two.
  return [...feats, ...featurize(text, entities, 'chars', correct).map((f) => `c:${f}`)];
}

/** The features of a sequence of units (see featureUnits), each once, in featurize's order. */
export function unitFeatures(seq: ReadonlyArray<string | null>): string[] {
  const feats = new Set<string>();
  for (let i = 0; i < seq.length; i++) {
    const u = seq[i];
    if (u === null || u === undefined) continue;
    feats.add(u);
    const next = seq[i + 1];
    if (next) feats.add(pairFeature(u, next));
  }
  return [...feats];
}
