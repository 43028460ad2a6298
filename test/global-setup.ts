/** Trains the NLU for the bundled plans once for the whole run (see helpers/nlu-models.ts). */
import { testNlu } from './helpers/nlu-models.js';

export default function setup(): void {
  testNlu();
}
