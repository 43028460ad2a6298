/**
 * The statistical half of intent recognition, for one language: natural's BayesClassifier gives a
 * posterior over the trained intents, and a TF-IDF nearest-neighbour search (idf as natural's TfIdf computes it)
 * says how close the message is to anything the bot was trained on. A message can be the Bayes
 * classifier's clear favourite and still be unlike every training phrase ("这家酒店的地址是什么" vs
 * "地址写错了"); the similarity catches that, because unknown words weigh in the message's norm.
 */
import { BayesClassifier, type NaturalBayesClassifier } from './natural-lib.js';

export interface TrainingDoc { intent: string; features: string[] }

export interface IntentScores {
  /** Bayes posterior per intent, summing to 1. */
  posterior: Map<string, number>;
  /** Highest cosine similarity to a training phrase of each intent, in [0, 1]. */
  similarity: Map<string, number>;
}

interface Posting { doc: number; weight: number }

export class IntentModel {
  readonly intents: string[];
  private readonly bayes: NaturalBayesClassifier;
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly postings = new Map<string, Posting[]>();
  private readonly docIntent: string[] = [];
  private readonly logPrior = new Map<string, number>();

  constructor(docs: readonly TrainingDoc[], private readonly temperature = 1) {
    this.bayes = new BayesClassifier();
    // natural's default feature vector is dense over the whole vocabulary (slow to build per parse);
    // apparatus also accepts a sparse `{ i: featureName }` observation, which is what we hand it.
    this.bayes.textToFeatures = (tokens: string[]) =>
      Object.fromEntries(tokens.filter((t) => t in this.bayes.features).map((t, i) => [i, t]));
    for (const d of docs) if (d.features.length) this.bayes.addDocument(d.features, d.intent);
    this.bayes.train();
    const c = this.bayes.classifier;
    this.intents = Object.keys(c.classTotals);
    for (const i of this.intents) this.logPrior.set(i, Math.log(c.classTotals[i]! / c.totalExamples));

    // natural's TfIdf.idf scans every document per term (quadratic at start-up); the same formula,
    // 1 + ln(N / (1 + df)), from one pass of document frequencies.
    const df = new Map<string, number>();
    for (const d of docs) for (const f of new Set(d.features)) df.set(f, (df.get(f) ?? 0) + 1);
    for (const f of Object.keys(this.bayes.features)) this.idf.set(f, 1 + Math.log(docs.length / (1 + (df.get(f) ?? 0))));
    this.unknownIdf = 1 + Math.log(Math.max(docs.length, 1));

    docs.forEach((d, doc) => {
      this.docIntent.push(d.intent);
      const norm = Math.sqrt(d.features.reduce((s, f) => s + (this.idf.get(f) ?? 0) ** 2, 0)) || 1;
      for (const f of new Set(d.features)) {
        const list = this.postings.get(f) ?? [];
        list.push({ doc, weight: (this.idf.get(f) ?? 0) / norm });
        this.postings.set(f, list);
      }
    });
  }

  score(features: readonly string[]): IntentScores {
    return { posterior: this.posterior(features), similarity: this.similarity(features) };
  }

  /**
   * The Bayes posterior, computed in log space from the classifier's counts (natural multiplies raw
   * probabilities, which underflows to 0 on long messages). Unknown features carry no evidence.
   */
  private posterior(features: readonly string[]): Map<string, number> {
    const c = this.bayes.classifier;
    const known = features.filter((f) => f in this.bayes.features);
    const logp = this.intents.map((label) => {
      const counts = c.classFeatures[label]!;
      const total = c.classTotals[label]!;
      let lp = this.logPrior.get(label)!;
      for (const f of known) lp += Math.log((counts[f] ?? c.smoothing) / total);
      return lp / this.temperature;
    });
    const max = Math.max(...logp);
    const exp = logp.map((l) => Math.exp(l - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    return new Map(this.intents.map((label, i) => [label, exp[i]! / sum]));
  }

  private similarity(features: readonly string[]): Map<string, number> {
    const dots = new Map<number, number>();
    let norm2 = 0;
    for (const f of features) {
      const w = this.idf.get(f) ?? this.unknownIdf;
      norm2 += w * w;
      for (const p of this.postings.get(f) ?? []) dots.set(p.doc, (dots.get(p.doc) ?? 0) + w * p.weight);
    }
    const norm = Math.sqrt(norm2) || 1;
    const best = new Map<string, number>(this.intents.map((i) => [i, 0]));
    for (const [doc, dot] of dots) {
      const intent = this.docIntent[doc]!;
      const cos = dot / norm;
      if (cos > best.get(intent)!) best.set(intent, cos);
    }
    return best;
  }
}
