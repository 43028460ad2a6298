/**
 * Trained models saved to disk and loaded at the next start instead of trained again: training takes
 * 1.4–2.6 s in a fresh process, depending on how busy the machine is (most of it the softmax
 * regression's 20 passes), loading the file about 0.16 s.
 *
 * A saved file is named by a key over everything that makes the models what they are: the training
 * phrases, the plan catalogue (plan names in phrases become #plan), the segmenter, the source of the
 * engine (every file of bot/nlu, whose features, entities and training code decide the tables), the
 * knowledge files of knowledge/nlu, and the versions of natural, apparatus and opencc-js. Change any
 * of them and the key changes, so a stale file is never read. Each save keeps the newest
 * KEEP_MODELS files and deletes older ones (and temporary files a crash left behind), so a directory
 * whose plans change every day does not grow by 12 MB a day. A file that is missing, unreadable or
 * not what its name says means training, as if there were none.
 *
 * The format: a 4-byte little-endian length, a JSON header of that length (the key, the sha256 of
 * what follows, and per language the model's names and numbers and the type and length of each
 * array), padded so the arrays start on an 8-byte boundary, then each array's bytes in the header's
 * order, each again on an 8-byte boundary. A file whose bytes do not hash to its header's digest is
 * not read (hashing the 12 MB takes about 7 ms of the load).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWLEDGE_DIR } from '../knowledge/loader.js';
import { IntentModel, type IntentModelTables } from './intent-model.js';

const FORMAT = 1;

/**
 * Saved files kept after a save, the new one included: two versions of the bot starting in turn
 * from one DATA_DIR (a rolling deploy) each still find their own.
 */
export const KEEP_MODELS = 3;

/** A temporary file older than this is left from a save that never finished. */
const STALE_TEMPORARY_MS = 10 * 60_000;

type TypedArray = Float64Array | Float32Array | Int32Array;
const ARRAY_TYPES = { Float64Array, Float32Array, Int32Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;

/** The arrays of IntentModelTables, in the order they are written. */
const ARRAYS = [
  'idf',
  'logLikelihood',
  'softmaxWeights',
  'softmaxBias',
  'postingAt',
  'postingDocs',
  'postingWeights',
  'intentStart',
  'logPrior',
] as const;

interface Header {
  format: number;
  key: string;
  /** sha256 of the arrays' part of the file. */
  digest: string;
  models: Record<
    string,
    {
      intents: string[];
      features: string[];
      unknownIdf: number;
      slots: number;
      arrays: Array<{ name: (typeof ARRAYS)[number]; type: ArrayType; length: number }>;
    }
  >;
}

/** The key of models trained on `inputs` by this engine, as it is on disk now (see the module's comment). */
export function modelKey(inputs: unknown): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({ format: FORMAT, inputs, versions: ['natural', 'apparatus', 'opencc-js'].map(packageVersion) }),
  );
  const sources = path.dirname(fileURLToPath(import.meta.url));
  const knowledge = path.join(KNOWLEDGE_DIR, 'nlu');
  for (const [dir, pattern] of [
    [sources, /\.[cm]?[jt]s$/],
    [knowledge, /\.json$/],
  ] as const) {
    for (const name of fs
      .readdirSync(dir)
      .filter((n) => pattern.test(n))
      .sort()) {
      hash.update(`\0${name}\0`);
      hash.update(fs.readFileSync(path.join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 32);
}

const require = createRequire(import.meta.url);

/** A package's version, from the package.json above its entry point ("unknown" if it cannot be found). */
function packageVersion(name: string): string {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return `${name}@unknown`;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return `${name}@${pkg.version}`;
  }
  return `${name}@unknown`;
}

/** Writes the models under `key` in `dir` (through a temporary file, so a reader never sees half of one). */
export function saveModels(dir: string, key: string, models: Record<string, IntentModelTables>): void {
  const header: Header = { format: FORMAT, key, digest: '', models: {} };
  const body: Buffer[] = [];
  let at = 0;
  for (const [lang, t] of Object.entries(models)) {
    header.models[lang] = {
      intents: t.intents,
      features: t.features,
      unknownIdf: t.unknownIdf,
      slots: t.slots,
      arrays: ARRAYS.map((name) => ({ name, type: t[name].constructor.name as ArrayType, length: t[name].length })),
    };
    for (const name of ARRAYS) {
      const a: TypedArray = t[name];
      body.push(Buffer.alloc(padding(at)), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      at += padding(at) + a.byteLength;
    }
  }
  const arrays = Buffer.concat(body);
  header.digest = createHash('sha256').update(arrays).digest('hex');
  let json = JSON.stringify(header);
  json += ' '.repeat(padding(4 + Buffer.byteLength(json)));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(Buffer.byteLength(json));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}.bin`);
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, Buffer.concat([length, Buffer.from(json), arrays]));
  fs.renameSync(partial, file);
}

/**
 * Deletes all but `keep` model files in `dir`: the one saved under `current` and the most recently
 * written others. Also deletes temporary files older than ten minutes (a save in progress in another
 * process is younger). Files it does not know, and files another process deletes first, are left alone.
 */
export function pruneModels(dir: string, current: string, keep = KEEP_MODELS, now = Date.now()): void {
  const models: Array<{ file: string; mtime: number }> = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const isModel = /^[0-9a-f]{32}\.bin$/.test(name);
    if (!isModel && !/^[0-9a-f]{32}\.bin\.\d+\.tmp$/.test(name)) continue;
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    if (isModel) models.push({ file, mtime: name === `${current}.bin` ? Infinity : mtime });
    else if (now - mtime > STALE_TEMPORARY_MS) fs.rmSync(file, { force: true });
  }
  models.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of models.slice(keep)) fs.rmSync(file, { force: true });
}

/** Bytes to the next 8-byte boundary. */
const padding = (at: number) => (8 - (at % 8)) % 8;

/** The models saved under `key` in `dir`, or undefined if there are none or they are not what the key says. */
export function loadModels(dir: string, key: string): Record<string, IntentModelTables> | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, `${key}.bin`));
  } catch {
    return undefined;
  }
  try {
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.key !== key) return undefined;
    const arrays = bytes.subarray(4 + length);
    if (createHash('sha256').update(arrays).digest('hex') !== header.digest) return undefined;
    let at = 0;
    const models: Record<string, IntentModelTables> = {};
    for (const [lang, m] of Object.entries(header.models)) {
      const read: Partial<Record<(typeof ARRAYS)[number], TypedArray>> = {};
      for (const { name, type, length: n } of m.arrays) {
        const Type = ARRAY_TYPES[type];
        if (!Type) return undefined;
        at += padding(at);
        const size = n * Type.BYTES_PER_ELEMENT;
        if (at + size > arrays.length) return undefined;
        // A copy, aligned for its type whatever the file buffer's own offset.
        const copy = new Uint8Array(size);
        copy.set(arrays.subarray(at, at + size));
        read[name] = new Type(copy.buffer);
        at += size;
      }
      if (!ARRAYS.every((name) => read[name])) return undefined;
      models[lang] = {
        intents: m.intents,
        features: m.features,
        unknownIdf: m.unknownIdf,
        slots: m.slots,
        ...read,
      } as IntentModelTables;
    }
    return at === arrays.length ? models : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The models of `languages` saved in `dir` for what `inputs` names (see modelKey), or those `train`
 * makes, then saved there. Whatever goes wrong with the file (the engine's sources unreadable for the key, a directory
 * that cannot be written, tables that do not build) costs a start its training, nothing else.
 */
export function savedOrTrained<L extends string>(
  dir: string,
  languages: readonly L[],
  inputs: unknown,
  train: () => Record<L, IntentModel>,
  onSaveError?: (err: unknown) => void,
): Record<L, IntentModel> {
  let key: string | undefined;
  try {
    key = modelKey(inputs);
    const saved = loadModels(dir, key);
    if (saved && languages.every((lang) => saved[lang])) {
      return Object.fromEntries(languages.map((lang) => [lang, new IntentModel(saved[lang]!)])) as Record<
        L,
        IntentModel
      >;
    }
  } catch {
    key = undefined;
  }
  const models = train();
  try {
    if (key) {
      saveModels(
        dir,
        key,
        Object.fromEntries(Object.entries<IntentModel>(models).map(([lang, m]) => [lang, m.tables()])),
      );
      pruneModels(dir, key);
    }
  } catch (err) {
    // Read-only or full: the models work, and the next start trains again. Told, since every start then pays the training.
    onSaveError?.(err);
  }
  return models;
}
