/** The language-understanding port: one message in, its intent and entities out. bot/nlu/natural.nlu.ts implements it. */
import type { NluResult } from '../../nlu/types.js';

export interface LanguageUnderstanding {
  /** Synchronous and fast (well under a millisecond): it runs on every turn. */
  parse(text: string): NluResult;
}
