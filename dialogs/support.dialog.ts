/**
 * The top of every turn: intents that apply wherever the conversation stands (a human, thanks,
 * goodbye, "check another order") are answered here; everything else goes to the current step.
 */
import type { DialogDeps, DialogSpec, DialogVars, Step, StepOutcome, TurnInput } from './dialog.js';
import { askOrderNo, LOOKS_LIKE_NUMBER, orderSteps, STEP, takeOrderNo } from './order-failure.dialog.js';
import { t } from './reply.js';

const START = 'support.start';

const start: Step = async (input, vars, deps) => {
  if (input.entities.some((e) => e.entity === 'order_no') || LOOKS_LIKE_NUMBER.test(input.text)) return takeOrderNo(input, vars, deps);
  const k = deps.knowledge;
  return { replies: [{ text: t(k, input.locale, 'greeting') }, askOrderNo(input, deps)], next: STEP.askOrderNo, vars };
};

const steps: Record<string, Step> = { [START]: start, ...orderSteps };

/** The NLU already turned anything it is not sure of into out_of_scope. */
function intentIs(input: TurnInput, ...names: string[]): boolean {
  return input.intent !== null && names.includes(input.intent.name);
}

/** A quick reply the bot offered, typed back (in either language). */
function clicked(input: TurnInput, deps: DialogDeps, key: string): boolean {
  const text = input.text.trim();
  return text === deps.knowledge.replies['zh-CN'][key] || text === deps.knowledge.replies.en[key];
}

/** Runs one turn: global intents first, then the step the conversation is waiting in. */
export async function runTurn(step: string | null, input: TurnInput, vars: DialogVars, deps: DialogDeps): Promise<StepOutcome> {
  const k = deps.knowledge;
  const here = step && steps[step] ? step : START;
  const hasData = input.entities.some((e) => e.entity === 'order_no' || e.entity === 'phone_tail' || e.entity === 'phone');

  if (clicked(input, deps, 'sugg_human') || intentIs(input, 'human_agent', 'complaint')) {
    const reason = intentIs(input, 'complaint') ? 'complaint' : 'customer_request';
    return {
      replies: [{ text: t(k, input.locale, 'handoff') }],
      next: here,
      vars: { ...vars, misunderstandings: 0 },
      effects: [{ type: 'handoff', reason, orderNo: vars.verifiedOrderNo, failureCode: vars.failureCode }],
    };
  }
  if (clicked(input, deps, 'sugg_notify')) {
    const orderNo = vars.verifiedOrderNo;
    if (!orderNo) return { replies: [{ text: t(k, input.locale, 'notify_nothing') }], next: here, vars };
    return {
      replies: [{ text: t(k, input.locale, 'notify_ok', { orderNo }) }],
      next: here,
      vars: { ...vars, misunderstandings: 0 },
      effects: [{ type: 'notify_opt_in', orderNo }],
    };
  }
  if (!hasData) {
    if (intentIs(input, 'thanks')) return { replies: [{ text: t(k, input.locale, 'thanks_reply') }], next: here, vars: { ...vars, misunderstandings: 0 } };
    if (intentIs(input, 'goodbye')) return { replies: [{ text: t(k, input.locale, 'goodbye_reply') }], next: here, vars: { ...vars, misunderstandings: 0 } };
    if (clicked(input, deps, 'sugg_other_order') || (here !== START && intentIs(input, 'greet', 'order_status', 'order_failure_reason'))) {
      return { replies: [askOrderNo(input, deps)], next: STEP.askOrderNo, vars: { ...vars, misunderstandings: 0 } };
    }
  }
  return steps[here]!(input, vars, deps);
}

export const supportDialog: DialogSpec = { stepNames: Object.keys(steps), run: runTurn };
