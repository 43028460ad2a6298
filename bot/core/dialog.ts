/**
 * The shape every dialog has: pure steps over state, input, ports and knowledge, returning replies
 * and effects. The engine that hosts them (bot/botkit.engine.ts) is the only code that knows Botkit.
 */
import type { Knowledge } from '../knowledge/loader.js';
import type { FailureCode, OrderStatus } from '../knowledge/schemas.js';
import type { Locale } from '../locale.js';
import type { Entity } from '../nlu/entities.js';
import type { Operator } from '../nlu/operators.js';
import type { ScoredIntent } from '../nlu/types.js';
import type { Faq } from '../faq.js';
import type { PlanCatalogue } from '../plans.js';
import type { VerificationLockout } from './ports/lockout.js';
import type { OrderSource } from './ports/order-source.js';

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

export type HandoffReason =
  'customer_request' | 'complaint' | 'not_understood' | 'needs_human' | 'source_down' | 'locked';

/** One customer message as the dialogs see it: already understood, never raw channel payloads. */
export interface TurnInput {
  text: string;
  locale: Locale;
  intent: ScoredIntent | null;
  /** The intent read as part of a conversation about an order (see NluResult.onTopic). */
  onTopic?: ScoredIntent | null;
  /** The message is about another company's service or card (see NluResult.elsewhere). */
  elsewhere?: boolean;
  entities: Entity[];
  now: Date;
}

/** What the bot's last reply offered, for a "好的" / "yes" in the very next turn. */
export type Offer = 'human' | 'precheck' | 'notify';

/**
 * What a customer said of themselves for choosing plans ("我在新疆", "我17岁", "有电信的吗", "便宜点的"),
 * kept for their next question. The age is the one they stated, never one read from an ID number.
 */
export interface Stated {
  province?: string;
  age?: number;
  operator?: Operator;
  /** Several operators, any of which will do ("电信移动都行"); `operator` is then unset. */
  operators?: Operator[];
  /** What comes first: the lowest fee, the most data, the most call minutes ("电话多点"). */
  prefer?: 'cheap' | 'data' | 'minutes';
  /** Only plans without a first top-up ("不用首充的"). */
  noFirstTopUp?: boolean;
  /** The monthly fee in yuan: "30以内" (le 30), "比39便宜" (lt 39), "29的" (eq), "39左右" (about), "40以上" (ge). */
  fee?: Amount;
  /** The data asked for, in GB: "100G以上" (ge), "比原来多" (gt), "100G左右" (about), "流量差不多的" (near: closest first, no limit). */
  data?: Amount;
  /** An operator the customer does not want ("别给我推联通"). */
  notOperator?: Operator;
}

/** An amount a plan must have, against a number (yuan a month, GB). */
export interface Amount {
  op: 'lt' | 'le' | 'eq' | 'about' | 'ge' | 'gt' | 'near' | 'between';
  value: number;
  /** The upper end of `between` ("30到50块"). */
  to?: number;
}

/** The dialog's memory between turns. JSON only, and never an unmasked personal datum. */
export interface DialogVars {
  /** The order number being checked (its phone digits asked for). */
  orderNo?: string;
  /** Order number whose phone tail the customer proved. */
  verifiedOrderNo?: string;
  /** Its status and failure code when it was explained: the context the policy reads. */
  status?: OrderStatus;
  failureCode?: FailureCode;
  tailAttempts?: number;
  misunderstandings?: number;
  /** Cleared by any other message than the one right after the offer. */
  lastOffer?: Offer;
  /** The plan a pre-check would check against (an id: no personal data). */
  precheckPlanId?: string;
  /** The step to go back to after the pre-check. */
  precheckBack?: string;
  /** Per order number, until when this conversation may not try its phone digits again (ISO time). */
  lockedUntil?: Record<string, string>;
  stated?: Stated;
  /** A list of plans was shown: a bare "我17岁" or "最便宜的" refines it. */
  plansShown?: boolean;
  /** The plans already offered (ids), so "还有别的吗" shows others. */
  shownPlanIds?: string[];
  /**
   * The plans the bot's last reply named in answer to a question about plans (ids): what "这张",
   * "that one" or "首充多少" are about. Like `lastOffer`, it stands for the next message only.
   */
  listed?: string[];
  /** The action that answered the last message (knowledge/policy.json `do`): the same question twice gets a shorter answer. */
  lastAction?: string;
  /** Fingerprints of the bot's recent longer replies: one said again word for word is shortened (see support.dialog.ts). */
  recentReplies?: string[];
  /** How often the bot asked what the customer meant about the order on the table. */
  clarified?: number;
}

export interface DialogDeps {
  orders: OrderSource;
  knowledge: Knowledge;
  plans: PlanCatalogue;
  faq: Faq;
  /** Lock-out per order across conversations (absent: per conversation only). */
  lockout?: VerificationLockout;
}

/** How a turn was decided, for logs and the dialog tests: the intent read in context and the action the policy named. */
export interface TurnTrace {
  intent: string;
  action: string;
  /** The policy rule's index in knowledge/policy.json. */
  rule: number;
}

export interface StepOutcome {
  replies: Reply[];
  /** The step that handles the customer's next message. */
  next: string;
  vars: DialogVars;
  effects?: Effect[];
  trace?: TurnTrace;
}

/** What a dialog engine hosts: the names of the steps a conversation can wait in, and the turn function. */
export interface DialogSpec {
  stepNames: readonly string[];
  /** Steps whose answer carries personal data the bot must not keep (the transcript gets a placeholder). */
  sensitiveSteps?: readonly string[];
  /** Runs one customer message; `step` is null when the conversation has no dialog state yet. */
  run(step: string | null, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome>;
}
