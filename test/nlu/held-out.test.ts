/**
 * The NLU's data files keep their roles: one training set (knowledge/nlu/zh-CN.json and en.json),
 * one development set for calibrating the topic bar and tuning (dev.tsv) and one frozen test set
 * (test.tsv), read once on 2026-12-07 and never trained or tuned on. No line of either .tsv may be a
 * training phrase, after the same normalisation the split used (NFKC, lower case, no spaces or
 * punctuation), and the two must not share a line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainingData, NLU_DIR } from '../../bot/nlu/training-data.js';
import { readTsv } from '../../scripts/nlu-tuning.js';

const norm = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}_]+/gu, '');

describe('the NLU data files', () => {
  const training = loadTrainingData();
  const trained = new Set([...training.zh, ...training.en].map((ex) => norm(ex.text)));
  const test = readTsv(path.join(NLU_DIR, 'test.tsv'));
  const dev = readTsv(path.join(NLU_DIR, 'dev.tsv'));

  it('are one training set, one development set and one frozen test set, and nothing else', () => {
    expect(
      fs
        .readdirSync(NLU_DIR)
        .filter((f) => f.endsWith('.tsv'))
        .sort(),
    ).toEqual(['dev.tsv', 'test.tsv']);
    expect(test.length).toBe(1324);
  });

  it('hold no line of the test set or the development set in training', () => {
    expect(test.filter((r) => trained.has(norm(r.text))).map((r) => r.text)).toEqual([]);
    expect(dev.filter((r) => trained.has(norm(r.text))).map((r) => r.text)).toEqual([]);
  });

  it('share no line between the test set and the development set', () => {
    const inDev = new Set(dev.map((r) => norm(r.text)));
    expect(test.filter((r) => inDev.has(norm(r.text))).map((r) => r.text)).toEqual([]);
  });
});
