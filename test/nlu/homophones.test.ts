import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Homophones } from '../../bot/nlu/homophones.js';
import { loadDomainTerms } from '../../bot/nlu/domain.js';

const homophones = Homophones.forDomain(loadDomainTerms());

describe('Homophones', () => {
  it("reads a pinyin keyboard's sound-alike typo of a domain word as that word", () => {
    expect(homophones.correct('快地到了没')).toBe('快递到了没');
    expect(homophones.correct('激火链接在哪')).toBe('激活链接在哪');
    expect(homophones.correct('已经发或了吗')).toBe('已经发货了吗');
    expect(homophones.correct('地址写措了')).toBe('地址写错了');
  });

  it('leaves real words, words already right and unrelated text alone', () => {
    for (const text of ['一动不动', '快递到了没', '今天天气怎么样', '我的订单为什么失败了', 'hello']) {
      expect(homophones.correct(text)).toBe(text);
    }
  });

  it("reads pinyin typed for a domain word, keeping the text's length", () => {
    const text = 'can you give me the kuaidi number';
    const read = homophones.correct(text);
    expect(read).toBe('can you give me the 快递     number');
    expect(read.length).toBe(text.length);
    expect(homophones.correct('zhuan rengong')).toBe('zhuan 人工     ');
    expect(homophones.correct('kuai di dao le mei')).toBe('快递      dao le mei');
    // every syllable apart, none of four letters
    expect(homophones.correct('wu liu ne')).toBe('物流     ne');
    expect(homophones.correct('go on then, I do not know')).toBe('go on then, I do not know');
  });

  it("never reads an English word as pinyin: no domain term is spelt like one (natural's English lexicon)", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');
    const lexicon = new Set(
      Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object).map((w) => w.toLowerCase()),
    );
    expect(lexicon.size).toBeGreaterThan(50_000);
    const spellings = homophones.spellings();
    expect(spellings.length).toBeGreaterThan(100);
    expect(spellings.filter((w) => lexicon.has(w))).toEqual([]);
    // The check can fail: a term spelt like an English word is caught, unless listed as not pinyin (复机, Fuji).
    expect(new Homophones(['我们', '复机']).spellings().filter((w) => lexicon.has(w))).toEqual(['women']);
    expect(homophones.correct('fuji camera')).toBe('fuji camera');
  });

  it('keeps two terms that sound alike apart by correcting to neither', () => {
    const h = new Homophones(['移动', '一动']);
    expect(h.correct('以动')).toBe('以动');
  });

  it('reads a domain term listed after one that sounds the same as a typo of it, not as a rival', () => {
    // domain.json lists 订单 and, later, its input-method typo 定单
    expect(homophones.correct('查dingdan')).toBe('查订单     ');
  });
});
