/**
 * The training phrases in knowledge/nlu/<language>.json, checked at load time: a bad file stops
 * start-up with the file, the path inside it and what is wrong.
 */
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, loadJsonFile } from '../knowledge/loader.js';
import type { Language } from './features.js';
import { INTENTS } from './types.js';

/** Every intent but out_of_scope, which comes from the confidence threshold, never from training. */
export const TRAINABLE_INTENTS = INTENTS.filter((i) => i !== 'out_of_scope');

const known = new Set<string>(TRAINABLE_INTENTS);

export const TrainingFile = z
  .object({
    language: z.string().optional(),
    intents: z
      .record(
        z.string(),
        z.array(z.string().trim().min(1, 'empty phrase')).min(1, 'an intent needs at least one phrase'),
      )
      .superRefine((intents, ctx) => {
        for (const name of Object.keys(intents)) {
          if (known.has(name)) continue;
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              name === 'out_of_scope'
                ? 'out_of_scope is not trained: it comes from the confidence threshold'
                : `unknown intent (known: ${TRAINABLE_INTENTS.join(', ')})`,
          });
        }
      }),
  })
  .strict();
export type TrainingFile = z.infer<typeof TrainingFile>;

export interface Example {
  intent: string;
  text: string;
}

export const NLU_DIR = path.join(KNOWLEDGE_DIR, 'nlu');
/** The file of each language the engine understands. */
export const TRAINING_FILES: Record<Language, string> = { zh: 'zh-CN.json', en: 'en.json' };

/** Loads and validates one training file; throws KnowledgeError naming the file on any problem. */
export function loadTrainingFile(file: string): Example[] {
  const data = loadJsonFile(file, TrainingFile);
  return Object.entries(data.intents).flatMap(([intent, texts]) => (texts ?? []).map((text) => ({ intent, text })));
}

/** Training examples of every language, from `dir` (default knowledge/nlu). */
export function loadTrainingData(dir: string = NLU_DIR): Record<Language, Example[]> {
  return {
    zh: loadTrainingFile(path.join(dir, TRAINING_FILES.zh)),
    en: loadTrainingFile(path.join(dir, TRAINING_FILES.en)),
  };
}
