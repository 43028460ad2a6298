/**
 * Typo tolerance for English words. A word the training phrases never use ("thnks", "heyy", "activat")
 * carries no evidence at all, so a customer's typo made an otherwise familiar message unknown. Such a
 * word is replaced by a known word one edit away (a letter added, dropped, changed, or two neighbours
 * swapped), found through an index of every known word with each letter deleted (a symmetric-delete
 * index: a handful of lookups per word instead of a distance to every word) and confirmed with
 * natural's Damerau-Levenshtein distance. Ties go to the word the training phrases use most.
 * Words under `minLength` letters and words the phrases know are left as they are.
 */
import { DamerauLevenshteinDistance } from './natural-lib.js';

export class Speller {
  private readonly frequency = new Map<string, number>();
  /** Each known word, and each of its one-letter deletions, to the known words it comes from. */
  private readonly index = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(
    words: Iterable<string>,
    private readonly minLength = 3,
  ) {
    for (const w of words) this.frequency.set(w, (this.frequency.get(w) ?? 0) + 1);
    for (const w of this.frequency.keys()) {
      if (w.length < minLength) continue;
      for (const key of new Set([w, ...deletions(w)])) {
        const list = this.index.get(key) ?? [];
        list.push(w);
        this.index.set(key, list);
      }
    }
  }

  /** The word itself if known, too short or with no known word one edit away; else that known word. */
  correct(word: string): string {
    if (word.length < this.minLength || this.frequency.has(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let best = word;
    let bestFrequency = 0;
    for (const key of new Set([word, ...deletions(word)])) {
      for (const candidate of this.index.get(key) ?? []) {
        const f = this.frequency.get(candidate)!;
        if (f > bestFrequency && DamerauLevenshteinDistance(word, candidate) === 1) {
          best = candidate;
          bestFrequency = f;
        }
      }
    }
    if (this.cache.size < 50_000) this.cache.set(word, best);
    return best;
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
