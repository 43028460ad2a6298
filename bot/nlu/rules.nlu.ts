/**
 * Understanding by rules alone: the identifiers a customer types, no intent. Used where a trained
 * model is not wanted (fast unit tests of the pipeline) and as the fallback shape of a parse.
 */
import { extractIdentifiers } from './entities.js';
import type { LanguageUnderstanding, NluResult } from './types.js';

export class RulesOnlyNlu implements LanguageUnderstanding {
  parse(text: string): NluResult {
    const entities = extractIdentifiers(text);
    const intent = entities.length ? { name: 'inform', confidence: 1 } : { name: 'out_of_scope', confidence: 1 };
    return { text, intent, ranking: [intent], entities };
  }
}
