/**
 * What an 18-digit resident ID number says about its holder: birth date, age, sex and the province
 * it was issued in (GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit sequence whose
 * last digit is odd for men, check digit). Used to check a plan's age range and delivery area.
 */
import { isValidIdNumber } from './entities.js';
import { provinceByCode } from './regions.js';

export interface IdNumberFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** Whole years on `today` (Beijing time). */
  age: number;
  sex: 'male' | 'female';
  /** The six-digit administrative region code. */
  regionCode: string;
  /** Short province name (新疆, 广东), undefined for an unknown code. */
  province: string | undefined;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The calendar date in Beijing time of an instant, or a YYYY-MM-DD string taken as is. */
function ymd(today: Date | string): [number, number, number] {
  if (typeof today === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
    if (!m) throw new Error(`not a YYYY-MM-DD date: ${today}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const d = new Date(today.getTime() + BEIJING_OFFSET_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * Birth date, age as of `today`, sex and province of a resident ID number; undefined when the
 * check digit is wrong, the birth date does not exist, or it lies after `today`.
 */
export function describeIdNumber(id: string, today: Date | string = new Date()): IdNumberFacts | undefined {
  const value = id.trim().toUpperCase();
  if (!isValidIdNumber(value)) return undefined;
  const [y, m, d] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return undefined;
  const [ty, tm, td] = ymd(today);
  const age = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  if (age < 0) return undefined;
  const regionCode = value.slice(0, 6);
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    age,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode,
    province: provinceByCode(regionCode)?.name,
  };
}
