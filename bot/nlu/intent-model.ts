/**
 * The statistical half of intent recognition, for one language: natural's BayesClassifier and a
 * softmax regression give a posterior over the trained intents, and a TF-IDF nearest-neighbour search (idf as natural's TfIdf computes it)
 * says how close the message is to anything the bot was trained on. A message can be the Bayes
 * classifier's clear favourite and still be unlike every training phrase ("这家酒店的地址是什么" vs
 * "地址写错了"); the similarity catches that, because unknown words weigh in the message's norm.
 */
import { unitFeatures } from './features.js';
import { trainTables, type IntentModelTables, type TrainingDoc } from './model-training.js';
import { featureScale, softmaxInPlace } from './softmax.js';

export { CENTROID_WEIGHT, type IntentModelTables, type TrainingDoc } from './model-training.js';

/** Scores per intent, in the order of `IntentModel.intents` (typed arrays: a parse builds no maps). */
export interface IntentScores {
  /** The classifiers' posterior (Bayes and softmax combined), summing to 1. */
  posterior: Float64Array;
  /**
   * How like the intent's training phrases the message is, in [0, 1]: the best cosine to one of
   * them, or CENTROID_WEIGHT times the cosine to their centroid if that is higher (see `score`).
   */
  similarity: Float64Array;
}

export class IntentModel {
  readonly intents: string[];
  private readonly unknownIdf: number;
  /**
   * What the model knows of a feature, found with one lookup per feature of a message and read from
   * flat arrays by the feature's number (few objects, little memory a parse walks): its idf, its
   * log-likelihood per intent (Bayes) at id·K, its softmax weights per intent at id·K, and its
   * postings: the phrases it occurs in with its weight in each (idf over the phrase's norm), in
   * single precision as the similarity is kept to 4 decimals. Postings name phrases by their rank in
   * intent order: the phrases of intent i are intentStart[i] … intentStart[i+1]-1, the last of them
   * the intent's centroid (weighed by CENTROID_WEIGHT). A feature's postings are sorted by rank, and
   * those for intent i run from postingAt[id·(K+1)+i] to postingAt[id·(K+1)+i+1], so a message's
   * similarity is only computed for the intents it could be (see `score`).
   */
  private readonly featureId = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly logLikelihood: Float64Array;
  private readonly softmaxWeights: Float64Array;
  private readonly postingAt: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly intentStart: Int32Array;
  private readonly logPrior: Float64Array;
  private readonly softmaxBias: Float64Array;
  /** Scratch dot products, one per training phrase, all zero between calls (parse is synchronous). */
  private readonly dots: Float32Array;
  /** Scratch: the numbers and idf of a message's known features, in order (a message has at most a few hundred). */
  private known = new Int32Array(256);
  private knownIdf = new Float64Array(256);
  /**
   * Finding a message's features from its units (scoreUnits) without making a string of each pair:
   * the number of a one-character feature by its UTF-16 code, and of a known pair by
   * first·(number of features) + second, the numbers of its two units. pairId is undefined when
   * that could exceed V8's small integers or a pair's unit is no feature of its own, and scoreUnits
   * then scores by strings.
   */
  private readonly charFeature = new Int32Array(65_536).fill(-1);
  private readonly pairId: Map<number, number> | undefined;
  /** Scratch for scoreUnits: the feature numbers of a message, -1 for unknown ones, and a mark per feature already met. */
  private ids = new Int32Array(256);
  private readonly met: Int32Array;
  private mark = 0;

  /** A model trained on `source`, or one trained before (`tables`: see IntentModelTables). */
  constructor(source: readonly TrainingDoc[] | IntentModelTables) {
    const t = isTables(source) ? source : trainTables(source);
    this.intents = t.intents;
    this.unknownIdf = t.unknownIdf;
    t.features.forEach((f, id) => this.featureId.set(f, id));
    this.idf = t.idf;
    this.logLikelihood = t.logLikelihood;
    this.softmaxWeights = t.softmaxWeights;
    this.softmaxBias = t.softmaxBias;
    this.postingAt = t.postingAt;
    this.postingDocs = t.postingDocs;
    this.postingWeights = t.postingWeights;
    this.intentStart = t.intentStart;
    this.logPrior = t.logPrior;
    this.dots = new Float32Array(t.slots);
    const n = t.features.length;

    this.met = new Int32Array(n);
    for (const [f, id] of this.featureId) if (f.length === 1) this.charFeature[f.charCodeAt(0)] = id;
    // Every pair featurize makes has both its units as features too; a model trained on other
    // features (a pair whose unit is unknown) is scored by strings (pairId stays undefined).
    const pairs = new Map<number, number>();
    let byUnits = n * n <= 2 ** 30;
    for (const [f, id] of this.featureId) {
      const bar = f.indexOf('|');
      if (!byUnits || bar < 0) continue;
      const first = this.unitId(f.slice(0, bar));
      const second = this.unitId(f.slice(bar + 1));
      if (first >= 0 && second >= 0) pairs.set(first * n + second, id);
      else byUnits = false;
    }
    this.pairId = byUnits ? pairs : undefined;
  }

  /** The model's tables, to be saved (the arrays themselves, not copies: do not change them). */
  tables(): IntentModelTables {
    return {
      intents: this.intents,
      features: [...this.featureId.keys()],
      unknownIdf: this.unknownIdf,
      idf: this.idf,
      logLikelihood: this.logLikelihood,
      softmaxWeights: this.softmaxWeights,
      softmaxBias: this.softmaxBias,
      postingAt: this.postingAt,
      postingDocs: this.postingDocs,
      postingWeights: this.postingWeights,
      intentStart: this.intentStart,
      logPrior: this.logPrior,
      slots: this.dots.length,
    };
  }

  /** The number of a unit's own feature, or -1. */
  private unitId(unit: string): number {
    return unit.length === 1 ? this.charFeature[unit.charCodeAt(0)]! : (this.featureId.get(unit) ?? -1);
  }

  /** The idf of a known feature (1 + ln(N / (1 + df)), as natural's TfIdf). */
  idfOf(feature: string): number | undefined {
    const id = this.featureId.get(feature);
    return id === undefined ? undefined : this.idf[id];
  }

  /**
   * Both scores in one pass over the message's features, one table lookup each.
   *
   * The posterior is the normalised geometric mean of the softmax regression's and the Bayes
   * classifier's. When it was chosen (5-fold cross-validation over the phrases of the day), the mean
   * ranked the right intent first 86.5% of the time, the softmax alone 86.7%, Bayes alone 83.7%; the
   * mean keeps natural's classifier doing its share. The Bayes posterior is computed in log space
   * from the classifier's counts (natural multiplies raw probabilities, which underflows to 0 on long
   * messages); unknown features carry no evidence, but dilute the softmax's (see softmax.ts) and weigh
   * in the message's norm for the similarity.
   *
   * The similarity is, per intent, the best cosine between the message and one of its training
   * phrases (an inverted index over phrases), or CENTROID_WEIGHT times its cosine to the intent's
   * centroid when higher. It is computed only for the intents whose posterior reaches `minPosterior`
   * (one number for all, or one per intent in the order of `intents`), and is 0 for the others: a
   * confidence, posterior^α · similarity^(1-α), is at most posterior^α, so the caller picks
   * `minPosterior` under which an intent could not reach its bar (see NaturalNlu). 0 computes every intent's.
   */
  score(features: readonly string[], minPosterior: number | Float64Array = 0): IntentScores {
    const ids = this.idSpace(features.length);
    features.forEach((f, i) => {
      ids[i] = this.featureId.get(f) ?? -1;
    });
    return this.scoreIds(features.length, minPosterior);
  }

  /**
   * `score` of the features of a sequence of units (features.ts: featureUnits), the same numbers as
   * `score(featurize(…))` to the last bit, found without making a string per feature: a unit by its
   * number (a one-character one by its code), a pair by its two units' numbers. An unknown unit is
   * numbered from the model's last feature on for the message, and a pair with an unknown unit is
   * unknown (the constructor checked that every known pair's units are known). Features come in
   * featurize's order (each unit, then its pair with the next), each once, and an unknown one counts
   * as featurize counts it. Making a string of each pair and looking each feature up by its string
   * took 11.7 µs of a Chinese parse (heldout-4 and CrossWOZ). In in-process comparisons, a parse of
   * theirs went from 75 to 65 µs with known units by number, and 3–10% less again with unknown ones
   * numbered too (CrossWOZ has many characters the phrases lack); English stayed at 49 µs. Every
   * result stayed the same on 25,905 lines.
   */
  scoreUnits(seq: ReadonlyArray<string | null>, minPosterior: number | Float64Array = 0): IntentScores {
    const { met, pairId } = this;
    const n = met.length;
    /** Numbers for the message's units: known ones under n, unknown ones from n on. */
    const width = n + seq.length;
    if (!pairId || width * (width + 1) > 2 ** 30) return this.score(unitFeatures(seq), minPosterior);
    const ids = this.idSpace(2 * seq.length);
    if (++this.mark === 2 ** 31 - 1) {
      met.fill(0);
      this.mark = 1;
    }
    const mark = this.mark;
    let count = 0;
    let unknownUnits: Map<string, number> | undefined;
    /** Unknown features met: a unit by its number, a pair by width·(1 + first) + second (above every unit's). */
    let unknown: Set<number> | undefined;
    const numberOf = (unit: string): number => {
      const id = this.unitId(unit);
      if (id >= 0) return id;
      unknownUnits ??= new Map();
      let local = unknownUnits.get(unit);
      if (local === undefined) unknownUnits.set(unit, (local = n + unknownUnits.size));
      return local;
    };
    /** Adds a feature once: its number if known (under n), else its key among the unknown. */
    const add = (id: number, key: number) => {
      if (id >= 0) {
        if (met[id] !== mark) {
          met[id] = mark;
          ids[count++] = id;
        }
      } else if (!(unknown ??= new Set()).has(key)) {
        unknown.add(key);
        ids[count++] = -1;
      }
    };
    /** The number of seq[i] when the step before numbered it as its `next`. */
    let carried: number | undefined;
    for (let i = 0; i < seq.length; i++) {
      const unit = seq[i];
      if (unit === null || unit === undefined) {
        carried = undefined;
        continue;
      }
      const first = carried ?? numberOf(unit);
      carried = undefined;
      add(first < n ? first : -1, first);
      const next = seq[i + 1];
      if (!next) continue;
      const second = (carried = numberOf(next));
      add(first < n && second < n ? (pairId.get(first * n + second) ?? -1) : -1, width * (1 + first) + second);
    }
    return this.scoreIds(count, minPosterior);
  }

  /** The `ids` scratch space, grown to hold at least `size`. */
  private idSpace(size: number): Int32Array {
    if (size > this.ids.length) this.ids = new Int32Array(size);
    return this.ids;
  }

  /** Both scores of the `count` feature numbers in `ids` (-1: unknown), see `score`. */
  private scoreIds(count: number, minPosterior: number | Float64Array): IntentScores {
    const k = this.intents.length;
    if (count > this.known.length) {
      this.known = new Int32Array(count);
      this.knownIdf = new Float64Array(count);
    }
    const {
      dots,
      intentStart,
      logLikelihood,
      softmaxWeights,
      postingAt,
      postingDocs,
      postingWeights,
      known,
      knownIdf,
      ids,
    } = this;
    const bayes = this.logPrior.slice();
    const soft = this.softmaxBias.slice();
    const scale = featureScale(count);
    let norm2 = 0;
    let nKnown = 0;
    for (let x = 0; x < count; x++) {
      const id = ids[x]!;
      if (id < 0) {
        norm2 += this.unknownIdf * this.unknownIdf;
        continue;
      }
      const w = this.idf[id]!;
      norm2 += w * w;
      for (let i = 0, at = id * k; i < k; i++, at++) {
        bayes[i]! += logLikelihood[at]!;
        soft[i]! += softmaxWeights[at]! * scale;
      }
      known[nKnown] = id;
      knownIdf[nKnown++] = w;
    }

    softmaxInPlace(bayes);
    softmaxInPlace(soft);
    const posterior = bayes;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      posterior[i] = Math.sqrt(soft[i]! * bayes[i]!);
      sum += posterior[i]!;
    }
    for (let i = 0; i < k; i++) posterior[i]! /= sum || 1;

    const norm = Math.sqrt(norm2) || 1;
    const best = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      if (posterior[i]! < (typeof minPosterior === 'number' ? minPosterior : minPosterior[i]!)) continue;
      for (let f = 0; f < nKnown; f++) {
        const w = knownIdf[f]!;
        for (let j = postingAt[known[f]! * (k + 1) + i]!, end = postingAt[known[f]! * (k + 1) + i + 1]!; j < end; j++) {
          dots[postingDocs[j]!]! += w * postingWeights[j]!;
        }
      }
      // One pass over the intent's dot products (in memory order), zeroing them for the next message.
      let top = 0;
      for (let d = intentStart[i]!, end = intentStart[i + 1]!; d < end; d++) {
        if (dots[d]! > top) top = dots[d]!;
        dots[d] = 0;
      }
      best[i] = Math.min(1, top / norm);
    }
    return { posterior, similarity: best };
  }
}

const isTables = (source: readonly TrainingDoc[] | IntentModelTables): source is IntentModelTables =>
  !Array.isArray(source);
