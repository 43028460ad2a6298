/**
 * The fallback after the Remark rules: operators keep inventing new wordings for the same reasons,
 * so a Remark no rule matches is compared with example remarks per failure code
 * (knowledge/remark-examples.json) by character-bigram similarity. Below the threshold the Remark
 * stays unmapped (and visible to agents): a guess would be an invented reason.
 *
 * Why character bigrams: the remarks are short Chinese phrases without spaces, where word
 * segmentation is unreliable and a shared two-character word (预占, 欠费, 风控) is the signal.
 * Why weighted (natural's TfIdf idf, one document per code): bigrams every reason uses (失败, 用户,
 * 订单) would otherwise pull unrelated remarks over the threshold.
 */
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, loadJsonFile } from './knowledge/loader.js';
import { FAILURE_CODES, type FailureCode } from './knowledge/schemas.js';

import { TfIdf } from './nlu/natural-lib.js';

export const RemarkExamplesFile = z.object({
  /** Best similarity (0–1) a Remark needs to take an example's code. */
  threshold: z.number().min(0).max(1),
  examples: z.partialRecord(z.enum(FAILURE_CODES), z.array(z.string().trim().min(2)).min(1)),
});
export type RemarkExamplesFile = z.infer<typeof RemarkExamplesFile>;

export const REMARK_EXAMPLES_FILE = path.join(KNOWLEDGE_DIR, 'remark-examples.json');

export interface RemarkMatch {
  code: FailureCode;
  /** 0–1; the best over the code's examples. */
  score: number;
  /** The example that scored best, for agents and for tuning the file. */
  example: string;
}

/** Punctuation, spaces and symbols carry no meaning in a Remark; letters, digits and Han do. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  return out;
}

interface Example {
  code: FailureCode;
  text: string;
  grams: Set<string>;
  weight: number;
}

export class RemarkSimilarity {
  readonly threshold: number;
  private readonly examples: Example[];
  private readonly idf = new Map<string, number>();
  private readonly unseenIdf: number;

  constructor(file: RemarkExamplesFile) {
    this.threshold = file.threshold;
    const perCode = Object.entries(file.examples).map(([code, texts]) => ({
      code: code as FailureCode,
      texts: texts ?? [],
    }));
    const tfidf = new TfIdf();
    for (const { texts } of perCode) tfidf.addDocument([...new Set(texts.flatMap((t) => [...bigrams(normalise(t))]))]);
    // A bigram no example has is as telling as the rarest one: it counts against the match.
    this.unseenIdf = tfidf.idf('\u0000unseen', true);
    for (const { texts } of perCode)
      for (const t of texts) for (const g of bigrams(normalise(t))) this.idf.set(g, tfidf.idf(g));
    this.examples = perCode.flatMap(({ code, texts }) =>
      texts.map((text) => {
        const grams = bigrams(normalise(text));
        return { code, text, grams, weight: this.weightOf(grams) };
      }),
    );
  }

  private weightOf(grams: Iterable<string>): number {
    let w = 0;
    for (const g of grams) w += this.idf.get(g) ?? this.unseenIdf;
    return w;
  }

  static fromFile(file: string = REMARK_EXAMPLES_FILE): RemarkSimilarity {
    return new RemarkSimilarity(loadJsonFile(file, RemarkExamplesFile));
  }

  /**
   * The closest example's code and score, whatever the score. The score is the idf-weighted Dice
   * coefficient over character bigrams, or, when a longer Remark wraps a whole example in extra
   * words ("抱歉，您所选号码已被占用，请更换"), how much of the example it contains, discounted.
   */
  best(remark: string): RemarkMatch | null {
    const grams = bigrams(normalise(remark));
    if (grams.size === 0) return null;
    const own = this.weightOf(grams);
    let best: RemarkMatch | null = null;
    for (const ex of this.examples) {
      let shared = 0;
      for (const g of ex.grams) if (grams.has(g)) shared += this.idf.get(g) ?? 0;
      const dice = (2 * shared) / (own + ex.weight);
      const contained = ex.grams.size >= 3 ? 0.85 * (shared / ex.weight) : 0;
      const score = Math.max(dice, contained);
      if (!best || score > best.score) best = { code: ex.code, score, example: ex.text };
    }
    return best;
  }

  /** The code of the closest example when it is close enough, else null (the Remark stays unmapped). */
  classify(remark: string): FailureCode | null {
    const m = this.best(remark);
    return m && m.score >= this.threshold ? m.code : null;
  }
}

let shared: RemarkSimilarity | undefined;

/** The bundled examples, loaded once (call at start-up to fail fast on a bad file). */
export function sharedRemarkSimilarity(): RemarkSimilarity {
  shared ??= RemarkSimilarity.fromFile();
  return shared;
}
