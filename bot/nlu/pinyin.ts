/**
 * Messages written in pinyin ("wo de ka weishenme meiyou tongguo"): customers without a Chinese
 * keyboard at hand type the sounds. Such a message is Chinese: it is answered in Chinese, and it is
 * read by the Chinese model after being written back in characters.
 *
 * Telling pinyin from English is a matter of form: every word must cut into Mandarin syllables (the
 * closed list in knowledge/nlu/pinyin-syllables.json), and English function words, which some
 * syllables spell ("can you", "a man"), must not be half of the words.
 *
 * Writing it back uses the words of the Chinese training phrases: each is cut by jieba and read with
 * pinyin-pro, and a sequence of syllables becomes the sequence of those words that covers it best
 * (longer and more frequent words first). The table is built on the first pinyin message (about
 * 0.4 s), never at start-up. A syllable no word spells is left in Latin letters.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { loadJsonFile } from '../knowledge/loader.js';
import { HAN, jiebaCutter } from './chinese.js';
import { NLU_DIR } from './training-data.js';

const require = createRequire(import.meta.url);
const EN_STOP: ReadonlySet<string> = new Set(
  (require('natural/lib/natural/util/stopwords.js') as { words: string[] }).words,
);

const SyllablesFile = z.strictObject({ about: z.string(), syllables: z.array(z.string().regex(/^[a-zü]+$/)).min(400) });
const SYLLABLES: ReadonlySet<string> = new Set(
  loadJsonFile(path.join(NLU_DIR, 'pinyin-syllables.json'), SyllablesFile).syllables.map((s) => s.replace(/ü/g, 'v')),
);
const LONGEST = 6; // zhuang, shuang
const WORD = /[a-zA-Zü]+/g;
/** How often a domain word counts as seen: more than any reading of its characters one by one. */
const DOMAIN_WORD_WEIGHT = 10_000;
/** Latin words and the spaces between them. */
const STRETCH = /[a-zA-Zü]+(?:\s+[a-zA-Zü]+)*/g;

/** The syllables a Latin word cuts into (the fewest), or undefined if it does not cut into syllables. */
export function syllablesOf(word: string): string[] | undefined {
  const w = word.toLowerCase().replace(/ü/g, 'v');
  // best[i]: the fewest syllables covering w[0, i), with the cut that gave it.
  const best: Array<{ n: number; from: number } | undefined> = [{ n: 0, from: 0 }];
  for (let i = 1; i <= w.length; i++) {
    for (let j = Math.max(0, i - LONGEST); j < i; j++) {
      const before = best[j];
      if (!before || !SYLLABLES.has(w.slice(j, i))) continue;
      if (!best[i] || before.n + 1 < best[i]!.n) best[i] = { n: before.n + 1, from: j };
    }
  }
  if (!best[w.length]) return undefined;
  const out: string[] = [];
  for (let i = w.length; i > 0; i = best[i]!.from) out.unshift(w.slice(best[i]!.from, i));
  return out;
}

let lexicon: ReadonlySet<string> | undefined;
/** natural's English lexicon (80,000 words), loaded on the first message that could be pinyin. */
function englishWords(): ReadonlySet<string> {
  return (lexicon ??= new Set(
    Object.keys(require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as object).map(
      (w) => w.toLowerCase(),
    ),
  ));
}

/**
 * Whether a message is Mandarin written in pinyin: no Han; every word cuts into syllables; two words
 * or more, or one of three syllables or more ("weishenme"; a two-syllable word alone, "nihao", is read
 * as it is); and English words are not half of them. An English word is a function word ("can you")
 * or a longer word of the English lexicon ("sure", "anyone"): the lexicon also lists many single
 * syllables (wo, de, ma), which say nothing either way. A two-syllable word alone is pinyin when it
 * spells a word of the domain (`domainWord`: "dingdan 172…", "weihao 4938").
 */
export function isPinyin(text: string, domainWord?: (word: string) => boolean): boolean {
  if (HAN.test(text)) return false;
  const words = text.match(WORD);
  if (!words) return false;
  const cuts: string[][] = [];
  for (const w of words) {
    const cut = syllablesOf(w);
    if (!cut) return false;
    cuts.push(cut);
  }
  const syllables = cuts.reduce((n, c) => n + c.length, 0);
  if (words.length < 2 && syllables < 3 && !domainWord?.(words[0]!)) return false;
  const english = words.filter(
    (w, i) => EN_STOP.has(w.toLowerCase()) || (cuts[i]!.length > 1 && englishWords().has(w.toLowerCase())),
  ).length;
  return english * 2 < words.length;
}

/** Han words by the syllables that spell them, from the training phrases, with how often each was seen. */
export class PinyinReader {
  private table: Map<string, { word: string; count: number }> | undefined;
  private longestWord = 1;

  /**
   * `phrases`: the Chinese training phrases, cut into words by jieba. `words`: words of the domain
   * (首充, 风控, 号池…), which jieba's dictionary may cut in two: they are spelt as wholes and outweigh
   * any reading of their characters one by one.
   */
  constructor(
    private readonly phrases: () => readonly string[],
    private readonly words: () => readonly string[] = () => [],
  ) {}

  private build(): Map<string, { word: string; count: number }> {
    // Counted by word and reading together: 了 is "le" in 好了 but "liao" in 了解.
    const counts = new Map<string, { word: string; key: string; count: number }>();
    const add = (word: string, key: string) => {
      const id = `${word} ${key}`;
      const seen = counts.get(id);
      if (seen) seen.count++;
      else counts.set(id, { word, key, count: 1 });
    };
    const jieba = jiebaCutter();
    const readings = new Map<string, string[]>();
    for (const phrase of this.phrases()) {
      for (const word of jieba.cut(phrase, false)) {
        if (!/^[\u3400-\u9fff]{1,4}$/.test(word)) continue;
        let sounds = readings.get(word);
        if (!sounds)
          readings.set(
            word,
            (sounds = pinyin(word, { toneType: 'none', type: 'array' }).map((s) => s.replace(/ü/g, 'v'))),
          );
        add(word, sounds.join(' '));
        // Its characters too, read as in this word, so a word jieba never cut alone can still be spelt.
        if (word.length > 1 && sounds.length === word.length) [...word].forEach((c, i) => add(c, sounds[i]!));
      }
    }
    for (const word of this.words()) {
      if (!/^[\u3400-\u9fff]{2,6}$/.test(word)) continue;
      const key = pinyin(word, { toneType: 'none', type: 'array' })
        .map((x) => x.replace(/ü/g, 'v'))
        .join(' ');
      counts.set(`${word} ${key}`, { word, key, count: DOMAIN_WORD_WEIGHT });
    }
    const table = new Map<string, { word: string; count: number }>();
    for (const { word, key, count } of counts.values()) {
      const seen = table.get(key);
      if (!seen || count > seen.count) table.set(key, { word, count });
      this.longestWord = Math.max(this.longestWord, word.length);
    }
    return table;
  }

  private domainKeys: ReadonlySet<string> | undefined;

  /** Whether a Latin word spells a word of the domain in pinyin ("dingdan" 订单, "shouchong" 首充). */
  spellsDomainWord(word: string): boolean {
    this.domainKeys ??= new Set(
      this.words().map((w) => pinyin(w, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v')),
    );
    return this.domainKeys.has(word.toLowerCase().replace(/ü/g, 'v'));
  }

  /**
   * The message written in characters. Each stretch of Latin words (with the spaces between them)
   * is written back as a whole; digits, punctuation and emoji stay where they were.
   */
  toHan(text: string): string {
    return text.replace(STRETCH, (stretch) => this.stretchToHan(stretch));
  }

  private stretchToHan(stretch: string): string {
    const table = (this.table ??= this.build());
    const sounds: string[] = [];
    for (const w of stretch.match(WORD) ?? []) sounds.push(...(syllablesOf(w) ?? [w.toLowerCase()]));
    // best[i]: the best score covering sounds[0, i), with the word that ends there.
    const best: Array<{ score: number; from: number; word: string }> = [{ score: 0, from: 0, word: '' }];
    for (let i = 1; i <= sounds.length; i++) {
      let top: { score: number; from: number; word: string } | undefined;
      for (let j = Math.max(0, i - this.longestWord); j < i; j++) {
        const hit = table.get(sounds.slice(j, i).join(' '));
        const len = i - j;
        // A known word of n syllables scores n² plus a little for frequency; an unknown syllable costs.
        const score = best[j]!.score + (hit ? len * len + Math.log10(1 + hit.count) / 10 : -1);
        if (!hit && len > 1) continue;
        if (!top || score > top.score) top = { score, from: j, word: hit?.word ?? sounds[j]! };
      }
      best[i] = top!;
    }
    const out: string[] = [];
    for (let i = sounds.length; i > 0; i = best[i]!.from) out.unshift(best[i]!.word);
    return out.join('');
  }
}
