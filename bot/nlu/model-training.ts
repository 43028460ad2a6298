/**
 * Training an intent model (intent-model.ts): natural's Bayes classifier and a softmax regression for
 * the posterior, the phrases' postings and the intents' centroids for the similarity, all laid out
 * in the flat arrays a parse reads (IntentModelTables).
 */
import { BayesClassifier } from './natural-lib.js';
import { SoftmaxRegression } from './softmax.js';

export interface TrainingDoc {
  intent: string;
  features: string[];
}

/**
 * The weight of the cosine to an intent's centroid against the cosine to its nearest phrase. A
 * centroid is less like any one message than its nearest phrase, so it only counts when it wins
 * by this factor: long messages that say one thing in many words ("my mother is 71, I ordered a
 * card for her last Tuesday, … has it been approved?") are like no single phrase but like the
 * intent as a whole. Chosen by 5-fold cross-validation among 1, 1.25, 1.5 and 2 (78.8% without,
 * 79.4%, 79.5%, 79.1%); on the eight hard development files it took 93.2% to 93.6%.
 */
export const CENTROID_WEIGHT = 1.5;

/**
 * What a trained model is, all that a parse reads: saved to disk and loaded at start-up instead of
 * training again (model-cache.ts). The arrays are laid out as IntentModel describes.
 */
export interface IntentModelTables {
  intents: string[];
  /** The features, in the order of their numbers. */
  features: string[];
  unknownIdf: number;
  idf: Float64Array;
  logLikelihood: Float64Array;
  softmaxWeights: Float64Array;
  softmaxBias: Float64Array;
  postingAt: Int32Array;
  postingDocs: Int32Array;
  postingWeights: Float32Array;
  intentStart: Int32Array;
  logPrior: Float64Array;
  /** Dot products a message needs room for: one per phrase and centroid. */
  slots: number;
}

/**
 * Trains a model's tables on its phrases: natural's Bayes classifier and a softmax regression for
 * the posterior, and the postings and centroids of the similarity (see IntentModel).
 */
export function trainTables(docs: readonly TrainingDoc[]): IntentModelTables {
  const bayes = new BayesClassifier();
  // natural's default feature vector is dense over the whole vocabulary (slow to build per parse);
  // apparatus also accepts a sparse `{ i: featureName }` observation, which is what we hand it.
  bayes.textToFeatures = (tokens: string[]) =>
    Object.fromEntries(tokens.filter((t) => t in bayes.features).map((t, i) => [i, t]));
  for (const d of docs) if (d.features.length) bayes.addDocument(d.features, d.intent);
  bayes.train();
  const c = bayes.classifier;
  const intents = Object.keys(c.classTotals);
  const logPrior = Float64Array.from(intents, (i) => Math.log(c.classTotals[i]! / c.totalExamples));

  const softmax = new SoftmaxRegression(intents, docs);
  const intentIndex = new Map(intents.map((name, i) => [name, i]));
  const k = intents.length;

  // Features numbered in the order the phrases first use them; each phrase as its features' numbers, once each.
  const featureId = new Map<string, number>();
  const docIds = docs.map((d) =>
    Int32Array.from(new Set(d.features), (f) => {
      let id = featureId.get(f);
      if (id === undefined) featureId.set(f, (id = featureId.size));
      return id;
    }),
  );
  const n = featureId.size;

  // natural's TfIdf.idf scans every document per term (quadratic at start-up); the same formula,
  // 1 + ln(N / (1 + df)), from one pass of document frequencies.
  const df = new Int32Array(n);
  for (const ids of docIds) for (const id of ids) df[id]!++;
  const idf = Float64Array.from(df, (d) => 1 + Math.log(docs.length / (1 + d)));

  // Phrases renumbered in intent order, each intent's centroid after its phrases, so a message's
  // best match per intent is the maximum over a contiguous stretch of dot products (see IntentModel.score);
  // phrases of no trained intent (no features, so no postings) come last and are never read.
  const docIntent = docs.map((d) => intentIndex.get(d.intent) ?? k);
  const intentStart = new Int32Array(k + 1);
  for (const i of docIntent) if (i < k) intentStart[i + 1]!++;
  for (let i = 0; i < k; i++) intentStart[i + 1]! += intentStart[i]! + 1;
  const next = Int32Array.from({ length: k + 1 }, (_, i) => (i < k ? intentStart[i]! : intentStart[k]!));
  const rank = Int32Array.from(docIntent, (i) => next[i]!++);

  // A phrase's weight for each of its features: idf over the phrase's norm (every feature it lists counts in the norm).
  const docWeight = docs.map((d, doc) => {
    const ids = docIds[doc]!;
    const norm =
      Math.sqrt(
        ids.length === d.features.length
          ? ids.reduce((sum, id) => sum + idf[id]! ** 2, 0)
          : d.features.reduce((sum, f) => sum + idf[featureId.get(f)!]! ** 2, 0),
      ) || 1;
    return Float64Array.from(ids, (id) => idf[id]! / norm);
  });
  // Each intent's centroid: the sum of its phrases' unit vectors (added in phrase order), normalised.
  const centroid = new Float64Array(n * k);
  docs.forEach((_, doc) => {
    const i = docIntent[doc]!;
    if (i < k)
      docIds[doc]!.forEach((id, j) => {
        centroid[id * k + i]! += docWeight[doc]![j]!;
      });
  });
  const centroidNorm2 = new Float64Array(k);
  for (let id = 0; id < n; id++) {
    for (let i = 0; i < k; i++) {
      const v = centroid[id * k + i]!;
      centroidNorm2[i]! += v * v;
    }
  }

  // A feature unknown to one classifier keeps zeros there: adding them is no evidence.
  const logLikelihood = new Float64Array(n * k);
  const softmaxWeights = new Float64Array(n * k);
  intents.forEach((name, i) => {
    // log P(feature | intent): the smoothing for a feature the intent's phrases never use.
    const counts = c.classFeatures[name]!;
    const total = c.classTotals[name]!;
    const unseen = Math.log(c.smoothing / total);
    for (let id = 0; id < n; id++) logLikelihood[id * k + i] = unseen;
    for (const f in counts) {
      const id = featureId.get(f);
      if (id !== undefined) logLikelihood[id * k + i] = Math.log(counts[f]! / total);
    }
  });
  for (const [f, id] of featureId) {
    const sw = softmax.weightsOf(f);
    if (sw) softmaxWeights.set(sw, id * k);
  }

  // Postings, feature by feature, each in slot order: an intent's phrases, then its centroid. Where
  // each intent's start is recorded as the intents are filled in turn.
  const size = new Int32Array(n);
  for (let id = 0; id < n; id++) {
    size[id] = df[id]!;
    for (let i = 0; i < k; i++) if (centroid[id * k + i]! > 0) size[id]!++;
  }
  const fill = new Int32Array(n);
  for (let id = 1; id < n; id++) fill[id] = fill[id - 1]! + size[id - 1]!;
  const total = n ? fill[n - 1]! + size[n - 1]! : 0;
  const postingDocs = new Int32Array(total);
  const postingWeights = new Float32Array(total);
  const postingAt = new Int32Array(n * (k + 1));
  const byIntent = Array.from({ length: k }, () => [] as number[]);
  docIntent.forEach((i, doc) => {
    if (i < k) byIntent[i]!.push(doc);
  });
  for (let i = 0; i < k; i++) {
    for (let id = 0; id < n; id++) postingAt[id * (k + 1) + i] = fill[id]!;
    for (const doc of byIntent[i]!) {
      docIds[doc]!.forEach((id, j) => {
        postingDocs[fill[id]!] = rank[doc]!;
        postingWeights[fill[id]!++] = docWeight[doc]![j]!;
      });
    }
    const slot = intentStart[i + 1]! - 1;
    const norm = Math.sqrt(centroidNorm2[i]!) || 1;
    for (let id = 0; id < n; id++) {
      const v = centroid[id * k + i]!;
      if (v <= 0) continue;
      postingDocs[fill[id]!] = slot;
      postingWeights[fill[id]!++] = (CENTROID_WEIGHT * v) / norm;
    }
  }
  for (let id = 0; id < n; id++) postingAt[id * (k + 1) + k] = fill[id]!;
  return {
    intents,
    features: [...featureId.keys()],
    unknownIdf: 1 + Math.log(Math.max(docs.length, 1)),
    idf,
    logLikelihood,
    softmaxWeights,
    softmaxBias: softmax.startScores(),
    postingAt,
    postingDocs,
    postingWeights,
    intentStart,
    logPrior,
    slots: next[k]!,
  };
}
