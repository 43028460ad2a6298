/**
 * Words looked up in a message once its intent is decided, as entities of their own: the platform
 * words of knowledge/glossary.json (`term`, valued by the term's id), a regulator or public channel a
 * customer threatens to go to (`escalation`), what they want of a plan (`preference`: `cheap`,
 * `data` or `noFirstTopUp`), a pointer at another order than the one discussed (`another_order`)
 * a report of a swapped card (`card_swap`) and a word of refusal (`negation`), from
 * knowledge/nlu/keywords.json. They take no part in the intent's features
 * or in the domain gate: the model is trained and calibrated without them, and the dialog policy
 * reads them as facts of the message.
 */
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, loadJsonFile } from '../knowledge/loader.js';
import { GlossaryFile } from '../knowledge/schemas.js';
import type { Entity } from './entities.js';
import { Gazetteer, type GazetteerTerm } from './gazetteer.js';
import { NLU_DIR } from './training-data.js';

export const KEYWORD_ENTITIES = ['term', 'escalation', 'preference', 'another_order', 'card_swap', 'negation'] as const;

const words = z.array(z.string().trim().min(1)).min(1);
export const KeywordsFile = z.strictObject({
  about: z.string().optional(),
  escalation: words,
  preference: z.strictObject({ cheap: words, data: words, noFirstTopUp: words }),
  anotherOrder: words,
  cardSwap: words,
  negation: words,
});

export const DEFAULT_GLOSSARY_FILE = path.join(KNOWLEDGE_DIR, 'glossary.json');
export const DEFAULT_KEYWORDS_FILE = path.join(NLU_DIR, 'keywords.json');

export class Keywords {
  private readonly gazetteer: Gazetteer;

  constructor(terms: Iterable<GazetteerTerm>) {
    this.gazetteer = new Gazetteer(terms);
  }

  /** Reads knowledge/glossary.json's names and knowledge/nlu/keywords.json (or the files given). */
  static load(glossaryFile = DEFAULT_GLOSSARY_FILE, keywordsFile = DEFAULT_KEYWORDS_FILE): Keywords {
    const glossary = loadJsonFile(glossaryFile, GlossaryFile);
    const keywords = loadJsonFile(keywordsFile, KeywordsFile);
    return new Keywords([
      ...glossary.terms.flatMap((t) => t.names.map((surface) => ({ surface, entity: 'term', value: t.id }))),
      ...keywords.escalation.map((surface) => ({ surface, entity: 'escalation', value: surface })),
      ...(['cheap', 'data', 'noFirstTopUp'] as const).flatMap((value) => keywords.preference[value].map((surface) => ({ surface, entity: 'preference', value }))),
      ...keywords.anotherOrder.map((surface) => ({ surface, entity: 'another_order', value: surface })),
      ...keywords.cardSwap.map((surface) => ({ surface, entity: 'card_swap', value: surface })),
      ...keywords.negation.map((surface) => ({ surface, entity: 'negation', value: surface.trim() })),
    ]);
  }

  /** Leftmost-longest, non-overlapping; spans are offsets into `text`. */
  find(text: string): Entity[] {
    return this.gazetteer.find(text);
  }
}
