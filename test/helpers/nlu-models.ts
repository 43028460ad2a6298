/**
 * One trained NLU for the whole test run: the global setup (test/global-setup.ts) trains it once and
 * saves it here, and every app a test builds loads it (NLU_MODEL_DIR) instead of training again in
 * its own data folder. A change of training data or plans changes the saved model's key, so a stale
 * one is trained over (bot/nlu/model-cache.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedNaturalNlu, type NaturalNlu } from '../../bot/nlu/natural.nlu.js';
import { loadPlans, type PlanCatalogue } from '../../bot/plans.js';

export const TEST_NLU_MODEL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/sim-order-bot/nlu-models');

/**
 * The engine without a plan catalogue (what the NLU tests parse with), from the shared folder: the
 * global setup saves it too, so no test file trains it again.
 */
export function plainTestNlu(): NaturalNlu {
  return sharedNaturalNlu([], TEST_NLU_MODEL_DIR);
}

/** The engine the app builds for a catalogue, from the shared folder. */
export function testNlu(plans: PlanCatalogue = loadPlans()): NaturalNlu {
  return sharedNaturalNlu(plans.plans.map(({ id, name, operator, monthlyFee }) => ({ id, name, operator, monthlyFee })), TEST_NLU_MODEL_DIR);
}
