import { describe, expect, it } from 'vitest';
import { toMandarin, toSimplified } from '../../bot/nlu/script.js';

describe('script', () => {
  it('reads traditional characters as simplified, one for one', () => {
    expect(toSimplified('請問審核通過了沒有')).toBe('请问审核通过了没有');
  });

  it('reads written Cantonese\'s function words as Mandarin, keeping the length', () => {
    const text = '我嘅單審批咗未呀，係唔係冇貨';
    const read = toMandarin(text);
    expect(read).toBe('我的单审批了未呀，是不是没货');
    expect(read.length).toBe(text.length);
  });

  it('leaves Mandarin that shares a character\'s simplified form alone (联系, 呢)', () => {
    for (const text of ['请联系我', '我的卡呢', 'hello']) expect(toMandarin(text)).toBe(text);
  });
});
