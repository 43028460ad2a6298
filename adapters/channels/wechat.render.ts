/**
 * How bot replies look in WeChat, which has no buttons: suggestions become numbered lines the
 * customer answers with a digit, and long texts are cut at line or sentence ends.
 */
import type { Locale } from '../../bot/locale.js';

/** WeChat shows long texts folded; ~600 characters still reads as one message on a phone. */
export const MAX_WECHAT_CHARS = 600;

const TEXT = {
  'zh-CN': {
    pick: '回复数字即可选择：',
    nonText:
      '抱歉，我只能看懂文字消息。请直接用文字告诉我您的问题，例如订单号。为保护您的隐私，请不要发送身份证等证件照片。',
    tooLong: (max: number) => `消息太长了，请分几次发送（每条不超过 ${max} 字）。`,
    failed: '抱歉，系统暂时出了点问题，请稍后再发一次。',
  },
  en: {
    pick: 'Reply with a number to choose:',
    nonText:
      'Sorry, I can only read text. Please type your question, for example your order number. To protect your privacy, do not send photos of your ID card.',
    tooLong: (max: number) => `That message is too long; please send it in parts of at most ${max} characters.`,
    failed: 'Sorry, something went wrong on our side. Please send your message again in a moment.',
  },
} as const;

export function channelText(locale: Locale) {
  return TEXT[locale];
}

/** The reply text with its suggestions as `1. …` lines (numbered only when `numbered`). */
export function renderReply(
  text: string,
  suggestions: readonly string[] | undefined,
  locale: Locale,
  numbered = true,
): string {
  if (!suggestions?.length) return text;
  const lines = suggestions.map((s, i) => (numbered ? `${i + 1}. ${s}` : `· ${s}`));
  return numbered ? `${text}\n\n${TEXT[locale].pick}\n${lines.join('\n')}` : `${text}\n\n${lines.join('\n')}`;
}

/** "1", "２", " 3 " → the suggestion it picks, when there is one; otherwise null. */
export function pickSuggestion(text: string, suggestions: readonly string[]): string | null {
  const m = /^\s*([0-9０-９]{1,2})\s*[.。、]?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(
    [...m[1]!].map((c) => String.fromCharCode(c >= '０' ? c.charCodeAt(0) - 0xfee0 : c.charCodeAt(0))).join(''),
  );
  return suggestions[n - 1] ?? null;
}

/**
 * Cuts a text into parts of at most `max` characters (code points), preferring a line end, then
 * a sentence end, then a comma, over a cut in the middle of a sentence.
 */
export function splitText(text: string, max = MAX_WECHAT_CHARS): string[] {
  const parts: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > max) {
    const head = rest.slice(0, max).join('');
    const at =
      lastBreak(head, /\n/g) ??
      lastBreak(head, /[。！？!?；;]|\.(?=\s)/g) ??
      lastBreak(head, /[，,、]|\s/g) ??
      head.length;
    const cut = [...head.slice(0, at)];
    const piece = cut.join('').trim();
    if (piece) parts.push(piece);
    rest = rest.slice(cut.length);
    while (rest.length && /\s/.test(rest[0]!)) rest.shift();
  }
  const tail = rest.join('').trim();
  if (tail) parts.push(tail);
  return parts;
}

/** The UTF-16 index just after the last match, if it is not in the first third (tiny parts read badly). */
function lastBreak(head: string, re: RegExp): number | null {
  let last: number | null = null;
  for (const m of head.matchAll(re)) last = m.index + m[0].length;
  if (last === null || [...head.slice(0, last)].length < [...head].length / 3) return null;
  return last;
}
