import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../bot/nlu/entities.js';
import { featureUnits, featurize, unitFeatures } from '../../bot/nlu/features.js';
import { CENTROID_WEIGHT, IntentModel } from '../../bot/nlu/intent-model.js';
import { TfIdf } from '../../bot/nlu/natural-lib.js';
import { loadTrainingData } from '../../bot/nlu/training-data.js';

/** The same numbers to the last bit: the same type, length and bytes. */
const bitsEqual = (a: ArrayBufferView, b: ArrayBufferView) =>
  a.constructor === b.constructor &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('IntentModel', () => {
  const docs = [
    { intent: 'a', features: ['x', 'y', 'x|y'] },
    { intent: 'a', features: ['x', 'z'] },
    { intent: 'b', features: ['w', 'z', 'w|z'] },
  ];

  it("weighs features with the idf natural's TfIdf gives (computed in one pass at start-up)", () => {
    const model = new IntentModel(docs);
    const tfidf = new TfIdf();
    for (const d of docs) tfidf.addDocument(d.features);
    for (const f of ['x', 'y', 'z', 'w', 'x|y', 'w|z']) expect(model.idfOf(f)).toBeCloseTo(tfidf.idf(f), 10);
  });

  it("gives a message made of one intent's features that intent", () => {
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

  describe('scoreUnits: features found from their units, not from strings', () => {
    // A model of every third training phrase, so the others bring unknown characters, words and pairs.
    const training = loadTrainingData();
    const docs = (lang: 'zh' | 'en') =>
      training[lang]
        .filter((_, i) => i % 3 === 0)
        .map((ex) => ({ intent: ex.intent, features: featurize(ex.text, extractEntities(ex.text), 'chars') }));
    const models = { zh: new IntentModel(docs('zh')), en: new IntentModel(docs('en')) };
    /** Both ways of scoring a text, with and without a floor that skips some similarities. */
    const same = (lang: 'zh' | 'en', text: string) => {
      const entities = extractEntities(text);
      for (const floor of [0, 0.05]) {
        const byStrings = models[lang].score(featurize(text, entities, 'chars'), floor);
        const byUnits = models[lang].scoreUnits(featureUnits(text, entities, 'chars'), floor);
        // To the last bit: the features come in the same order, so every sum is the same sum. (Compared
        // as bytes, then number by number only to show a difference: toEqual on every phrase cost seconds.)
        for (const field of ['posterior', 'similarity'] as const) {
          if (!bitsEqual(byUnits[field], byStrings[field]))
            expect(Array.from(byUnits[field]), `${field} of ${text}`).toEqual(Array.from(byStrings[field]));
          expect(bitsEqual(byUnits[field], byStrings[field]), `${field} of ${text}`).toBe(true);
        }
      }
    };

    // Every fourth training phrase (8,500 of them): a third of those are in the model, the others not.
    it("gives score's numbers to the last bit on training phrases, known to the model or not", () => {
      for (const lang of ['zh', 'en'] as const)
        for (const ex of training[lang].filter((_, i) => i % 4 === 0)) same(lang, ex.text);
    });

    it('scores by strings a model whose pairs are not made of its units (trained on other features)', () => {
      const odd = new IntentModel([
        { intent: 'a', features: ['x', 'x|q'] },
        { intent: 'b', features: ['y', 'y|x'] },
      ]);
      for (const seq of [
        ['x', 'q'],
        ['y', 'x', null, 'x', 'q'],
        ['q', 'q'],
      ]) {
        const byUnits = odd.scoreUnits(seq);
        const byStrings = odd.score(unitFeatures(seq));
        expect(Array.from(byUnits.posterior)).toEqual(Array.from(byStrings.posterior));
        expect(Array.from(byUnits.similarity)).toEqual(Array.from(byStrings.similarity));
      }
      // The pair x|q counts though q alone is unknown: with a break between them it is not there.
      const a = odd.intents.indexOf('a');
      expect(odd.scoreUnits(['x', 'q']).similarity[a]!).toBeGreaterThan(
        odd.scoreUnits(['x', null, 'q']).similarity[a]!,
      );
    });

    it("gives score's numbers on texts that repeat units, break between them and mix in unknown ones", () => {
      const chars = [...new Set(training.zh.slice(0, 300).flatMap((ex) => [...ex.text]))];
      const token = fc.oneof(
        fc.constantFrom(...chars),
        fc.constantFrom('订单', '订单订单', '单单', '䶵', '𠀋', '，', '。', ' ', '!', '17220250101123', '尾号1234'),
        fc.constantFrom('my', 'order', 'order order', 'zzzq', "can't", 'refund', 'I', 'a'),
      );
      fc.assert(
        fc.property(
          fc.array(token, { maxLength: 20 }),
          fc.constantFrom('zh' as const, 'en' as const),
          (tokens, lang) => {
            same(lang, tokens.join(''));
          },
        ),
        { numRuns: 1500 },
      );
    });
  });
});
