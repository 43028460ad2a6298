import { describe, expect, it } from 'vitest';
import { CENTROID_WEIGHT, IntentModel } from '../../bot/nlu/intent-model.js';
import { TfIdf } from '../../bot/nlu/natural-lib.js';

describe('IntentModel', () => {
  const docs = [
    { intent: 'a', features: ['x', 'y', 'x|y'] },
    { intent: 'a', features: ['x', 'z'] },
    { intent: 'b', features: ['w', 'z', 'w|z'] },
  ];

  it('weighs features with the idf natural\'s TfIdf gives (computed in one pass at start-up)', () => {
    const model = new IntentModel(docs);
    const tfidf = new TfIdf();
    for (const d of docs) tfidf.addDocument(d.features);
    for (const f of ['x', 'y', 'z', 'w', 'x|y', 'w|z']) expect(model.idfOf(f)).toBeCloseTo(tfidf.idf(f), 10);
  });

  it('gives a message made of one intent\'s features that intent', () => {
    const model = new IntentModel(docs);
    const { posterior, similarity } = model.score(['w', 'z']);
    const [a, b] = [model.intents.indexOf('a'), model.intents.indexOf('b')];
    expect(posterior[b]!).toBeGreaterThan(posterior[a]!);
    expect(similarity[b]!).toBeGreaterThan(similarity[a]!);
    expect(posterior.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });

  it('computes the similarity only for intents at or above minPosterior, the same as computing all', () => {
    const model = new IntentModel(docs);
    const all = model.score(['w', 'z', 'x']);
    const [a, b] = [model.intents.indexOf('a'), model.intents.indexOf('b')];
    const cut = (all.posterior[a]! + all.posterior[b]!) / 2; // between the two
    const live = all.posterior[a]! > all.posterior[b]! ? a : b;
    const some = model.score(['w', 'z', 'x'], cut);
    expect(some.similarity[live]).toBe(all.similarity[live]);
    expect(some.similarity[live === a ? b : a]).toBe(0);
    expect(Array.from(some.posterior)).toEqual(Array.from(all.posterior));
    // A floor per intent: the one above its posterior is skipped, the other computed.
    const floors = Float64Array.from(model.intents, (_, i) => (i === live ? 1 : 0));
    const other = model.score(['w', 'z', 'x'], floors);
    expect(other.similarity[live]).toBe(0);
    expect(other.similarity[live === a ? b : a]).toBe(all.similarity[live === a ? b : a]);
    // The dot products left for the next message are all zero: scoring again gives the same.
    expect(Array.from(model.score(['w', 'z', 'x']).similarity)).toEqual(Array.from(all.similarity));
    // A message with more features than the scratch space holds grows it.
    const long = Array.from({ length: 600 }, (_, i) => (i % 2 ? 'w' : 'z'));
    expect(model.score(long).similarity[b]!).toBeGreaterThan(0);
  });

  it('finds a long message that joins two phrases of an intent like the intent as a whole, not like either phrase', () => {
    const model = new IntentModel([
      { intent: 'a', features: ['p', 'q'] },
      { intent: 'a', features: ['r', 's'] },
      { intent: 'b', features: ['t', 'u'] },
    ]);
    const a = model.intents.indexOf('a');
    // (Weights are single precision: 6 decimals.) Nearest phrase: cosine 1/√2 (two of the message's four features). Centroid: (pq + rs)/√2 is the
    // message's own direction, cosine 1, weighed by CENTROID_WEIGHT and capped at 1.
    const { similarity } = model.score(['p', 'q', 'r', 's']);
    expect(similarity[a]!).toBeCloseTo(Math.min(1, CENTROID_WEIGHT), 6);
    // One word: the phrase gives 1/√2, the centroid (whose p is 1/2) CENTROID_WEIGHT · 1/2, whichever is higher.
    expect(model.score(['p']).similarity[a]!).toBeCloseTo(Math.max(Math.SQRT1_2, CENTROID_WEIGHT / 2), 6);
    // Words of no phrase of the intent: nothing.
    expect(model.score(['t']).similarity[a]!).toBe(0);
    for (const msg of [['p', 'q', 'r', 's'], ['p', 't'], ['zzz']]) {
      for (const x of model.score(msg).similarity) expect(x).toBeLessThanOrEqual(1);
    }
  });
});
