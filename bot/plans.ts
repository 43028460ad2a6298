/**
 * The plan catalogue (knowledge/plans.json, or the file `PLANS_FILE` names): loaded once, checked
 * entry by entry and across entries, then read by the alternatives, the pre-check and GET /api/plans.
 * A bad file throws KnowledgeError naming the file, the plan (index and id) and what is wrong.
 *
 * The schema lives here rather than in knowledge/schemas.ts because the catalogue is the only file
 * with cross-entry rules that need the province list of bot/nlu/regions.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, KnowledgeError } from './knowledge/loader.js';
import { OPERATORS } from './nlu/operators.js';
import { PROVINCES, provinceByName } from './nlu/regions.js';

export const DEFAULT_PLANS_FILE = path.join(KNOWLEDGE_DIR, 'plans.json');

const PROVINCE_NAMES: ReadonlySet<string> = new Set(PROVINCES.map((p) => p.name));

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const Localised = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

export const POLICY_CHANGES = ['repriced', 'withdrawn', 'area', 'age_range', 'data', 'other'] as const;
export type PolicyChangeKind = (typeof POLICY_CHANGES)[number];

const PolicyEntry = z.strictObject({
  /** The day the change took effect (Beijing time). */
  date: z.string().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD'),
  change: z.enum(POLICY_CHANGES),
  /** Before and after, as shown to customers (`29元/月` → `39元/月`). */
  from: z.string().min(1),
  to: z.string().min(1),
  reason: Localised.optional(),
});
export type PolicyEntry = z.infer<typeof PolicyEntry>;

const age = z.number().int().min(0).max(120);

const PlanEntry = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    operator: z.enum(OPERATORS),
    monthlyFee: z.number().nonnegative(),
    dataGB: z.number().nonnegative(),
    minutes: z.number().int().nonnegative().optional(),
    ageMin: age,
    ageMax: age,
    /** Short province names (新疆, 西藏) the plan does not ship to. */
    excludedProvinces: z.array(z.string()).default([]),
    firstTopUp: z.number().nonnegative().optional(),
    onSale: z.boolean(),
    orderUrl: z.url({ protocol: /^https?$/ }),
    /** Oldest first. A `PLANS_FILE` in the bare GET /api/plans shape may leave it out. */
    policyHistory: z.array(PolicyEntry).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.ageMin > p.ageMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['ageMin'],
        message: `ageMin ${p.ageMin} is greater than ageMax ${p.ageMax}`,
      });
    }
    const seen = new Set<string>();
    p.excludedProvinces.forEach((name, i) => {
      if (!PROVINCE_NAMES.has(name)) {
        const alias = provinceByName(name);
        const hint = alias ? `; write the short name '${alias.name}'` : '';
        ctx.addIssue({
          code: 'custom',
          path: ['excludedProvinces', i],
          message: `'${name}' is not a known province${hint}`,
        });
      }
      if (seen.has(name))
        ctx.addIssue({ code: 'custom', path: ['excludedProvinces', i], message: `'${name}' is listed twice` });
      seen.add(name);
    });
    for (let i = 1; i < p.policyHistory.length; i++) {
      const prev = p.policyHistory[i - 1]!.date;
      const cur = p.policyHistory[i]!.date;
      if (cur < prev) {
        ctx.addIssue({
          code: 'custom',
          path: ['policyHistory', i, 'date'],
          message: `${cur} comes before ${prev}: list the changes oldest first`,
        });
      }
    }
    const last = p.policyHistory.at(-1);
    if (last?.change === 'withdrawn' && p.onSale) {
      ctx.addIssue({
        code: 'custom',
        path: ['onSale'],
        message: `is true but the last policy change (${last.date}) withdrew the plan`,
      });
    }
  });
export type Plan = z.infer<typeof PlanEntry>;

export const PlansFile = z.strictObject({ plans: z.array(PlanEntry).min(1) });

/**
 * Duplicate ids, checked on the raw entries so they are reported together with any other problem
 * (a zod refinement over the whole file would only run once every entry is valid).
 */
function duplicateIds(raw: unknown): string[] {
  const plans = (raw as { plans?: unknown } | null)?.plans;
  if (!Array.isArray(plans)) return [];
  const first = new Map<string, number>();
  const out: string[] = [];
  plans.forEach((p: unknown, i) => {
    const id = (p as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id) return;
    const at = first.get(id);
    if (at !== undefined) out.push(`plans[${i}] (${id}) id: duplicate plan id ${id} (first at plans[${at}])`);
    else first.set(id, i);
  });
  return out;
}

export interface PlanCatalogue {
  /** The file it was read from, for messages. */
  readonly file: string;
  /** In file order. */
  readonly plans: readonly Plan[];
  readonly byId: ReadonlyMap<string, Plan>;
}

/** One plan as GET /api/plans shows it (../shared/API.md, "Plan catalogue"): no history, no extras. */
export interface ApiPlan {
  id: string;
  name: string;
  operator: string;
  monthlyFee: number;
  dataGB: number;
  ageMin: number;
  ageMax: number;
  excludedProvinces: string[];
  onSale: boolean;
  orderUrl: string;
}

export function toApiPlan(p: Plan): ApiPlan {
  return {
    id: p.id,
    name: p.name,
    operator: p.operator,
    monthlyFee: p.monthlyFee,
    dataGB: p.dataGB,
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    excludedProvinces: [...p.excludedProvinces],
    onSale: p.onSale,
    orderUrl: p.orderUrl,
  };
}

/** The whole GET /api/plans body. */
export function toApiPlans(c: PlanCatalogue): { plans: ApiPlan[] } {
  return { plans: c.plans.map(toApiPlan) };
}

/** `plans[3] (P-CMCC-49) ageMin`: where a problem is, with the plan's id when the raw entry has one. */
function where(issuePath: readonly PropertyKey[], raw: unknown): string {
  if (issuePath[0] !== 'plans' || typeof issuePath[1] !== 'number')
    return issuePath.length ? issuePath.map(String).join('.') : '(root)';
  const i = issuePath[1];
  const entry = (raw as { plans?: unknown[] }).plans?.[i] as { id?: unknown } | undefined;
  const id = typeof entry?.id === 'string' && entry.id ? ` (${entry.id})` : '';
  const rest = issuePath.slice(2).map(String).join('.');
  return `plans[${i}]${id}${rest ? ` ${rest}` : ''}`;
}

/** Checks a parsed catalogue; `file` only names it in errors. */
export function parsePlans(raw: unknown, file: string): PlanCatalogue {
  const parsed = PlansFile.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${where(i.path, raw)}: ${i.message}`)),
    ...duplicateIds(raw),
  ];
  if (!parsed.success || problems.length) throw new KnowledgeError(file, problems);
  const plans = parsed.data.plans;
  return Object.freeze({ file, plans, byId: new Map(plans.map((p) => [p.id, p])) });
}

/** Reads and checks the catalogue (default: the bundled knowledge/plans.json). */
export function loadPlans(file: string = DEFAULT_PLANS_FILE): PlanCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KnowledgeError(file, [e instanceof Error ? e.message : String(e)]);
  }
  return parsePlans(raw, file);
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant or ISO string; a bare date is taken as is. */
export function beijingDate(when: Date | string): string | undefined {
  if (typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when)) return when;
  const ms = typeof when === 'string' ? Date.parse(when) : when.getTime();
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface PolicyChange extends PolicyEntry {
  planId: string;
  planName: string;
}

/**
 * The latest policy change of `plan` that took effect on or after the day the order was placed
 * (Beijing time) and, when `today` is given, not after today: the change that explains why an
 * order placed under the old terms cannot go on. A change on the order's own day counts, because
 * the order was still in review when it took effect. Null when there is none or the date is unreadable.
 */
export function policyChange(
  plan: Plan,
  orderCreatedAt: string | Date | null | undefined,
  today?: Date | string,
): PolicyChange | null {
  if (!orderCreatedAt) return null;
  const ordered = beijingDate(orderCreatedAt);
  if (!ordered) return null;
  const until = today === undefined ? undefined : beijingDate(today);
  const entry = plan.policyHistory.filter((e) => e.date >= ordered && (!until || e.date <= until)).at(-1);
  return entry ? { ...entry, planId: plan.id, planName: plan.name } : null;
}
