/**
 * Answers to common questions (knowledge/faq.json) found by TF-IDF similarity: each phrasing of a
 * question is a document; a customer's question is compared with every phrasing by cosine
 * similarity of TF-IDF vectors (idf from natural's TfIdf over that language's phrasings), and an
 * entry scores its best phrasing. Chinese is cut into character unigrams and bigrams, English into
 * lower-case words without stop words, Porter-stemmed. Below FAQ_CONFIDENCE_BAR there is no answer,
 * so the bot says it is not sure and offers a human instead of guessing.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, loadJsonFile } from './knowledge/loader.js';
import type { Locale } from './locale.js';
import { toHalfWidth } from './nlu/gazetteer.js';
import { PorterStemmer, TfIdf, type NaturalTfIdf } from './nlu/natural-lib.js';

const require = createRequire(import.meta.url);
const EN_STOP: ReadonlySet<string> = new Set(
  (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words,
);

export const DEFAULT_FAQ_FILE = path.join(KNOWLEDGE_DIR, 'faq.json');

/**
 * Score needed to answer. Calibrated on the held-out list of test/knowledge/faq-checklist.ts
 * (33 in-scope, 22 out-of-scope questions): precision 0.94, recall 0.97 at 0.25. Out-of-scope
 * chit-chat scores at most 0.20; the weakest right answers about 0.26. Anything from 0.22 to 0.25
 * gives the same figures on that list.
 */
export const FAQ_CONFIDENCE_BAR = 0.25;

const LocalisedEntry = z.strictObject({
  /** Several ways customers ask it. */
  questions: z.array(z.string().trim().min(2)).min(2),
  answer: z.string().min(1),
});

export const FaqFile = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case identifier'),
        'zh-CN': LocalisedEntry,
        en: LocalisedEntry,
      }),
    )
    .min(1)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate FAQ id ${e.id}` });
        seen.add(e.id);
      });
    }),
});
export type FaqFile = z.infer<typeof FaqFile>;

export interface FaqAnswer {
  id: string;
  locale: Locale;
  answer: string;
  /** The stored phrasing that matched best. */
  question: string;
  /** Cosine similarity in [0, 1]. */
  confidence: number;
}

/** Weight of the best phrasing against the entry's centroid. */
const MIX = 0.5;
const HAN = /\p{Script=Han}/u;
// Function words and question words that say nothing about the topic.
const ZH_STOP_CHARS = new Set([...'的了吗呢吧啊呀么嘛我你您他她它是在有要会还就都也和与及把被这那哪个些请问']);
const ZH_STOP_BIGRAMS = new Set([
  '怎么',
  '什么',
  '为什',
  '可以',
  '我的',
  '一下',
  '请问',
  '是不',
  '不是',
  '能不',
  '怎样',
  '如何',
  '么办',
  '怎么办',
  '么时',
  '时候',
]);

/** Chinese: character unigrams and bigrams inside runs of Han; Latin words and numbers as words. */
export function tokensZh(text: string): string[] {
  const norm = toHalfWidth(text).toLowerCase();
  const out: string[] = [];
  for (const run of norm.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      if (!ZH_STOP_CHARS.has(c)) out.push(c);
      const bigram = c + (chars[i + 1] ?? '');
      if (i + 1 < chars.length && !ZH_STOP_BIGRAMS.has(bigram)) out.push(bigram);
    });
  }
  for (const w of norm.match(/[a-z0-9]+/g) ?? []) out.push(w);
  return out;
}

/** English: lower-case words, stop words dropped, Porter stems. */
export function tokensEn(text: string): string[] {
  const words =
    toHalfWidth(text)
      .toLowerCase()
      .replace(/'/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => !EN_STOP.has(w)).map((w) => PorterStemmer.stem(w));
}

interface Doc {
  entry: number;
  question: string;
  vec: Map<string, number>;
  norm: number;
}

class LanguageIndex {
  private readonly tfidf: NaturalTfIdf = new TfIdf();
  private readonly docs: Doc[] = [];
  private readonly centroids = new Map<number, { vec: Map<string, number>; norm: number }>();

  constructor(
    private readonly tokens: (s: string) => string[],
    phrasings: Array<{ entry: number; question: string }>,
  ) {
    const tokenised = phrasings.map((p) => ({ ...p, toks: tokens(p.question) }));
    for (const p of tokenised) this.tfidf.addDocument(p.toks);
    for (const p of tokenised) {
      const vec = this.vector(p.toks);
      const norm = length(vec);
      this.docs.push({ entry: p.entry, question: p.question, vec, norm });
      const c = this.centroids.get(p.entry) ?? { vec: new Map<string, number>(), norm: 0 };
      for (const [t, w] of vec) c.vec.set(t, (c.vec.get(t) ?? 0) + (norm ? w / norm : 0));
      this.centroids.set(p.entry, c);
    }
    for (const c of this.centroids.values()) c.norm = length(c.vec);
  }

  private vector(toks: string[]): Map<string, number> {
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vec = new Map<string, number>();
    for (const [t, n] of tf) {
      // A term no phrasing has gets the highest idf: words about something else lower the match.
      const idf = this.tfidf.idf(t);
      if (Number.isFinite(idf)) vec.set(t, n * idf);
    }
    return vec;
  }

  /**
   * Best entry: the mean of its best phrasing's cosine and the cosine with the centroid of all its
   * phrasings. The centroid keeps one short phrasing sharing a single word from winning (a question
   * about top-ups that mentions activation stays a top-up question).
   */
  best(text: string): { doc: Doc; score: number } | undefined {
    const q = this.vector(this.tokens(text));
    const qn = length(q);
    if (qn === 0) return undefined;
    const cos = (v: Map<string, number>, n: number) => {
      let dot = 0;
      for (const [t, w] of q) dot += w * (v.get(t) ?? 0);
      return n ? dot / (qn * n) : 0;
    };
    const perEntry = new Map<number, { doc: Doc; phrasing: number }>();
    for (const doc of this.docs) {
      const score = cos(doc.vec, doc.norm);
      const cur = perEntry.get(doc.entry);
      if (!cur || score > cur.phrasing) perEntry.set(doc.entry, { doc, phrasing: score });
    }
    let top: { doc: Doc; score: number } | undefined;
    for (const [entry, { doc, phrasing }] of perEntry) {
      const c = this.centroids.get(entry)!;
      const score = MIX * phrasing + (1 - MIX) * cos(c.vec, c.norm);
      if (score > 0 && (!top || score > top.score)) top = { doc, score };
    }
    return top;
  }
}

function length(v: Map<string, number>): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

export class Faq {
  private readonly indexes: Record<Locale, LanguageIndex>;

  constructor(readonly file: FaqFile) {
    const phrasings = (l: Locale) =>
      file.entries.flatMap((e, entry) => e[l].questions.map((question) => ({ entry, question })));
    this.indexes = {
      'zh-CN': new LanguageIndex(tokensZh, phrasings('zh-CN')),
      en: new LanguageIndex(tokensEn, phrasings('en')),
    };
  }

  /**
   * The best entry whatever its score (for calibration and agents' tools). The language follows the
   * text: any Chinese character means Chinese, Latin letters English, otherwise `locale`.
   */
  best(text: string, locale: Locale = 'zh-CN'): FaqAnswer | null {
    const lang: Locale = HAN.test(text) ? 'zh-CN' : /[a-z]/i.test(text) ? 'en' : locale;
    const hit = this.indexes[lang].best(text);
    if (!hit) return null;
    const entry = this.file.entries[hit.doc.entry]!;
    return {
      id: entry.id,
      locale: lang,
      answer: entry[lang].answer,
      question: hit.doc.question,
      confidence: Math.min(1, hit.score),
    };
  }

  /** The answer when the match is good enough, else null (say "not sure" and offer a human). */
  answer(text: string, locale: Locale = 'zh-CN', bar: number = FAQ_CONFIDENCE_BAR): FaqAnswer | null {
    const hit = this.best(text, locale);
    return hit && hit.confidence >= bar ? hit : null;
  }
}

/** Reads and checks knowledge/faq.json (or `file`), then builds the indexes. */
export function loadFaq(file: string = DEFAULT_FAQ_FILE): Faq {
  return new Faq(loadJsonFile(file, FaqFile));
}
