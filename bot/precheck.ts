/**
 * Before a customer orders again: would this plan accept this ID number and name? Checks the ID's
 * check digit (GB 11643-1999), its birth date, the age against the plan's range, the province the
 * ID was issued in (and, if given, the delivery province) against the plan's excluded provinces,
 * and that the name looks like a real Chinese or English name.
 *
 * Privacy: a pure function. It keeps, logs and returns nothing of its inputs: the result holds
 * only reason codes and the plan's own limits, plus the province (a fact the customer gave and that
 * the catalogue is about). Callers must not store the ID number or the name either.
 */
import { isValidIdNumber } from './nlu/entities.js';
import { describeIdNumber } from './nlu/id-number.js';
import { normaliseProvince } from './eligibility.js';
import type { Plan } from './plans.js';

export interface PrecheckInput {
  idNumber: string;
  name: string;
  /** Delivery province, if the customer said it. */
  province?: string;
}

export type PrecheckReason =
  | { code: 'id_format' }
  | { code: 'id_check_digit' }
  | { code: 'id_birth_date' }
  | { code: 'too_young'; ageMin: number }
  | { code: 'too_old'; ageMax: number }
  | { code: 'id_province_excluded'; province: string }
  | { code: 'delivery_province_excluded'; province: string }
  | { code: 'name_invalid' }
  | { code: 'plan_not_on_sale' };

export interface PrecheckResult {
  /** True when nothing we can check stands in the way (the operator's own review still applies). */
  ok: boolean;
  reasons: PrecheckReason[];
}

// Han characters with an optional middle dot between parts (阿依古丽·买买提); 2–20 characters.
const HAN_NAME = /^\p{Script=Han}+(?:[·•・]\p{Script=Han}+)*$/u;
// Latin letters (accents allowed), words separated by one space, hyphen or apostrophe.
const LATIN_NAME = /^\p{Script=Latin}+(?:[ '\-.]\s?\p{Script=Latin}+)*\.?$/u;
const PLACEHOLDERS = /先生|女士|小姐|测试|test|unknown|客户|用户|姓名|^name$|^n\/?a$|^无$/iu;

/** Whether a name could be a person's real name as written on an ID card (not a placeholder). */
export function looksLikeName(raw: string): boolean {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name || PLACEHOLDERS.test(name)) return false;
  const chars = [...name.replace(/[ ·•・'\-.]/g, '')];
  if (chars.length < 2 || new Set(chars).size === 1) return false;
  if (HAN_NAME.test(name)) return chars.length <= 20;
  if (LATIN_NAME.test(name)) return chars.length <= 60 && /[aeiouy]/i.test(name);
  return false;
}

/** Runs every check and reports every problem at once, so the customer fixes them in one go. */
export function precheck(plan: Plan, input: PrecheckInput, today: Date | string = new Date()): PrecheckResult {
  const reasons: PrecheckReason[] = [];
  if (!plan.onSale) reasons.push({ code: 'plan_not_on_sale' });

  const id = input.idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) reasons.push({ code: 'id_format' });
  else if (!isValidIdNumber(id)) reasons.push({ code: 'id_check_digit' });
  else {
    const facts = describeIdNumber(id, today);
    if (!facts) reasons.push({ code: 'id_birth_date' });
    else {
      if (facts.age < plan.ageMin) reasons.push({ code: 'too_young', ageMin: plan.ageMin });
      if (facts.age > plan.ageMax) reasons.push({ code: 'too_old', ageMax: plan.ageMax });
      if (facts.province && plan.excludedProvinces.includes(facts.province)) {
        reasons.push({ code: 'id_province_excluded', province: facts.province });
      }
    }
  }

  const delivery = normaliseProvince(input.province);
  if (delivery && plan.excludedProvinces.includes(delivery))
    reasons.push({ code: 'delivery_province_excluded', province: delivery });

  if (!looksLikeName(input.name)) reasons.push({ code: 'name_invalid' });
  return { ok: reasons.length === 0, reasons };
}
