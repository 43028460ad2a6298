/**
 * Loads and validates the files in knowledge/. Parsed once at start-up; a bad file throws
 * KnowledgeError naming the file, the path inside it and what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  FailureReasonsFile,
  GlossaryFile,
  OrderStatusesFile,
  PolicyFile,
  RepliesFile,
  type FailureCode,
  type FailureReason,
  type GlossaryTerm,
} from './schemas.js';
import { fromRoot } from '../project-root.js';

export const KNOWLEDGE_DIR = fromRoot('knowledge');

export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid knowledge file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

/** Reads a JSON file and checks it against a schema; errors name the file and the path inside it. */
export function loadJsonFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KnowledgeError(file, [e instanceof Error ? e.message : String(e)]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      file,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

export interface CompiledReason extends FailureReason {
  regexes: RegExp[];
}

export interface Knowledge {
  reasons: ReadonlyMap<FailureCode, CompiledReason>;
  /** In file order: the order the Remark rules are tried in. */
  reasonRules: readonly CompiledReason[];
  /** Each operator's customer-service number. */
  hotlines: Readonly<Record<string, string>>;
  statuses: OrderStatusesFile;
  replies: RepliesFile;
  /** Platform words by id (knowledge/glossary.json). */
  glossary: ReadonlyMap<string, GlossaryTerm>;
  /** Which action answers a message in which context (knowledge/policy.json). */
  policy: PolicyFile;
}

export function loadKnowledge(dir: string = KNOWLEDGE_DIR): Knowledge {
  const reasonsFile = loadJsonFile(path.join(dir, 'failure-reasons.json'), FailureReasonsFile);
  const reasonRules = reasonsFile.reasons.map((r) => ({ ...r, regexes: r.patterns.map((p) => new RegExp(p, 'iu')) }));
  return {
    reasons: new Map(reasonRules.map((r) => [r.code, r])),
    reasonRules,
    hotlines: reasonsFile.hotlines,
    statuses: loadJsonFile(path.join(dir, 'order-statuses.json'), OrderStatusesFile),
    replies: loadJsonFile(path.join(dir, 'replies.json'), RepliesFile),
    glossary: new Map(loadJsonFile(path.join(dir, 'glossary.json'), GlossaryFile).terms.map((term) => [term.id, term])),
    policy: loadJsonFile(path.join(dir, 'policy.json'), PolicyFile),
  };
}
