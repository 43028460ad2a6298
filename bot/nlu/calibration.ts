/**
 * The NLU's calibration (knowledge/nlu/calibration.json): alpha and the decision bars, as the
 * calibration command wrote them (scripts/nlu-tuning.ts `--write`). Read once; a bad file stops
 * start-up naming what is wrong.
 */
import path from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from '../knowledge/loader.js';
import { NLU_DIR } from './training-data.js';

const unit = z.number().min(0).max(1);
/** A posterior bar may be left off: `null` in the file is Infinity (never reached). */
const posteriorBar = z.union([unit, z.null()]).transform((v) => v ?? Infinity);

export const CalibrationFile = z.strictObject({
  about: z.string().optional(),
  alpha: unit,
  order: unit,
  smallTalk: unit,
  open: unit,
  bare: posteriorBar,
  sure: posteriorBar,
  topic: unit,
  /** How and when the figures were chosen, as the command reported them. */
  calibrated: z.record(z.string(), z.unknown()),
});
export type Calibration = z.output<typeof CalibrationFile>;

export const CALIBRATION_FILE = path.join(NLU_DIR, 'calibration.json');

export function loadCalibration(file: string = CALIBRATION_FILE): Calibration {
  return loadJsonFile(file, CalibrationFile);
}
