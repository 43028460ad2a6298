/** Trains the NLU for the bundled plans, and without plans, once for the whole run (see helpers/nlu-models.ts). */
import { ensureTestModels } from './helpers/nlu-models.js';

export default function setup(): void {
  ensureTestModels();
}
