/**
 * The top of every turn: intents that apply wherever the conversation stands (a human, thanks,
 * goodbye, "check another order") are answered here; everything else goes to the current step.
 */
import type { DialogDeps, DialogSpec, DialogVars, Reply, Step, StepOutcome, TurnInput } from './dialog.js';
import { isAppError } from '../bot/errors.js';
import { viewOrder } from '../bot/order-view.js';
import { afterFailure, askPrecheck, catalogueOffers, faqAnswer, holdsIdNumber, PRECHECK_STEP, precheckStep, withAfter, type CatalogueFilter } from './offers.dialog.js';
import { askOrderNo, explainAgain, LOOKS_LIKE_NUMBER, orderSteps, spacedOrderNo, STEP, takeOrderNo } from './order-failure.dialog.js';
import { asksWhereOrderNoIs, cannotGiveTail, orderNoHelp, tailHelp } from './without-data.js';
import { faqReplies } from './alternatives.js';
import { ANOTHER_ORDER, CATALOGUE_FOLLOW_UP, CHASE, PARCEL_MISSING, WANTS_NOTICE, WANTS_PRECHECK, WHEN } from './cues.js';
import { isQuickReply, t } from './reply.js';

const START = 'support.start';

const start: Step = async (input, vars, deps) => {
  if (input.entities.some((e) => e.entity === 'order_no') || LOOKS_LIKE_NUMBER.test(input.text) || spacedOrderNo(input.text)) return takeOrderNo(input, vars, deps);
  const k = deps.knowledge;
  return { replies: [{ text: t(k, input.locale, 'greeting') }, askOrderNo(input, deps)], next: STEP.askOrderNo, vars };
};

const steps: Record<string, Step> = { [START]: start, ...orderSteps, [PRECHECK_STEP]: precheckStep };

/** An FAQ match this close is answered whatever the intent, where the bot waits for data. */
const STRONG_FAQ = 0.6;

/** Topics the FAQ answers when the message carries no order data. */
const FAQ_INTENTS = ['activation', 'logistics', 'refund', 'update_info', 'reorder', 'alternatives', 'out_of_scope'];

/** Offers for the verified order again ("还有别的套餐吗"); null when there is no verified order. */
async function offersAgain(input: TurnInput, vars: DialogVars, deps: DialogDeps, here: string): Promise<StepOutcome | null> {
  if (!vars.verifiedOrderNo || !vars.failureCode) return null;
  let order;
  try {
    order = await deps.orders.getOrder(vars.verifiedOrderNo);
  } catch (e) {
    if (isAppError(e, 'ORDER_SOURCE_UNAVAILABLE')) return null;
    throw e;
  }
  if (!order) return null;
  const after = afterFailure(order, viewOrder(order, deps.knowledge), input, vars, deps);
  return after.replies.length ? { replies: withAfter([], after.replies, after.suggestion), next: here, vars: { ...after.vars, misunderstandings: 0 } } : null;
}

/** After answering something else, the question the step is still waiting on (the order number, the phone digits). */
function stillWaiting(input: TurnInput, vars: DialogVars, deps: DialogDeps, here: string): Reply[] {
  if (here === STEP.askOrderNo) return [askOrderNo(input, deps)];
  if (here === STEP.askTail && vars.orderNo) return [{ text: t(deps.knowledge, input.locale, 'ask_tail_again', { orderNo: vars.orderNo }) }];
  return [];
}

/** The NLU already turned anything it is not sure of into out_of_scope. */
function intentIs(input: TurnInput, ...names: string[]): boolean {
  return input.intent !== null && names.includes(input.intent.name);
}

/** A quick reply the bot offered, typed back (in either language). */
function clicked(input: TurnInput, deps: DialogDeps, key: string): boolean {
  return isQuickReply(deps.knowledge, input.text, key);
}

/** Runs one turn: global intents first, then the step the conversation is waiting in. */
export async function runTurn(step: string | null, message: TurnInput, given: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  // An offer stands for the next message only.
  const offered = given.lastOffer;
  let vars: DialogVars = { ...given, lastOffer: undefined };
  // Once an order is on the table, a message without a word of the domain ("what else can I get
  // instead", "地址要补充门牌号") is read as being about it.
  const input = (vars.orderNo || vars.verifiedOrderNo) && message.onTopic ? { ...message, intent: message.onTopic } : message;
  const k = deps.knowledge;
  let here = step && steps[step] ? step : START;
  const hasData = input.entities.some((e) => e.entity === 'order_no' || e.entity === 'phone_tail' || e.entity === 'phone');

  // The pre-check's answer (an ID number and a name) goes to its step; a message without an ID
  // number ("算了不查了", "how soon can I order again?") leaves the pre-check and is read as any other.
  if (here === PRECHECK_STEP) {
    if (holdsIdNumber(input.text) && !clicked(input, deps, 'sugg_human')) return precheckStep(input, vars, deps);
    here = typeof vars.precheckBack === 'string' && steps[vars.precheckBack] ? vars.precheckBack : STEP.after;
    vars = { ...vars, precheckBack: undefined };
  }

  if (clicked(input, deps, 'sugg_human') || intentIs(input, 'human_agent', 'complaint') || (offered === 'human' && intentIs(input, 'affirm'))
    || (vars.verifiedOrderNo && CHASE.test(input.text))) {
    const reason = intentIs(input, 'complaint') ? 'complaint' : 'customer_request';
    return {
      replies: [{ text: t(k, input.locale, 'handoff') }],
      next: here,
      vars: { ...vars, misunderstandings: 0 },
      effects: [{ type: 'handoff', reason, orderNo: vars.verifiedOrderNo, failureCode: vars.failureCode }],
    };
  }
  if (clicked(input, deps, 'sugg_notify') || (offered === 'notify' && intentIs(input, 'affirm')) || (vars.verifiedOrderNo && WANTS_NOTICE.test(input.text))) {
    const orderNo = vars.verifiedOrderNo;
    if (!orderNo) return { replies: [{ text: t(k, input.locale, 'notify_nothing') }], next: here, vars };
    return {
      replies: [{ text: t(k, input.locale, 'notify_ok', { orderNo }) }],
      next: here,
      vars: { ...vars, misunderstandings: 0 },
      effects: [{ type: 'notify_opt_in', orderNo }],
    };
  }
  if (clicked(input, deps, 'sugg_precheck') || (offered === 'precheck' && intentIs(input, 'affirm'))
    || (typeof vars.precheckPlanId === 'string' && WANTS_PRECHECK.test(input.text))) return askPrecheck(input, vars, deps, here);
  if (!hasData) {
    // "我忘记订单号了" where an order number is wanted, whatever the intent read into it.
    if ((here === START || here === STEP.askOrderNo || here === STEP.after) && !input.elsewhere && asksWhereOrderNoIs(input.text)) {
      return { replies: [orderNoHelp(input, deps)], next: here === START ? STEP.askOrderNo : here, vars: { ...vars, misunderstandings: 0 } };
    }
    // "下单电话我忘了" where the phone's last 4 digits are wanted.
    if (here === STEP.askTail && typeof vars.orderNo === 'string' && cannotGiveTail(input.text) && !ANOTHER_ORDER.test(input.text)) {
      return { replies: [tailHelp(input, deps, vars.orderNo)], next: here, vars: { ...vars, misunderstandings: 0 } };
    }
    // After a list of plans, "我62岁", "I live in Tibet" or "最便宜的是哪个" is more of the same question.
    const before = vars.catalogue as CatalogueFilter | undefined;
    const morePlans = before !== undefined && (CATALOGUE_FOLLOW_UP.test(input.text)
      || (intentIs(input, 'inform') && input.entities.some((e) => ['province', 'age', 'operator'].includes(e.entity))));
    if (intentIs(input, 'alternatives') || morePlans) {
      const again = intentIs(input, 'alternatives') ? await offersAgain(input, vars, deps, here) : null;
      if (again) return again;
      // No failed order to go by ("你们有什么套餐", "新疆能办吗"): what is on sale for what the customer said.
      if (here === START || here === STEP.askOrderNo || here === STEP.after || here === STEP.askTail) {
        const { replies, filter } = catalogueOffers(input, deps, before);
        // A question about plans is not an order check: only the digits of an order being checked are asked again.
        const ask = here === STEP.askTail ? stillWaiting(input, vars, deps, here) : [];
        return { replies: [...replies, ...ask], next: here === START ? STEP.askOrderNo : here, vars: { ...vars, catalogue: filter, misunderstandings: 0 } };
      }
    }
    // "那我要等多久才能再下单" about a failed order on the table: what can be done and when, from its
    // reason; with a pre-check on offer, only a question of when ("can I order again" takes the pre-check).
    const precheckOnOffer = typeof vars.precheckPlanId === 'string';
    if (intentIs(input, 'reorder') && here === STEP.after && vars.verifiedOrderNo && vars.failureCode && !ANOTHER_ORDER.test(input.text)
      && (!precheckOnOffer || WHEN.test(input.text))) {
      return explainAgain(vars.verifiedOrderNo, input, vars, deps, 'next');
    }
    if (intentIs(input, 'reorder') && precheckOnOffer) {
      // "can my wife order for me with her ID?": the real-name rule first; a pre-check of her ID would mislead.
      const realName = deps.faq.answer(input.text, input.locale);
      if (realName?.id === 'someone_elses_id') return { replies: faqReplies(realName, k, input.locale), next: here, vars: { ...vars, misunderstandings: 0 } };
      return askPrecheck(input, vars, deps, here);
    }
    // "快递显示签收了但我没收到": a parcel the courier calls delivered is for a person to chase.
    if (here === STEP.after && vars.verifiedOrderNo && PARCEL_MISSING.test(input.text)) {
      return { replies: [{ text: t(k, input.locale, 'parcel_missing'), suggestions: [t(k, input.locale, 'sugg_human')] }], next: here, vars: { ...vars, misunderstandings: 0, lastOffer: 'human' } };
    }
    // "快递单号多少", "什么时候能到" once an order is verified: its own courier and status, not the general answer.
    if (here === STEP.after && vars.verifiedOrderNo && intentIs(input, 'logistics') && !ANOTHER_ORDER.test(input.text)) {
      return explainAgain(vars.verifiedOrderNo, input, vars, deps);
    }
    // Another company's order, ticket or card: say so, rather than answer with our own FAQ (退款, 激活).
    if (input.elsewhere && intentIs(input, 'out_of_scope') && here !== STEP.askTail) {
      return { replies: [{ text: t(k, input.locale, 'elsewhere') }], next: here === START ? STEP.askOrderNo : here, vars: { ...vars, misunderstandings: 0 } };
    }
    // Questions the FAQ knows (activation, delivery, refunds…), where no step is waiting for data.
    // While the order number or the digits are awaited, a question the FAQ knows well is answered
    // whatever the intent ("一证五号怎么查" reads as a failure question), and the step asks again.
    const waitingForData = here === STEP.askOrderNo || here === STEP.askTail;
    if ((here === START || here === STEP.after || waitingForData) && (intentIs(input, ...FAQ_INTENTS) || waitingForData)) {
      const answer = faqAnswer(input, deps, intentIs(input, ...FAQ_INTENTS) ? undefined : STRONG_FAQ);
      if (answer) {
        return { replies: [...answer, ...stillWaiting(input, vars, deps, here)], next: here === START ? STEP.askOrderNo : here, vars: { ...vars, misunderstandings: 0 } };
      }
    }
    if (intentIs(input, 'thanks')) return { replies: [{ text: t(k, input.locale, 'thanks_reply') }], next: here, vars: { ...vars, misunderstandings: 0 } };
    if (intentIs(input, 'goodbye')) return { replies: [{ text: t(k, input.locale, 'goodbye_reply') }], next: here, vars: { ...vars, misunderstandings: 0 } };
    // "为什么年龄不符" once an order is on the table is about that order, unless another one is named.
    if (intentIs(input, 'order_status', 'order_failure_reason') && !ANOTHER_ORDER.test(input.text)) {
      if (here === STEP.after && vars.verifiedOrderNo) return explainAgain(vars.verifiedOrderNo, input, vars, deps);
      if (here === STEP.askTail && vars.orderNo) {
        return { replies: [{ text: t(k, input.locale, 'ask_tail_again', { orderNo: vars.orderNo }) }], next: STEP.askTail, vars };
      }
    }
    if (clicked(input, deps, 'sugg_other_order') || (here !== START && intentIs(input, 'greet', 'order_status', 'order_failure_reason'))) {
      return { replies: [askOrderNo(input, deps)], next: STEP.askOrderNo, vars: { ...vars, misunderstandings: 0 } };
    }
  }
  return steps[here]!(input, vars, deps);
}

export const supportDialog: DialogSpec = { stepNames: Object.keys(steps), sensitiveSteps: [PRECHECK_STEP], run: runTurn };
