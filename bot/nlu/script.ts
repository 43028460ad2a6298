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
import { Converter, Locale, type DictGroup, type DictLike } from 'opencc-js/t2cn';
let convert: ((text: string) => string) | undefined;
let mayChange: ((text: string) => boolean) | undefined;

/** Cantonese function words and their Mandarin counterparts, one character each. */
const CANTONESE: Record<string, string> = {
  咗: '了',
  唔: '不',
  嘅: '的',
  係: '是',
  冇: '没',
  喺: '在',
  嚟: '来',
  睇: '看',
  佢: '他',
  啲: '些',
  俾: '给',
  畀: '给',
  攞: '拿',
  諗: '想',
  谂: '想',
  嗰: '那',
  咩: '啥',
  乜: '啥',
  嘢: '东',
};
const CANTONESE_RE = new RegExp(`[${Object.keys(CANTONESE).join('')}]`, 'g');

/**
 * Could hold a Han character: one of extension A or later in the basic plane, or any character
 * outside it (extension B and on, written as two UTF-16 units). A text without one is left as it is.
 */
const MAY_BE_HAN = /[\u3400-\uffff\ud800-\udbff]/;

/** The text with traditional characters (Hong Kong, Taiwan or generic forms) in their mainland simplified form. */
export function toSimplified(text: string): string {
  if (!MAY_BE_HAN.test(text)) return text;
  if (!(mayChange ??= changeGuard())(text)) return text;
  const run = convert ?? (convert = Converter({ from: 'hk', to: 'cn' }));
  return run(text);
}

/** The text in simplified characters with written Cantonese's function words in Mandarin. */
export function toMandarin(text: string): string {
  if (!MAY_BE_HAN.test(text)) return text;
  CANTONESE_RE.lastIndex = 0;
  return toSimplified(CANTONESE_RE.test(text) ? text.replace(CANTONESE_RE, (ch) => CANTONESE[ch]!) : text);
}

/**
 * Whether the hk → cn conversion could change a text, asked before running it: most messages are
 * in simplified characters already, and the conversion walks its dictionaries' tries at every
 * character (3.3 µs a message on heldout-4 and CrossWOZ, about a twentieth of a parse). OpenCC
 * replaces what one of its entries matches, so a text changes only if it holds the whole source
 * of an entry that changes something. Each such
 * entry is guarded by one character of its source: a one-character source by itself (a traditional
 * character, or a Hong Kong variant such as 吃, which goes 吃 → 喫 → 吃 and so is converted for
 * nothing), a longer one by a traditional character of it, or else by its last character, with the
 * source looked for in full when that character turns up (一坏 → 一坯 costs a search only in a text
 * with 坏). The conversion is a chain of stages, and a stage that changes nothing hands the next the
 * same text, so guarding the entries of every stage guards the chain. 85% of the Chinese lines of
 * heldout-4 and CrossWOZ skip the conversion (CrossWOZ, about food and travel, has many a 吃), and
 * toMandarin went from 3.3 to 1.6 µs a message; a test holds the guard to the converter on random
 * texts made of the dictionaries' own phrases.
 */
function changeGuard(): (text: string) => boolean {
  const config = Locale.configs.hk2s as
    | {
        normalizationChain?: readonly DictGroup[];
        segmentation: DictLike | DictGroup;
        conversionChain: readonly DictGroup[];
      }
    | undefined;
  // Dictionaries laid out otherwise by a later opencc-js: convert every text, as before the guard.
  if (!config) return () => true;
  const groups: DictLike[] = [
    ...(config.normalizationChain ?? []).flat(),
    ...(typeof config.segmentation === 'string' || isEntryList(config.segmentation)
      ? [config.segmentation]
      : config.segmentation),
    ...config.conversionChain.flat(),
  ];
  const changing = groups.flatMap(entries).filter(([from, to]) => from !== to);
  const single = new Set<number>();
  for (const [from] of changing) if ([...from].length === 1) single.add(from.codePointAt(0)!);
  const guarded = new Map<number, string[]>();
  for (const [from] of changing) {
    const codes = [...from].map((c) => c.codePointAt(0)!);
    if (codes.length === 1 || codes.some((c) => single.has(c))) continue;
    const last = codes[codes.length - 1]!;
    guarded.set(last, [...(guarded.get(last) ?? []), from]);
  }
  // Below the lowest code of any source (Latin letters, digits, most punctuation) nothing is looked up.
  let lowest = Infinity;
  for (const [from] of changing) for (const c of from) lowest = Math.min(lowest, c.codePointAt(0)!);
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (code < lowest) continue;
      if (single.has(code)) return true;
      const sources = guarded.get(code);
      if (sources?.some((from) => text.includes(from))) return true;
    }
    return false;
  };
}

const isEntryList = (d: DictLike | DictGroup): d is DictLike =>
  Array.isArray(d) && d.every((e) => Array.isArray(e) && typeof e[0] === 'string');

/** A dictionary's [source, replacement] entries: given as such, or as "source replacement|…" (as opencc-js reads it). */
function entries(dict: DictLike): Array<readonly [string, string]> {
  if (typeof dict !== 'string') return [...dict];
  return dict
    .split('|')
    .map((entry) => entry.split(' '))
    .filter(([from]) => from)
    .map(([from, to]) => [from!, to ?? ''] as const);
}
