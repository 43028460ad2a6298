import fc from 'fast-check';
import { Converter, Locale } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { loadTrainingData } from '../../bot/nlu/training-data.js';
import { toMandarin, toSimplified } from '../../bot/nlu/script.js';

describe('script', () => {
  it('reads traditional characters as simplified, one for one', () => {
    expect(toSimplified('請問審核通過了沒有')).toBe('请问审核通过了没有');
  });

  it("reads written Cantonese's function words as Mandarin, keeping the length", () => {
    const text = '我嘅單審批咗未呀，係唔係冇貨';
    const read = toMandarin(text);
    expect(read).toBe('我的单审批了未呀，是不是没货');
    expect(read.length).toBe(text.length);
  });

  it("leaves Mandarin that shares a character's simplified form alone (联系, 呢)", () => {
    for (const text of ['请联系我', '我的卡呢', 'hello']) expect(toMandarin(text)).toBe(text);
  });
});

describe('the guard that skips the conversion', () => {
  const convert = Converter({ from: 'hk', to: 'cn' });
  // What the dictionaries convert, a phrase at a time, among words they leave alone.
  const config = Locale.configs.hk2s as unknown as {
    conversionChain: ReadonlyArray<ReadonlyArray<string | ReadonlyArray<readonly [string, string]>>>;
  };
  const sources = config.conversionChain
    .flat()
    .flatMap((d) => (typeof d === 'string' ? d.split('|').map((e) => e.split(' ')[0]!) : d.map(([from]) => from)));
  const phrases = sources.filter((s) => [...s].length > 1);

  it('has dictionaries to read (a later opencc-js laid out otherwise would convert every text)', () => {
    expect(phrases.length).toBeGreaterThan(100);
  });

  it('gives what the converter gives, on texts made of its own phrases and characters', () => {
    const token = fc.oneof(
      fc.constantFrom(...phrases),
      fc.constantFrom(...sources.filter((s) => [...s].length === 1)),
      fc.constantFrom(...[...'我的订单为什么失败了一口吃个坏解生然醒温户悦么麼审核通过没有', '，', ' ', 'ok']),
      // Halves of phrases: the guard must not take a part for the whole.
      fc.constantFrom(...phrases.map((p) => [...p].slice(1).join(''))),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        const text = tokens.join('');
        expect(toSimplified(text)).toBe(convert(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives what the converter gives on every training phrase', () => {
    const { zh } = loadTrainingData();
    for (const ex of zh) expect(toSimplified(ex.text), ex.text).toBe(convert(ex.text));
  });
});
