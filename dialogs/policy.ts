/**
 * The dialog policy: which action answers a message, given what is on the table. The rules are data
 * (knowledge/policy.json, in the spirit of Rasa's rules: conditions on the conversation's state and
 * the message → an action); the actions are named functions (dialogs/answerers/). The first rule
 * whose every condition holds decides, so the file reads from the most pressing (a request for a
 * person) to the most general (not understood).
 */
import type { FailureCode, OrderStatus, PolicyFile, PolicyRule, POLICY_STEPS } from '../bot/knowledge/schemas.js';
import type { IntentName } from '../bot/nlu/types.js';
import type { Offer } from '../bot/core/dialog.js';

export type PolicyStep = (typeof POLICY_STEPS)[number];

/** The engine's thread for each step. The names are kept as they were: conversations in flight resume in them. */
export const THREADS: Readonly<Record<PolicyStep, string>> = {
  start: 'support.start',
  ask_order_no: 'order.ask_no',
  ask_tail: 'order.ask_tail',
  after: 'order.after',
  precheck: 'precheck.ask',
};

export function stepOfThread(thread: string | null): PolicyStep {
  const found = (Object.entries(THREADS) as Array<[PolicyStep, string]>).find(([, t]) => t === thread);
  return found?.[0] ?? 'start';
}

/** What is on the table when a message comes: the policy's conditions are read from this. */
export interface PolicyContext {
  step: PolicyStep;
  /** none; pending: an order number was given and its phone digits are asked for; verified. */
  order: 'none' | 'pending' | 'verified';
  /** The verified order's status and failure code, as explained. */
  status?: OrderStatus;
  code?: FailureCode;
  /** What the bot's last reply offered. */
  offer?: Offer;
  /** A list of plans was shown. */
  plans: boolean;
  /** The plans the bot's last reply named (ids): what "这张", "that one" or "首充多少" are about. */
  listed: readonly string[];
  intent: IntentName;
  /** Entity kinds in the message (order_no, phone_tail, province, term, escalation, …). */
  entities: ReadonlySet<string>;
  elsewhere: boolean;
  /** The FAQ entry the message matches well enough, looked up only when a rule asks. */
  faq(): string | undefined;
}

type When = PolicyRule['when'];

const anyOf = <T>(cond: T | readonly T[] | undefined, value: T | undefined): boolean =>
  cond === undefined || (Array.isArray(cond) ? (cond as readonly T[]).includes(value as T) : cond === value);

/** Whether every condition of `when` holds in `ctx`. */
export function holds(when: When, ctx: PolicyContext): boolean {
  return (
    anyOf(when.step, ctx.step) &&
    anyOf(when.order, ctx.order) &&
    anyOf(when.status, ctx.status) &&
    anyOf(when.code, ctx.code) &&
    anyOf(when.offer, ctx.offer ?? 'none') &&
    (when.plans === undefined || when.plans === ctx.plans) &&
    (when.listed === undefined || when.listed === ctx.listed.length > 0) &&
    anyOf(when.intent, ctx.intent) &&
    (when.entities === undefined || when.entities.every((e) => ctx.entities.has(e))) &&
    (when.someEntity === undefined || when.someEntity.some((e) => ctx.entities.has(e))) &&
    (when.elsewhere === undefined || when.elsewhere === ctx.elsewhere) &&
    (when.faq === undefined || anyOf(when.faq, ctx.faq()))
  );
}

/** The first rule that holds, with its index in the file (for logs and tests). */
export function decide(policy: PolicyFile, ctx: PolicyContext): { rule: PolicyRule; index: number } {
  const index = policy.rules.findIndex((r) => holds(r.when, ctx));
  if (index < 0) throw new Error('the policy has no rule for this message: its last rule must have no conditions');
  return { rule: policy.rules[index]!, index };
}

/**
 * Rules that can never decide because an earlier rule holds whenever they do (every condition of the
 * earlier one is also one of theirs, as loose or looser). Returned as [earlier, later] indexes.
 */
export function shadowedRules(policy: PolicyFile): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const asList = (v: unknown): unknown[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const covers = (a: When, b: When): boolean =>
    (Object.keys(a) as Array<keyof When>).every((key) => {
      if (key === 'entities') return (a.entities ?? []).every((e) => b.entities?.includes(e));
      // Any of a's is present whenever b's `entities` hold one of them, or b asks for fewer of them.
      if (key === 'someEntity')
        return (
          (a.someEntity ?? []).some((e) => b.entities?.includes(e)) ||
          (b.someEntity?.every((e) => a.someEntity!.includes(e)) ?? false)
        );
      if (key === 'plans' || key === 'listed' || key === 'elsewhere') return a[key] === b[key];
      const av = asList(a[key]);
      const bv = asList(b[key]);
      return bv !== undefined && bv.every((v) => av!.includes(v));
    });
  policy.rules.forEach((later, j) => {
    const i = policy.rules.slice(0, j).findIndex((earlier) => covers(earlier.when, later.when));
    if (i >= 0) out.push([i, j]);
  });
  return out;
}
