/**
 * Typos of Chinese input methods, read as the word meant. A pinyin keyboard offers every character
 * of a sound, so a hurried customer sends 快地 for 快递, 激火 for 激活, 审和 for 审核, or types the pinyin
 * itself ("kuaidi number", "zhuan rengong"). Such a word is unknown to the models and to the domain
 * gate, so the message was out of scope. Here a run of characters that sounds like a word of the
 * bot's domain (knowledge/nlu/domain.json) and differs from it in one character is replaced by it, as
 * is a pinyin spelling of one; readings come from pinyin-pro, the only module that imports it.
 *
 * Real words stay as they are: characters that jieba's dictionary (without its guesser for unknown
 * words) keeps inside a longer word are no typo (一动不动 is not 移动不动); the dictionary loads on the
 * first message that needs it (0.23 s, once). English is never read as pinyin: a term spelt like a
 * word of natural's English lexicon is listed in NOT_PINYIN, and a test checks every term against
 * that lexicon. The text keeps its length (pinyin is padded with spaces), so entity offsets stay
 * those of the customer's text.
 */
import { pinyin } from 'pinyin-pro';
import { HAN, HAN_RANGE, jiebaCutter } from './chinese.js';
import type { DomainTerms } from './domain.js';

const HAN_RUN = new RegExp(`[${HAN_RANGE}]+`, 'g');
const LATIN_RUN = /[a-z]+/gi;
/** Words of 2 to 4 characters are corrected; a single character sounds like too many others. */
const MIN = 2;
const MAX = 4;
/** Pinyin of domain terms that is also English (复机 "fuji"): left as written. */
const NOT_PINYIN = new Set(['fuji']);

/** Syllables by number, and each character seen to the number of its reading. */
const syllables: string[] = [];
const syllableIds = new Map<string, number>();
const charSyllable = new Map<number, number>();
/**
 * A character's most common reading, without tone ("递" → "di"), as a number (see `syllables`); the
 * same for a term and a message.
 */
function syllableOf(ch: string): number {
  const code = ch.charCodeAt(0);
  let id = charSyllable.get(code);
  if (id === undefined) {
    const sound = pinyin(ch, { toneType: 'none' }).toLowerCase();
    id = syllableIds.get(sound);
    if (id === undefined) {
      id = syllables.length;
      syllables.push(sound);
      syllableIds.set(sound, id);
    }
    if (charSyllable.size < 50_000) charSyllable.set(code, id);
  }
  return id;
}
const pair = (a: number, b: number) => a * 65_536 + b;

export class Homophones {
  /** Sound of a term, its syllables' numbers joined by spaces, to the term; null where two terms sound alike. */
  private readonly bySound = new Map<string, string | null>();
  /** Pinyin spelling of a term without spaces ("kuaidi") to the term. */
  private readonly bySpelling = new Map<string, string | null>();
  /** The first two syllables of every term (see `pair`): a window starting with any other sounds is no typo of one. */
  private readonly firstSounds = new Set<number>();
  /** Every stretch of letters inside a term's spelling: a Latin word that is none of them is no pinyin of one. */
  private readonly spellingParts = new Set<string>();

  /**
   * The readings of the bot's own words: domain.json's Chinese terms and its `ours` list. A term that
   * sounds like one listed before it is a listed typo of it (定单 for 订单, 首冲 for 首充), so it gives
   * no reading of its own: "dingdan" is read as 订单 rather than as neither.
   */
  static forDomain(domain: DomainTerms): Homophones {
    const seen = new Set<string>();
    return new Homophones(
      [...domain.zh, ...(domain.ours?.zh ?? [])].filter((term) => {
        const sound = [...term].map(syllableOf).join(' ');
        if (seen.has(sound)) return false;
        seen.add(sound);
        return true;
      }),
    );
  }

  /** @param terms the words a typo is read as (Chinese, 2 to 4 characters; others are ignored) */
  constructor(terms: Iterable<string>) {
    const add = (map: Map<string, string | null>, key: string, term: string) => {
      const had = map.get(key);
      map.set(key, had === undefined || had === term ? term : null);
    };
    for (const term of terms) {
      const chars = [...term];
      if (chars.length < MIN || chars.length > MAX || !chars.every((c) => HAN.test(c))) continue;
      const ids = chars.map(syllableOf);
      add(this.bySound, ids.join(' '), term);
      this.firstSounds.add(pair(ids[0]!, ids[1]!));
      const spelling = ids.map((id) => syllables[id]).join('');
      if (NOT_PINYIN.has(spelling)) continue;
      add(this.bySpelling, spelling, term);
      for (let i = 0; i < spelling.length; i++)
        for (let j = i + 1; j <= spelling.length; j++) this.spellingParts.add(spelling.slice(i, j));
    }
  }

  /** The pinyin spelling of every term, syllables joined ("kuaidi"). */
  spellings(): string[] {
    return [...this.bySpelling.keys()];
  }

  /** The text with sound-alike typos and pinyin spellings of known words replaced by them; same length. */
  correct(text: string): string {
    const read = HAN.test(text) ? text.replace(HAN_RUN, (run) => this.correctRun(run)) : text;
    return this.correctPinyin(read);
  }

  /**
   * Has a Latin word of 4 letters or more, or two words a space apart ("wu liu"), that is part of a
   * term's spelling (most English has none).
   */
  private mayHavePinyin(text: string): boolean {
    LATIN_RUN.lastIndex = 0;
    let previous: { word: string; end: number } | undefined;
    for (let m = LATIN_RUN.exec(text); m; m = LATIN_RUN.exec(text)) {
      const word = m[0].toLowerCase();
      const joined = previous && /^ +$/.test(text.slice(previous.end, m.index)) ? previous.word + word : '';
      if (
        (word.length >= 4 && this.spellingParts.has(word)) ||
        (joined.length >= 4 && this.spellingParts.has(joined))
      ) {
        LATIN_RUN.lastIndex = 0;
        return true;
      }
      previous = { word, end: m.index + m[0].length };
    }
    return false;
  }

  private correctRun(run: string): string {
    if (run.length < MIN) return run;
    const chars = [...run];
    const sounds = chars.map(syllableOf);
    let changed: string[] | undefined;
    let whole: Set<number> | undefined;
    for (let i = 0; i + MIN <= chars.length; i++) {
      if (!this.firstSounds.has(pair(sounds[i]!, sounds[i + 1]!))) continue;
      for (let len = Math.min(MAX, chars.length - i); len >= MIN; len--) {
        const term = this.bySound.get(sounds.slice(i, i + len).join(' '));
        if (!term) continue;
        const window = chars.slice(i, i + len);
        const diff = window.reduce((n, c, k) => n + (c === term[k] ? 0 : 1), 0);
        if (diff !== 1) continue;
        // Only characters jieba's dictionary leaves on their own: inside a word they are no typo.
        whole ??= singleCharacters(run);
        if (!window.every((_, k) => whole!.has(i + k))) continue;
        changed ??= [...chars];
        for (let k = 0; k < len; k++) changed[i + k] = term[k]!;
        i += len - 1;
        break;
      }
    }
    return changed ? changed.join('') : run;
  }

  private correctPinyin(text: string): string {
    if (!this.mayHavePinyin(text)) return text;
    const words = [...text.matchAll(LATIN_RUN)].map((m) => ({
      word: m[0].toLowerCase(),
      start: m.index!,
      end: m.index! + m[0].length,
    }));
    let out = text;
    for (let i = 0; i < words.length; i++) {
      // The longest run of up to four neighbouring words (separated by spaces only) spelling a term.
      for (let n = Math.min(MAX, words.length - i); n >= 1; n--) {
        const group = words.slice(i, i + n);
        if (group.some((w, k) => k > 0 && text.slice(group[k - 1]!.end, w.start).trim() !== '')) continue;
        const term = this.bySpelling.get(group.map((w) => w.word).join(''));
        if (!term) continue;
        const start = group[0]!.start;
        const end = group[n - 1]!.end;
        out = out.slice(0, start) + term.padEnd(end - start, ' ') + out.slice(end);
        i += n - 1;
        break;
      }
    }
    return out;
  }
}

/** Positions in `run` that jieba's dictionary cuts as one-character words. */
function singleCharacters(run: string): Set<number> {
  const out = new Set<number>();
  let at = 0;
  // Without jieba's guesser for unknown words (hmm off): only dictionary words come out whole.
  for (const word of jiebaCutter().cut(run, false)) {
    const n = [...word].length;
    if (n === 1) out.add(at);
    at += n;
  }
  return out;
}
