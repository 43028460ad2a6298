/**
 * Schemas of the files in knowledge/. Every file is checked when loaded; a bad file stops start-up
 * with the file, the path inside it and what is wrong (see loader.ts).
 */
import { z } from 'zod';
import { INTENTS } from '../nlu/types.js';

export const FAILURE_CODES = [
  'ID_INFO_INVALID',
  'AGE_RESTRICTED',
  'ID_QUOTA_EXCEEDED',
  'FREQ_LIMIT',
  'RISK_CONTROL',
  'BLACKLIST_ARREARS',
  'AREA_FORBIDDEN',
  'ADDR_INVALID',
  'CONTACT_PHONE_LIMIT',
  'NUMBER_TAKEN',
  'PLAN_UNAVAILABLE',
  'DUPLICATE_ORDER',
  'PHOTO_REQUIRED',
  'USER_CANCELLED',
  'DELIVERY_FAILED',
  'ACTIVATION_EXPIRED',
  'ACTIVATION_FAILED',
  'FIRST_RECHARGE_MISSING',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
  'SYSTEM_OR_UNKNOWN',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const ORDER_STATUSES = [
  'in_review',
  'shipped',
  'activated',
  'completed',
  'failed',
  'cancelled',
  'expired',
  'needs_photos',
  'unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const regexSource = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');

/**
 * A text filled from the order's facts (`{province}`, `{ageMin}`, …; see dialogs/facts.ts): one
 * template, or several from the most specific to the most general. The first whose every
 * placeholder has a value is said, so the last should need none or only facts every order has.
 */
const Template = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const LocalisedExplanation = z.strictObject({
  /** A few words: what went wrong. */
  title: z.string().min(1),
  /** What happened, in words a customer understands. */
  what: Template,
  /** Whether it can be fixed, and how (same order, new order, other plan, wait). */
  canFix: Template,
  /** The concrete next step. */
  next: Template,
  /** The reason again in a sentence, for "why?" after the explanation. */
  why: Template,
  /** The time facts: how long to wait, since when, how soon the customer can act. */
  when: Template,
  /** "Can I order again?": yes or no, and what to fix first. */
  reorder: Template,
  /**
   * "But I never owed anything": how the customer can check the record for themselves, said when they
   * dispute the reason. Absent where there is nothing they can check (a person is offered either way).
   */
  check: Template.optional(),
});

export const FailureReasonsFile = z.strictObject({
  /** Each operator's customer-service number, for the reasons that send the customer there. */
  hotlines: z.record(z.string(), z.string().min(1)),
  reasons: z
    .array(
      z.strictObject({
        code: z.enum(FAILURE_CODES),
        recoverability: z.enum(['R1', 'R2', 'R3', 'R4']),
        /** A person should take over (disputes, refunds) rather than the bot alone. */
        needsHuman: z.boolean().default(false),
        /** With this reason a card was issued to the customer (its number may be shown). */
        cardIssued: z.boolean().default(false),
        /** Regexes over the platform's raw Remark, tried in file order; the first code that matches wins. */
        patterns: z.array(regexSource),
        text: z.strictObject({ 'zh-CN': LocalisedExplanation, en: LocalisedExplanation }),
      }),
    )
    .superRefine((reasons, ctx) => {
      const seen = new Set(reasons.map((r) => r.code));
      for (const code of FAILURE_CODES) {
        if (!seen.has(code)) ctx.addIssue({ code: 'custom', message: `failure code ${code} has no entry` });
      }
      if (seen.size !== reasons.length) ctx.addIssue({ code: 'custom', message: 'a failure code appears twice' });
    }),
});
export type FailureReasonsFile = z.infer<typeof FailureReasonsFile>;
export type FailureReason = FailureReasonsFile['reasons'][number];
export type Template = z.infer<typeof Template>;

export const OrderStatusesFile = z.strictObject({
  about: z.string().optional(),
  /** Raw status text or code → the bot's own status, per platform (`172`, `haoyi`, `kayelianmeng`). */
  platforms: z.record(z.string(), z.record(z.string(), z.enum(ORDER_STATUSES))),
  /** A raw status no table knows, by its words: the first entry with a word in it wins. */
  keywords: z.array(z.strictObject({ status: z.enum(ORDER_STATUSES), words: z.array(z.string().min(1)).min(1) })),
  /** Statuses at which the customer has (or is being sent) the card, so its number may be shown. */
  cardIssued: z.array(z.enum(ORDER_STATUSES)),
  /** Said instead of "failed" when the customer can still continue the same order (R1). */
  onHold: z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  /** The failure code to assume when a final status comes without any Remark. */
  impliedFailure: z.partialRecord(z.enum(ORDER_STATUSES), z.enum(FAILURE_CODES)),
  /** How each status is told to the customer, per locale. */
  text: z.object({
    'zh-CN': z.record(z.enum(ORDER_STATUSES), z.string().min(1)),
    en: z.record(z.enum(ORDER_STATUSES), z.string().min(1)),
  }),
});
export type OrderStatusesFile = z.infer<typeof OrderStatusesFile>;

/** Platform words customers ask about (knowledge/glossary.json). */
export const GlossaryFile = z.strictObject({
  about: z.string().optional(),
  terms: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case identifier'),
        /** The spellings that find the term in a message, in any language. */
        names: z.array(z.string().trim().min(1)).min(1),
        /** The failure reason the term belongs to, if any: on an order with it, the bot links the two. */
        code: z.enum(FAILURE_CODES).optional(),
        /** The status the term names, if it is one (已结算). */
        status: z.enum(ORDER_STATUSES).optional(),
        /** Its meaning is not published: the text says what is known and the bot offers a person. */
        unpublished: z.boolean().optional(),
        text: z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
      }),
    )
    .min(1)
    .superRefine((terms, ctx) => {
      const ids = new Set<string>();
      const names = new Map<string, string>();
      terms.forEach((t, i) => {
        if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate term id ${t.id}` });
        ids.add(t.id);
        t.names.forEach((n, j) => {
          const key = n.toLowerCase();
          const other = names.get(key);
          if (other && other !== t.id)
            ctx.addIssue({ code: 'custom', path: [i, 'names', j], message: `'${n}' is also a name of ${other}` });
          names.set(key, t.id);
        });
      });
    }),
});
export type GlossaryFile = z.infer<typeof GlossaryFile>;
export type GlossaryTerm = GlossaryFile['terms'][number];

/** Where a conversation can stand when a message comes (dialogs/policy.ts maps them to the engine's threads). */
export const POLICY_STEPS = ['start', 'ask_order_no', 'ask_tail', 'after', 'precheck'] as const;

/** One value or any of several. */
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).min(1)]);

/**
 * The dialog policy (knowledge/policy.json): rules `{ when, do }` tried in file order; the first
 * whose every condition holds names the action. Conditions (all optional; a list means any of):
 * `step`, `order` (none, pending: its phone digits asked for, verified), `status` and `code` of the
 * verified order, `offer` (what the bot's last reply offered, or none), `plans` (a plan list was
 * shown), `listed` (the bot's last reply named plans: "这张", "that one" are about them), `intent`, `entities` (all present in the message), `someEntity` (at least one present),
 * `faq` (the FAQ entry the message matches) and `elsewhere` (about another company).
 */
export const PolicyFile = z.strictObject({
  about: z.string().optional(),
  /** A quick reply the bot offers, clicked or typed back, is read as this intent. */
  quickReplies: z.record(z.string(), z.enum(INTENTS)),
  rules: z
    .array(
      z.strictObject({
        when: z.strictObject({
          step: oneOf(POLICY_STEPS).optional(),
          order: oneOf(['none', 'pending', 'verified'] as const).optional(),
          status: oneOf(ORDER_STATUSES).optional(),
          code: oneOf(FAILURE_CODES).optional(),
          offer: oneOf(['human', 'precheck', 'notify', 'none'] as const).optional(),
          plans: z.boolean().optional(),
          listed: z.boolean().optional(),
          intent: oneOf(INTENTS).optional(),
          entities: z.array(z.string().min(1)).min(1).optional(),
          someEntity: z.array(z.string().min(1)).min(1).optional(),
          faq: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
          elsewhere: z.boolean().optional(),
        }),
        do: z.string().regex(/^[a-z][A-Za-z]*$/, 'an action name in camelCase'),
        /** Why the row is there, for the next reader. */
        why: z.string().optional(),
      }),
    )
    .min(1),
});
export type PolicyFile = z.infer<typeof PolicyFile>;
export type PolicyRule = PolicyFile['rules'][number];

/** Reply templates: `{name}` placeholders, filled by bot/core/texts.ts. */
export const RepliesFile = z
  .object({
    'zh-CN': z.record(z.string(), z.string().min(1)),
    en: z.record(z.string(), z.string().min(1)),
  })
  .superRefine((r, ctx) => {
    for (const key of Object.keys(r['zh-CN'])) {
      if (!(key in r.en))
        ctx.addIssue({ code: 'custom', path: ['en', key], message: 'missing English text for this key' });
    }
    for (const key of Object.keys(r.en)) {
      if (!(key in r['zh-CN']))
        ctx.addIssue({ code: 'custom', path: ['zh-CN', key], message: 'missing Chinese text for this key' });
    }
  });
export type RepliesFile = z.infer<typeof RepliesFile>;

/** Orders in the 172 field names (API.md, `ORDERS_FILE`); extra fields are kept, missing optional ones are null. */
export const OrdersFile = z
  .array(
    z.looseObject({
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
    }),
  )
  .superRefine((orders, ctx) => {
    const seen = new Set<string>();
    orders.forEach((o, i) => {
      if (seen.has(o.OrderNo))
        ctx.addIssue({ code: 'custom', path: [i, 'OrderNo'], message: `duplicate order number ${o.OrderNo}` });
      seen.add(o.OrderNo);
    });
  });
