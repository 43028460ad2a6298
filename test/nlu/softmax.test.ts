import { describe, expect, it } from 'vitest';
import { SoftmaxRegression } from '../../bot/nlu/softmax.js';

// A feature that every class shares ("the") and features that only one class has: naive Bayes
// weighs them alike per occurrence, a discriminative model must learn that "the" says nothing.
const docs = [
  { intent: 'ship', features: ['the', 'courier'] },
  { intent: 'ship', features: ['the', 'parcel', 'courier'] },
  { intent: 'ship', features: ['parcel', 'arrive'] },
  { intent: 'money', features: ['the', 'refund'] },
  { intent: 'money', features: ['the', 'refund', 'fee'] },
  { intent: 'money', features: ['fee', 'charged'] },
  { intent: 'hello', features: ['hi'] },
  { intent: 'hello', features: ['hello', 'hi'] },
];
const labels = ['ship', 'money', 'hello'];

describe('SoftmaxRegression', () => {
  it('gives a probability per label, in the order of the labels, summing to 1', () => {
    const p = new SoftmaxRegression(labels, docs).posterior(['courier']);
    expect(p).toHaveLength(3);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(0.6);
  });

  it('learns which features separate the labels and which do not', () => {
    const model = new SoftmaxRegression(labels, docs);
    expect(model.posterior(['the', 'refund'])[1]).toBeGreaterThan(0.6);
    expect(model.posterior(['the', 'parcel'])[0]).toBeGreaterThan(0.6);
    const shared = model.posterior(['the']);
    // "the" is in both ship and money phrases, never in hello: no strong pull to either of the two.
    expect(Math.abs(shared[0]! - shared[1]!)).toBeLessThan(0.25);
  });

  it('lets words it never saw dilute the evidence instead of ignoring them', () => {
    const model = new SoftmaxRegression(labels, docs);
    const known = model.posterior(['refund'])[1]!;
    const diluted = model.posterior(['refund', 'hotel', 'breakfast', 'pool'])[1]!;
    expect(diluted).toBeLessThan(known);
    expect(model.posterior(['hotel'])).toEqual(model.posterior([]));
  });

  it('trains the same model from the same data (seeded shuffle), and another one from another seed', () => {
    const a = new SoftmaxRegression(labels, docs).posterior(['the', 'fee']);
    const b = new SoftmaxRegression(labels, docs).posterior(['the', 'fee']);
    const c = new SoftmaxRegression(labels, docs, { seed: 99 }).posterior(['the', 'fee']);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('skips phrases with no features or an unknown label instead of failing', () => {
    const model = new SoftmaxRegression(labels, [
      ...docs,
      { intent: 'ship', features: [] },
      { intent: 'other', features: ['x'] },
    ]);
    expect(model.posterior(['x'])).toEqual(model.posterior([]));
  });

  it('gives a caller that sums its own scores (weightsOf, startScores, scale) exactly the posterior', () => {
    const model = new SoftmaxRegression(labels, docs);
    for (const features of [['the', 'refund'], ['courier', 'hotel'], ['hotel'], []]) {
      const s = model.startScores();
      const scale = model.scale(features.length);
      for (const f of features)
        model.weightsOf(f)?.forEach((w, c) => {
          s[c]! += w * scale;
        });
      const max = Math.max(...s);
      const exp = [...s].map((x) => Math.exp(x - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      const expected = model.posterior(features);
      exp.forEach((x, c) => expect(x / sum).toBeCloseTo(expected[c]!, 12));
    }
    expect(model.weightsOf('hotel')).toBeUndefined();
  });
});
