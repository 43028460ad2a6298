/**
 * The shape every dialog has: pure steps over state, input, ports and knowledge, returning replies
 * and effects. The engine that hosts them (bot/botkit.engine.ts) is the only code that knows Botkit.
 */
import type { Knowledge } from '../bot/knowledge/loader.js';
import type { FailureCode } from '../bot/knowledge/schemas.js';
import type { Locale } from '../bot/locale.js';
import type { Entity } from '../bot/nlu/entities.js';
import type { Faq } from '../bot/faq.js';
import type { PlanCatalogue } from '../bot/plans.js';
import type { VerificationLockout } from '../bot/ports/lockout.js';
import type { OrderSource } from '../bot/ports/order-source.js';

export interface Reply {
  text: string;
  /** Quick replies the channel may show as buttons. */
  suggestions?: string[];
}

export type Effect =
  | { type: 'handoff'; reason: HandoffReason; orderNo?: string; failureCode?: FailureCode }
  | { type: 'locale'; locale: Locale }
  /** The customer was told `status` of a verified order (remembered for proactive notices). */
  | { type: 'seen_order'; orderNo: string; status: string }
  /** The customer asked to be told when the order's status changes. */
  | { type: 'notify_opt_in'; orderNo: string };

export type HandoffReason = 'customer_request' | 'complaint' | 'not_understood' | 'needs_human' | 'source_down' | 'locked';

/** One customer message as the dialogs see it: already understood, never raw channel payloads. */
export interface TurnInput {
  text: string;
  locale: Locale;
  intent: { name: string; confidence: number } | null;
  /** The intent read as part of a conversation about an order (see NluResult.onTopic). */
  onTopic?: { name: string; confidence: number } | null;
  /** The message is about another company's service or card (see NluResult.elsewhere). */
  elsewhere?: boolean;
  entities: Entity[];
  now: Date;
}

/** The dialog's memory between turns. JSON only, and never an unmasked personal datum. */
export interface DialogVars {
  orderNo?: string;
  /** Order number whose phone tail the customer proved. */
  verifiedOrderNo?: string;
  tailAttempts?: number;
  misunderstandings?: number;
  failureCode?: FailureCode;
  /** What the bot's last reply offered, for a "好的" / "yes" in the very next turn; cleared by any other. */
  lastOffer?: 'human' | 'precheck' | 'notify';
  [key: string]: unknown;
}

export interface DialogDeps {
  orders: OrderSource;
  knowledge: Knowledge;
  plans: PlanCatalogue;
  faq: Faq;
  /** Lock-out per order across conversations (absent: per conversation only). */
  lockout?: VerificationLockout;
}

export interface StepOutcome {
  replies: Reply[];
  /** The step that handles the customer's next message. */
  next: string;
  vars: DialogVars;
  effects?: Effect[];
}

export type Step = (input: TurnInput, vars: DialogVars, deps: DialogDeps) => Promise<StepOutcome>;

/** What a dialog engine hosts: the names of the steps a conversation can wait in, and the turn function. */
export interface DialogSpec {
  stepNames: readonly string[];
  /** Steps whose answer carries personal data the bot must not keep (the transcript gets a placeholder). */
  sensitiveSteps?: readonly string[];
  /** Runs one customer message; `step` is null when the conversation has no dialog state yet. */
  run(step: string | null, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome>;
}
