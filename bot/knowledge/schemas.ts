/**
 * Schemas of the files in knowledge/. Every file is checked when loaded; a bad file stops start-up
 * with the file, the path inside it and what is wrong (see loader.ts).
 */
import { z } from 'zod';

export const FAILURE_CODES = [
  'ID_INFO_INVALID', 'AGE_RESTRICTED', 'ID_QUOTA_EXCEEDED', 'FREQ_LIMIT', 'RISK_CONTROL',
  'BLACKLIST_ARREARS', 'AREA_FORBIDDEN', 'ADDR_INVALID', 'CONTACT_PHONE_LIMIT', 'NUMBER_TAKEN',
  'PLAN_UNAVAILABLE', 'DUPLICATE_ORDER', 'PHOTO_REQUIRED', 'USER_CANCELLED', 'DELIVERY_FAILED',
  'ACTIVATION_EXPIRED', 'ACTIVATION_FAILED', 'FIRST_RECHARGE_MISSING', 'PAYMENT_FAILED',
  'OUT_OF_STOCK', 'SYSTEM_OR_UNKNOWN',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const ORDER_STATUSES = [
  'in_review', 'shipped', 'activated', 'completed', 'failed', 'cancelled', 'expired', 'needs_photos', 'unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const regexSource = z.string().min(1).refine((s) => {
  try { new RegExp(s, 'u'); return true; } catch { return false; }
}, 'is not a valid regular expression');

const LocalisedExplanation = z.object({
  /** A few words: what went wrong. */
  title: z.string().min(1),
  /** What happened, in words a customer understands. */
  what: z.string().min(1),
  /** Whether it can be fixed, and how (same order, new order, other plan, wait). */
  canFix: z.string().min(1),
  /** The concrete next step. */
  next: z.string().min(1),
});

export const FailureReasonsFile = z.object({
  reasons: z.array(z.object({
    code: z.enum(FAILURE_CODES),
    recoverability: z.enum(['R1', 'R2', 'R3', 'R4']),
    /** A person should take over (disputes, refunds) rather than the bot alone. */
    needsHuman: z.boolean().default(false),
    /** Regexes over the platform's raw Remark, tried in file order; the first code that matches wins. */
    patterns: z.array(regexSource),
    text: z.object({ 'zh-CN': LocalisedExplanation, en: LocalisedExplanation }),
  })).superRefine((reasons, ctx) => {
    const seen = new Set(reasons.map((r) => r.code));
    for (const code of FAILURE_CODES) {
      if (!seen.has(code)) ctx.addIssue({ code: 'custom', message: `failure code ${code} has no entry` });
    }
    if (seen.size !== reasons.length) ctx.addIssue({ code: 'custom', message: 'a failure code appears twice' });
  }),
});
export type FailureReasonsFile = z.infer<typeof FailureReasonsFile>;
export type FailureReason = FailureReasonsFile['reasons'][number];

export const OrderStatusesFile = z.object({
  /** Raw status text or code → the bot's own status, per platform (`172`, `haoyi`, `kayelianmeng`). */
  platforms: z.record(z.string(), z.record(z.string(), z.enum(ORDER_STATUSES))),
  /** The failure code to assume when a final status comes without any Remark. */
  impliedFailure: z.partialRecord(z.enum(ORDER_STATUSES), z.enum(FAILURE_CODES)),
  /** How each status is told to the customer, per locale. */
  text: z.object({
    'zh-CN': z.record(z.enum(ORDER_STATUSES), z.string().min(1)),
    en: z.record(z.enum(ORDER_STATUSES), z.string().min(1)),
  }),
});
export type OrderStatusesFile = z.infer<typeof OrderStatusesFile>;

/** Reply templates: `{name}` placeholders, filled by dialogs/reply.ts. */
export const RepliesFile = z.object({
  'zh-CN': z.record(z.string(), z.string().min(1)),
  en: z.record(z.string(), z.string().min(1)),
}).superRefine((r, ctx) => {
  for (const key of Object.keys(r['zh-CN'])) {
    if (!(key in r.en)) ctx.addIssue({ code: 'custom', path: ['en', key], message: 'missing English text for this key' });
  }
  for (const key of Object.keys(r.en)) {
    if (!(key in r['zh-CN'])) ctx.addIssue({ code: 'custom', path: ['zh-CN', key], message: 'missing Chinese text for this key' });
  }
});
export type RepliesFile = z.infer<typeof RepliesFile>;

/** Orders in the 172 field names (API.md, `ORDERS_FILE`); extra fields are kept, missing optional ones are null. */
export const OrdersFile = z.array(z.looseObject({
  OrderNo: z.string().min(1),
  OrderStatus: z.string().min(1),
  Remark: z.string().nullish(),
  ProductID: z.string().nullish(),
  ProductName: z.string().nullish(),
  Operator: z.string().nullish(),
  Phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland phone number'),
  IDCard: z.string().nullish(),
  Name: z.string().nullish(),
  Province: z.string().nullish(),
  City: z.string().nullish(),
  Address: z.string().nullish(),
  CreatedAt: z.string().nullish(),
  ExpressName: z.string().nullish(),
  ExpressCode: z.string().nullish(),
  ThirdPhone: z.string().nullish(),
})).superRefine((orders, ctx) => {
  const seen = new Set<string>();
  orders.forEach((o, i) => {
    if (seen.has(o.OrderNo)) ctx.addIssue({ code: 'custom', path: [i, 'OrderNo'], message: `duplicate order number ${o.OrderNo}` });
    seen.add(o.OrderNo);
  });
});
