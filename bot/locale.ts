export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/g;
/** Not language: markup, links, e-mail addresses, `key=value` and code-like tokens. */
const NOT_PROSE = /<[^>]*>|\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|\S*[=_{}\\/]\S*/g;

/**
 * The language a customer wrote in: any Chinese character means zh-CN, two or more Latin words
 * mean English, anything else (digits, emoji, "ok", pasted markup or links) keeps the
 * conversation's current language.
 */
export function detectLocale(text: string, current: Locale): Locale {
  if (HAN.test(text)) return 'zh-CN';
  const words = text.replace(NOT_PROSE, ' ').match(LATIN_WORD);
  if (words && (words.length >= 2 || (words[0]?.length ?? 0) >= 4)) return 'en';
  return current;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
