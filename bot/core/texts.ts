/**
 * Reply texts from knowledge/replies.json: `t(k, locale, 'key', { orderNo })` fills `{orderNo}`.
 * A missing key is a programming error and throws, so a test catches it.
 */
import type { Knowledge } from '../knowledge/loader.js';
import type { Locale } from '../locale.js';

export function t(k: Knowledge, locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = k.replies[locale][key];
  if (template === undefined) throw new Error(`reply text '${key}' is missing for ${locale}`);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Whether `text` is the quick reply `key` typed back (or clicked), in either language. */
export function isQuickReply(k: Knowledge, text: string, key: string): boolean {
  const typed = text.trim();
  return typed === k.replies['zh-CN'][key] || typed === k.replies.en[key];
}
