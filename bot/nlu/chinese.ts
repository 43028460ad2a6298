/**
 * What every reader of Chinese text shares: which characters are Han, the digits, and jieba's dictionary
 * (@node-rs/jieba, this is the only module that loads it, on first use: 0.2 s).
 */
import { createRequire } from 'node:module';

/** The Han ranges as a character-class body: unified ideographs, extension A, compatibility ideographs. */
export const HAN_RANGE = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** Has a Han character. */
export const HAN = new RegExp(`[${HAN_RANGE}]`);

/** Digits written in Chinese, as said and as dictated (幺 for 1 in phone numbers, 〇 for 0). */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export interface Jieba {
  cut(text: string, hmm?: boolean): string[];
}

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

/** jieba with its default dictionary, loaded once. */
export function jiebaCutter(): Jieba {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Jieba } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}
