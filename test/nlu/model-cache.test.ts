import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractEntities } from '../../bot/nlu/entities.js';
import { featurize } from '../../bot/nlu/features.js';
import { IntentModel, type IntentModelTables } from '../../bot/nlu/intent-model.js';
import { KEEP_MODELS, loadModels, modelKey, pruneModels, saveModels } from '../../bot/nlu/model-cache.js';
import { NaturalNlu } from '../../bot/nlu/natural.nlu.js';
import { loadTrainingData } from '../../bot/nlu/training-data.js';

// Every 48th phrase of each language (about 700): all 27 intents, and a model that trains in 0.15 s instead of
// the 0.6 s of every 12th; the tests here build some twenty engines.
const full = loadTrainingData();
const training = { zh: full.zh.filter((_, i) => i % 48 === 0), en: full.en.filter((_, i) => i % 48 === 0) };
const texts = [
  '我的订单为什么失败了',
  '尾号1234',
  '转人工',
  'why was my order rejected',
  'thanks',
  '我想改地址 广东深圳',
  'what is the weather like',
];

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-models-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * The same tables: the same fields, each typed array of the same type holding the same bytes, the
 * rest deeply equal. (toEqual on the typed arrays, 600,000 numbers, takes 2.4 s element by element;
 * equal bytes are as strict, telling -0 from 0 and one NaN from another.)
 */
function expectSameTables(actual: IntentModelTables, expected: IntentModelTables): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  for (const [field, want] of Object.entries(expected)) {
    const got: unknown = actual[field as keyof IntentModelTables];
    if (ArrayBuffer.isView(want)) {
      expect(got?.constructor, field).toBe(want.constructor);
      expect(ArrayBuffer.isView(got) && bytes(got).equals(bytes(want)), field).toBe(true);
    } else {
      expect(got, field).toEqual(want);
    }
  }
}

/** What a parse says, all of it. */
const parses = (nlu: NaturalNlu) => texts.map((t) => nlu.parse(t));

describe('saved models', () => {
  it('load as the very tables that were saved', () => {
    const dir = tempDir();
    const model = new IntentModel(
      training.zh.map((ex) => ({ intent: ex.intent, features: featurize(ex.text, extractEntities(ex.text), 'chars') })),
    );
    saveModels(dir, 'k1', { zh: model.tables() });
    const loaded = loadModels(dir, 'k1')!.zh!;
    expectSameTables(loaded, model.tables());
    expect(loaded.postingWeights).toBeInstanceOf(Float32Array);
    expect(loadModels(dir, 'k2')).toBeUndefined(); // another key: nothing
  });

  it('give an engine that parses as the trained one, and are read instead of training at the next start', () => {
    const dir = tempDir();
    const trained = new NaturalNlu({ training, modelDir: dir });
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^[0-9a-f]{32}\.bin$/);
    const written = fs.statSync(path.join(dir, file!)).mtimeMs;
    const loaded = new NaturalNlu({ training, modelDir: dir });
    expect(parses(loaded)).toEqual(parses(trained));
    expect(parses(loaded)).toEqual(parses(new NaturalNlu({ training }))); // and as one that never saw a file
    expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBe(written); // read, not written again
  });

  it('tell whoever built the engine when they cannot be saved, and the engine still works', () => {
    // A file where the directory should be: nothing can be written under it.
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, '');
    const errors: unknown[] = [];
    const nlu = new NaturalNlu({ training, modelDir: file, onModelSaveError: (err) => errors.push(err) });
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/ENOTDIR|EEXIST/);
    expect(nlu.parse('转人工').intent.name).toBe('human_agent');
  });

  it('are trained again, not read, when the file is damaged, and when what they are made of changes', () => {
    const dir = tempDir();
    new NaturalNlu({ training, modelDir: dir });
    const [file] = fs.readdirSync(dir);
    const size = fs.statSync(path.join(dir, file!)).size;
    const fresh = parses(new NaturalNlu({ training }));
    fs.truncateSync(path.join(dir, file!), 1000);
    expect(parses(new NaturalNlu({ training, modelDir: dir }))).toEqual(fresh);
    expect(fs.statSync(path.join(dir, file!)).size).toBe(size); // written again whole
    // Whole in size but with one number changed: its digest no longer matches, so it is trained over.
    const bytes = fs.readFileSync(path.join(dir, file!));
    bytes[size - 100] = bytes[size - 100]! ^ 0xff;
    fs.writeFileSync(path.join(dir, file!), bytes);
    const before = fs.statSync(path.join(dir, file!)).mtimeMs;
    expect(parses(new NaturalNlu({ training, modelDir: dir }))).toEqual(fresh);
    expect(fs.readFileSync(path.join(dir, file!))[size - 100]).not.toBe(bytes[size - 100]);
    expect(fs.statSync(path.join(dir, file!)).mtimeMs).toBeGreaterThanOrEqual(before);

    const more = { zh: training.zh.slice(1), en: training.en };
    expect(modelKey({ training: more })).not.toBe(modelKey({ training }));
    new NaturalNlu({ training: more, modelDir: dir });
    expect(fs.readdirSync(dir)).toHaveLength(2);
  });

  it('cost nothing but the saving when the directory cannot be written', () => {
    const dir = tempDir();
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, 'not a directory');
    expect(parses(new NaturalNlu({ training, modelDir: blocked }))).toEqual(parses(new NaturalNlu({ training })));
  });

  it('keep the newest few: an old file goes when a new one is saved, the current one stays whatever its age', () => {
    const dir = tempDir();
    const key = (i: number) => i.toString(16).padStart(32, '0');
    const now = Date.now();
    const write = (name: string, ageMinutes: number) => {
      fs.writeFileSync(path.join(dir, name), name);
      const at = new Date(now - ageMinutes * 60_000);
      fs.utimesSync(path.join(dir, name), at, at);
    };
    for (let i = 1; i <= 5; i++) write(`${key(i)}.bin`, 100 - i); // key(5) the newest
    write(`${key(9)}.bin`, 500); // the oldest, but the one this start uses
    write(`${key(5)}.bin.123.tmp`, 30); // left by a crash
    write(`${key(6)}.bin.456.tmp`, 1); // another process saving now
    write('notes.txt', 1000);
    pruneModels(dir, key(9), 3, now);
    expect(fs.readdirSync(dir).sort()).toEqual([
      `${key(4)}.bin`,
      `${key(5)}.bin`,
      `${key(6)}.bin.456.tmp`,
      `${key(9)}.bin`,
      'notes.txt',
    ]);
  });

  it('do not pile up as the training data changes from start to start', () => {
    const dir = tempDir();
    for (let drop = 1; drop <= KEEP_MODELS + 2; drop++)
      new NaturalNlu({ training: { zh: training.zh.slice(drop), en: training.en }, modelDir: dir });
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.bin'))).toHaveLength(KEEP_MODELS);
    // The last one saved is among them: its next start loads rather than trains.
    expect(
      fs.existsSync(
        path.join(
          dir,
          `${modelKey({ training: { zh: training.zh.slice(KEEP_MODELS + 2), en: training.en }, segmenter: 'chars', plans: [] })}.bin`,
        ),
      ),
    ).toBe(true);
  });
});
