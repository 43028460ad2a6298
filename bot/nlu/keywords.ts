/**
 * Words looked up in a message once its intent is decided, as entities of their own: the platform
 * words of knowledge/glossary.json (`term`, valued by the term's id), a regulator or public channel a
 * customer threatens to go to (`escalation`), what they want of a plan (`preference`, see
 * PREFERENCES), a pointer at another order than the one discussed (`another_order`), a report of a
 * swapped card (`card_swap`), a word of refusal before what it refuses (`negation`) or right after
 * it (`refusal_after`: 联通的不要), a word making several operators
 * acceptable (`any_of`: 都行, 或者), one for no operator in particular (`any_operator`) and one for
 * another operator than the plan's in question (`other_operator`: 换个运营商), from
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

export const KEYWORD_ENTITIES = [
  'term',
  'escalation',
  'preference',
  'another_order',
  'card_swap',
  'negation',
  'refusal_after',
  'any_of',
  'any_operator',
  'other_operator',
] as const;

/** What a customer may want of a plan (knowledge/nlu/keywords.json `preference`). */
export const PREFERENCES = [
  'cheap',
  'data',
  'noFirstTopUp',
  'minutes',
  'cheaper',
  'moreData',
  'similarData',
  'similarFee',
  'lessData',
] as const;
export type Preference = (typeof PREFERENCES)[number];

const words = z.array(z.string().trim().min(1)).min(1);
export const KeywordsFile = z.strictObject({
  about: z.string().optional(),
  escalation: words,
  preference: z.strictObject(
    Object.fromEntries(PREFERENCES.map((p) => [p, words])) as Record<Preference, typeof words>,
  ),
  anotherOrder: words,
  cardSwap: words,
  negation: words,
  refusalAfter: words,
  anyOf: words,
  anyOperator: words,
  otherOperator: words,
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
      ...PREFERENCES.flatMap((value) =>
        keywords.preference[value].map((surface) => ({ surface, entity: 'preference', value })),
      ),
      ...keywords.anotherOrder.map((surface) => ({ surface, entity: 'another_order', value: surface })),
      ...keywords.cardSwap.map((surface) => ({ surface, entity: 'card_swap', value: surface })),
      ...keywords.negation.map((surface) => ({ surface, entity: 'negation', value: surface.trim() })),
      ...keywords.refusalAfter.map((surface) => ({ surface, entity: 'refusal_after', value: surface })),
      ...keywords.anyOf.map((surface) => ({ surface, entity: 'any_of', value: surface.trim() })),
      ...keywords.anyOperator.map((surface) => ({ surface, entity: 'any_operator', value: surface })),
      ...keywords.otherOperator.map((surface) => ({ surface, entity: 'other_operator', value: surface })),
    ]);
  }

  /** Leftmost-longest, non-overlapping; spans are offsets into `text`. */
  find(text: string): Entity[] {
    return this.gazetteer.find(text);
  }
}
