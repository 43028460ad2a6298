/**
 * Every action a policy rule can name (knowledge/policy.json `do`), by name. A rule naming an
 * action that is not here stops start-up (see support.dialog.ts).
 */
import {
  acknowledge,
  apologise,
  apologiseAndHandoff,
  apologiseAndLookUp,
  areYouBot,
  declined,
  goodbye,
  greet,
  handoff,
  notifyOptIn,
  thanks,
} from './people.js';
import { elsewhere, faq, faqOrPerson, notUnderstood, start } from './fallbacks.js';
import {
  disputeReason,
  explainTerm,
  nextStep,
  reorderAdvice,
  statusAgain,
  whenAnswer,
  whyAgain,
} from './follow-ups.js';
import { askOrderNo, askTailFirst, checkTail, lookUpOrder, orderNoHelp, tailHelp } from './order.js';
import {
  activationExpired,
  activationHelp,
  changeAfterFailure,
  firstTopUp,
  orderDetails,
  parcelMissing,
  parcelStatus,
} from './order-questions.js';
import { catalogue, listedPlans, planFit, refilterPlans } from './plans.js';
import { askPrecheck, precheckAnswer } from './precheck.js';
import type { Action } from './turn.js';

export const ACTIONS: Readonly<Record<string, Action>> = {
  // the order flow
  lookUpOrder,
  checkTail,
  askOrderNo,
  askTailFirst,
  tailHelp,
  orderNoHelp,
  // follow-ups about the verified order
  whyAgain,
  nextStep,
  whenAnswer,
  reorderAdvice,
  statusAgain,
  explainTerm,
  disputeReason,
  firstTopUp,
  activationExpired,
  changeAfterFailure,
  parcelStatus,
  parcelMissing,
  orderDetails,
  activationHelp,
  // plans and the pre-check
  refilterPlans,
  catalogue,
  planFit,
  listedPlans,
  askPrecheck,
  precheckAnswer,
  // people and courtesies
  handoff,
  apologise,
  apologiseAndHandoff,
  apologiseAndLookUp,
  areYouBot,
  declined,
  thanks,
  acknowledge,
  goodbye,
  greet,
  notifyOptIn,
  // everything else
  faq,
  faqOrPerson,
  elsewhere,
  start,
  notUnderstood,
};

/**
 * Actions that take care of what the conversation waits for themselves (they ask for it, get it,
 * hand over or move on): nothing is asked again after them.
 */
export const FLOW_ACTIONS: ReadonlySet<string> = new Set([
  'lookUpOrder',
  'checkTail',
  'askOrderNo',
  'askTailFirst',
  'tailHelp',
  'orderNoHelp',
  'askPrecheck',
  'precheckAnswer',
  'handoff',
  'apologiseAndHandoff',
  'apologiseAndLookUp',
  'start',
  'notUnderstood',
]);

/** Answers after which the order number, while it is awaited, is asked for again (a plan list or a thank-you is not). */
export const REASK_ORDER_NO_AFTER: ReadonlySet<string> = new Set(['faq', 'faqOrPerson', 'explainTerm', 'elsewhere']);

/** Actions that count a misunderstanding themselves; after any other the count starts again. */
export const COUNTS_MISUNDERSTANDINGS: ReadonlySet<string> = new Set(['notUnderstood', 'lookUpOrder']);
