import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../bot/locale.js';

describe('detectLocale', () => {
  it('switches to Chinese on any Han character and to English on English prose', () => {
    expect(detectLocale('hello 客服', 'en')).toBe('zh-CN');
    expect(detectLocale('why did my order fail', 'zh-CN')).toBe('en');
    expect(detectLocale('refund', 'zh-CN')).toBe('en');
  });

  it('keeps the current language for digits, short tokens, markup, links and code', () => {
    for (const text of ['172202611100001', 'ok', '👍', '<img src=x onerror="window.__xss=1">',
      'https://example.com/order/status', 'a_b=c', 'user@example.com']) {
      expect(detectLocale(text, 'zh-CN'), text).toBe('zh-CN');
    }
  });
});
