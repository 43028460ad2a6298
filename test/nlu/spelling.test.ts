import { describe, expect, it } from 'vitest';
import { Speller } from '../../bot/nlu/spelling.js';
import { plainTestNlu } from '../helpers/nlu-models.js';

describe('Speller', () => {
  const speller = new Speller(['thanks', 'thanks', 'hello', 'hey', 'activate', 'no', 'nope', 'cart', 'card', 'card']);

  it('replaces an unknown word by the known word one edit away: added, dropped, changed or swapped letters', () => {
    expect(speller.correct('thnks')).toBe('thanks');
    expect(speller.correct('heyy')).toBe('hey');
    expect(speller.correct('hallo')).toBe('hello');
    expect(speller.correct('thnaks')).toBe('thanks');
    expect(speller.correct('activat')).toBe('activate');
  });

  it('leaves known words, short words and words two edits from anything alone', () => {
    expect(speller.correct('cart')).toBe('cart');
    expect(speller.correct('ta')).toBe('ta');
    expect(speller.correct('hotel')).toBe('hotel');
    expect(speller.correct('thx')).toBe('thx');
  });

  it('breaks a tie with the word the phrases use most', () => {
    // "carx" is one edit from both "card" (used twice) and "cart" (once).
    expect(speller.correct('carx')).toBe('card');
    expect(new Speller(['cart', 'cart', 'card']).correct('carx')).toBe('cart');
  });
});

describe('typos in a conversation', () => {
  it('understands misspelt English the training phrases spell right', () => {
    const nlu = plainTestNlu();
    expect(nlu.parse('thnks').intent.name).toBe('thanks');
    expect(nlu.parse('heyy').intent.name).toBe('greet');
    expect(nlu.parse('how to activat the sim').intent.name).toBe('activation');
  });
});
