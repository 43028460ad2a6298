/**
 * Chinese as the training phrases are written: mainland simplified characters and Mandarin.
 *
 * Traditional characters: customers in Hong Kong, Taiwan or on a phone set to traditional
 * characters write 訂單, 審批, 開通, while the training phrases and domain words are in simplified
 * characters, so 我嘅單審批咗未呀 shared almost nothing with them. OpenCC's traditional-to-mainland
 * dictionaries (opencc-js) do the conversion; this is the only module that imports it.
 *
 * Written Cantonese: its function words (咗 for 了, 唔 for 不, 嘅 for 的, 冇 for 没, 喺 for 在 …) are
 * read as their Mandarin counterparts first, so 寄咗未 meets the domain word 寄了 and the phrases
 * written in Mandarin. Only characters Mandarin does not use in these senses are mapped: 係 but not
 * its simplified form 系 (联系), not 呢 (a Mandarin particle too).
 *
 * Entity offsets must stay those of the customer's text, so a caller reads spans from the converted
 * text only when it has the same length, as character-by-character conversion keeps it; the
 * Cantonese map is one character for one.
 */
import { Converter } from 'opencc-js/t2cn';
import { HAN } from './chinese.js';
let convert: ((text: string) => string) | undefined;

/** Cantonese function words and their Mandarin counterparts, one character each. */
const CANTONESE: Record<string, string> = {
  咗: '了', 唔: '不', 嘅: '的', 係: '是', 冇: '没', 喺: '在', 嚟: '来', 睇: '看', 佢: '他', 啲: '些',
  俾: '给', 畀: '给', 攞: '拿', 諗: '想', 谂: '想', 嗰: '那', 咩: '啥', 乜: '啥', 嘢: '东',
};
const CANTONESE_RE = new RegExp(`[${Object.keys(CANTONESE).join('')}]`, 'g');

/** The text with traditional characters (Hong Kong, Taiwan or generic forms) in their mainland simplified form. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  const run = convert ?? (convert = Converter({ from: 'hk', to: 'cn' }));
  return run(text);
}

/** The text in simplified characters with written Cantonese's function words in Mandarin. */
export function toMandarin(text: string): string {
  if (!HAN.test(text)) return text;
  return toSimplified(text.replace(CANTONESE_RE, (ch) => CANTONESE[ch]!));
}
