import { describe, expect, it } from 'vitest';
import { IntentModel } from '../../bot/nlu/intent-model.js';
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
    const idf = (model as unknown as { idf: Map<string, number> }).idf;
    for (const f of ['x', 'y', 'z', 'w', 'x|y', 'w|z']) expect(idf.get(f)).toBeCloseTo(tfidf.idf(f), 10);
  });

  it('gives a message made of one intent\'s features that intent', () => {
    const model = new IntentModel(docs);
    const { posterior, similarity } = model.score(['w', 'z']);
    const [a, b] = [model.intents.indexOf('a'), model.intents.indexOf('b')];
    expect(posterior[b]!).toBeGreaterThan(posterior[a]!);
    expect(similarity[b]!).toBeGreaterThan(similarity[a]!);
    expect(posterior.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});
