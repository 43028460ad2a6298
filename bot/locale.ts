export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const HAN_ALL = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]{2,}/g;
/** Not language: markup, links, e-mail addresses, `key=value` and code-like tokens. */
const NOT_PROSE = /<[^>]*>|\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|\S*[=_{}\\/]\S*/g;

/**
 * The language a customer wrote in. Chinese when Han characters are there, unless they are a quoted
 * word inside English prose (three Latin words or more, and more of them than Han characters:
 * 'What does "已结算" mean on my order?'). English for two Latin words or more, or one long word that
 * is not pinyin (`mayBePinyin`: "refund" is English, "weihao" with a phone tail may be the customer's
 * Chinese, so it keeps the conversation's language). Anything else (digits, emoji, "ok", pasted
 * markup or links) keeps the current language.
 */
export function detectLocale(
  text: string,
  current: Locale,
  mayBePinyin: (word: string) => boolean = () => false,
): Locale {
  const words = text.replace(NOT_PROSE, ' ').match(LATIN_WORD) ?? [];
  const han = text.match(HAN_ALL)?.length ?? 0;
  if (han > 0) return words.length >= 3 && words.length > han ? 'en' : 'zh-CN';
  if (words.length >= 2) return 'en';
  if (words.length === 1 && words[0]!.length >= 4 && !mayBePinyin(words[0]!)) return 'en';
  return current;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
