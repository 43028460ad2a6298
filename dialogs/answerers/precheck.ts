/**
 * The pre-check before a reorder: the customer sends the ID number and name they will order with,
 * the bot checks them against the plan (check digit, age, province) and keeps neither. The
 * pipeline does not store the answer's text either (the step is sensitive).
 */
import { precheck } from '../../bot/precheck.js';
import { precheckReplies } from '../alternatives.js';
import { say, stay, type Outcome, type Turn } from './turn.js';
import { stepOfThread, THREADS } from '../policy.js';

const ID_LIKE = /(?<![0-9A-Za-z])\d{15,17}[0-9Xx]?(?![0-9A-Za-z])/;

/** Whether a message holds something like an ID number: the pre-check's answer, not a change of topic. */
export function holdsIdNumber(text: string): boolean {
  return ID_LIKE.test(text);
}

const LABELS = /身份证号码?|身份证|证件号|姓名|名字|我叫|我是|id(?: number)?|name|[:：,，;；、\s]+/giu;

/** The customer asked for a pre-check (or said yes to it): ask for the ID number and name, promising to forget them. */
export function askPrecheck(turn: Turn): Outcome {
  const planId = turn.vars.precheckPlanId;
  const plan = planId ? turn.deps.plans.byId.get(planId) : undefined;
  if (!plan) return stay(turn, [{ text: say(turn, 'precheck_no_plan') }]);
  return {
    replies: [{ text: say(turn, 'precheck_ask', { plan: plan.name }) }],
    next: 'precheck',
    vars: { ...turn.vars, precheckBack: THREADS[turn.here] },
  };
}

/** Reads an ID number and a name from this message only, checks them against the plan, answers, keeps nothing. */
export function precheckAnswer(turn: Turn): Outcome {
  const { vars, deps, input } = turn;
  const back = stepOfThread(vars.precheckBack ?? null);
  const next = back === 'start' ? 'after' : back;
  const planId = vars.precheckPlanId;
  const plan = planId ? deps.plans.byId.get(planId) : undefined;
  const id = ID_LIKE.exec(input.text);
  if (!plan || !id)
    return { replies: [{ text: say(turn, 'precheck_need_both') }], next, vars: { ...vars, precheckBack: undefined } };
  const name = input.text.replace(id[0], ' ').replace(LABELS, ' ').trim();
  const result = precheck(plan, { idNumber: id[0], name }, input.now);
  return {
    replies: precheckReplies(result, plan.name, deps.knowledge, input.locale),
    next,
    vars: { ...vars, precheckBack: undefined },
  };
}
