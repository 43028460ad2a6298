import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../bot/locale.js';

describe('detectLocale', () => {
  it('switches to Chinese on any Han character and to English on English prose', () => {
    expect(detectLocale('hello 客服', 'en')).toBe('zh-CN');
    expect(detectLocale('why did my order fail', 'zh-CN')).toBe('en');
    expect(detectLocale('refund', 'zh-CN')).toBe('en');
  });

  it('reads a Chinese word quoted in English prose as English, and English quoted in Chinese as Chinese', () => {
    expect(detectLocale('What does "已结算" mean on my order 172202611100048? Do I owe anything?', 'zh-CN')).toBe('en');
    expect(detectLocale('is 首充 required for this card', 'zh-CN')).toBe('en');
    expect(detectLocale('我的订单显示 pending review 是什么意思', 'en')).toBe('zh-CN');
    expect(detectLocale('我想要 cheap plan', 'en')).toBe('zh-CN');
  });

  it('keeps the language for one word that may be pinyin, and switches for one that is not', () => {
    const pinyin = (w: string) => ['weihao', 'dingdan'].includes(w);
    expect(detectLocale('weihao 4938', 'zh-CN', pinyin)).toBe('zh-CN');
    expect(detectLocale('weihao 4938', 'en', pinyin)).toBe('en');
    expect(detectLocale('thanks', 'zh-CN', pinyin)).toBe('en');
  });

  it('keeps the current language for digits, short tokens, markup, links and code', () => {
    for (const text of [
      '172202611100001',
      'ok',
      '👍',
      '<img src=x onerror="window.__xss=1">',
      'https://example.com/order/status',
      'a_b=c',
      'user@example.com',
    ]) {
      expect(detectLocale(text, 'zh-CN'), text).toBe('zh-CN');
    }
  });
});
