/**
 * One trained NLU for the whole test run: the global setup (test/global-setup.ts) trains it once and
 * saves it here, and every app a test builds loads it (NLU_MODEL_DIR) instead of training again in
 * its own data folder. A change of training data or plans changes the saved model's key, so a stale
 * one is trained over (bot/nlu/model-cache.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelKey } from '../../bot/nlu/model-cache.js';
import { DEFAULT_SEGMENTER, sharedNaturalNlu, type NaturalNlu } from '../../bot/nlu/natural.nlu.js';
import { loadTrainingData } from '../../bot/nlu/training-data.js';
import { loadPlans, type PlanCatalogue } from '../../bot/plans.js';

export const TEST_NLU_MODEL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../node_modules/.cache/sim-order-bot/nlu-models',
);

/**
 * The engine without a plan catalogue (what the NLU tests parse with), from the shared folder: the
 * global setup saves it too, so no test file trains it again.
 */
export function plainTestNlu(): NaturalNlu {
  return sharedNaturalNlu([], TEST_NLU_MODEL_DIR);
}

const planRefs = (plans: PlanCatalogue) =>
  plans.plans.map(({ id, name, operator, monthlyFee }) => ({ id, name, operator, monthlyFee }));

/** The engine the app builds for a catalogue, from the shared folder. */
export function testNlu(plans: PlanCatalogue = loadPlans()): NaturalNlu {
  return sharedNaturalNlu(planRefs(plans), TEST_NLU_MODEL_DIR);
}

/**
 * For the global setup: trains and saves the two engines above unless their files are there already,
 * which it checks by key (the inputs NaturalNlu gives model-cache.ts) instead of loading 2 × 29 MB of
 * tables only to drop them. Were the key computed otherwise than the engine's, a worker would train
 * its own engine: slower, never wrong.
 */
export function ensureTestModels(): void {
  const training = loadTrainingData();
  const saved = (plans: ReturnType<typeof planRefs>) =>
    fs.existsSync(path.join(TEST_NLU_MODEL_DIR, `${modelKey({ training, segmenter: DEFAULT_SEGMENTER, plans })}.bin`));
  if (!saved([])) plainTestNlu();
  if (!saved(planRefs(loadPlans()))) testNlu();
}
