/**
 * Plan names as customers write them: the full name (联通大王卡29元), without the price (联通大王卡),
 * without the operator (大王卡), or with one wrong character (大黄卡). The value is the plan id.
 * Where a short name fits several plans (星卡: 移动 and 电信), the operator or price written next to it
 * decides; failing that, the first plan in catalogue order is taken.
 */
import type { Entity } from './entities.js';
import { asciiLower, toHalfWidth } from './gazetteer.js';
import { LevenshteinDistance } from './natural-lib.js';

export interface PlanRef {
  id: string;
  name: string;
  operator?: string;
  monthlyFee?: number;
}

interface Key {
  surface: string;
  plans: PlanRef[];
  /** Exact keys win over fuzzy ones; longer keys over shorter. */
  fuzzy: boolean;
}

const OPERATOR_PREFIX = /^(中国)?(移动|联通|电信|广电)/;
const PRICE_SUFFIX = /\d+(\.\d+)?\s*(元|块)?(\/月)?$/;
/** Fuzzy matching needs a distinctive core: at least 3 characters, ending in 卡 like the catalogue's. */
const MIN_FUZZY_LENGTH = 3;

function keysOf(plan: PlanRef): string[] {
  const full = asciiLower(toHalfWidth(plan.name)).replace(/\s+/g, '');
  const noPrice = full.replace(PRICE_SUFFIX, '');
  const core = noPrice.replace(OPERATOR_PREFIX, '');
  const price = PRICE_SUFFIX.exec(full)?.[0];
  const keys = [full, noPrice, core];
  if (price) keys.push(core + price);
  return [...new Set(keys.filter((k) => k.length >= 2))];
}

export class PlanMatcher {
  private readonly keys: Key[];

  constructor(private readonly plans: readonly PlanRef[]) {
    const byKey = new Map<string, PlanRef[]>();
    for (const plan of plans) for (const k of keysOf(plan)) byKey.set(k, [...(byKey.get(k) ?? []), plan]);
    this.keys = [...byKey].map(([surface, ps]) => ({ surface, plans: ps, fuzzy: false }));
    this.keys.sort((a, b) => b.surface.length - a.surface.length);
  }

  /** The plans matched, as given. */
  refs(): readonly PlanRef[] {
    return this.plans;
  }

  /** `plan` entities (value: plan id). */
  find(text: string): Entity[] {
    if (this.plans.length === 0) return [];
    const norm = asciiLower(toHalfWidth(text));
    const out: Entity[] = [];
    const free = (s: number, e: number) => out.every((x) => e <= x.start || s >= x.end);
    for (const key of this.keys) {
      for (let i = norm.indexOf(key.surface); i >= 0; i = norm.indexOf(key.surface, i + 1)) {
        const end = i + key.surface.length;
        if (free(i, end)) out.push({ entity: 'plan', value: this.pick(key.plans, norm)!.id, start: i, end });
      }
    }
    for (const e of this.fuzzy(norm)) if (free(e.start, e.end)) out.push(e);
    return out.sort((a, b) => a.start - b.start);
  }

  /** One wrong character in a core name of three or more characters (大黄卡 → 大王卡). */
  private fuzzy(norm: string): Entity[] {
    const out: Entity[] = [];
    for (const key of this.keys) {
      const s = key.surface;
      if (s.length < MIN_FUZZY_LENGTH || /\d/.test(s) || OPERATOR_PREFIX.test(s)) continue;
      const last = s.charCodeAt(s.length - 1);
      for (let i = 0; i + s.length <= norm.length; i++) {
        // The last character first, before a window is cut out: it rules out nearly every position.
        if (norm.charCodeAt(i + s.length - 1) !== last) continue;
        const window = norm.slice(i, i + s.length);
        if (window === s) continue;
        if (LevenshteinDistance(window, s) === 1 && /^[\u4e00-\u9fff]+$/.test(window)) {
          out.push({ entity: 'plan', value: this.pick(key.plans, norm)!.id, start: i, end: i + s.length });
        }
      }
    }
    return out;
  }

  private pick(candidates: PlanRef[], norm: string): PlanRef | undefined {
    if (candidates.length <= 1) return candidates[0];
    const byOperator = candidates.filter((p) => p.operator && norm.includes(p.operator));
    const pool = byOperator.length ? byOperator : candidates;
    const byPrice = pool.filter(
      (p) => p.monthlyFee !== undefined && new RegExp(`(?<!\\d)${p.monthlyFee}(?!\\d)`).test(norm),
    );
    return byPrice[0] ?? pool[0];
  }
}
