/**
 * One customer turn: what is on the table (the step, the order, the last offer, the message's intent
 * and entities) is read into a context, the policy (knowledge/policy.json) names the action, and
 * the action answers from the facts. While the order number or the phone digits are awaited, an
 * answer to something else ends by asking for them again.
 */
import { createHash } from 'node:crypto';
import type { Knowledge } from '../bot/knowledge/loader.js';
import type { IntentName } from '../bot/nlu/types.js';
import { ACTIONS, COUNTS_MISUNDERSTANDINGS, FLOW_ACTIONS, REASK_ORDER_NO_AFTER } from './answerers/index.js';
import { faqHit } from './answerers/fallbacks.js';
import { askOrderNoReply, spacedOrderNo } from './answerers/order.js';
import { holdsIdNumber } from './answerers/precheck.js';
import type { Outcome, Turn } from './answerers/turn.js';
import type { DialogDeps, DialogSpec, DialogVars, Offer, StepOutcome, TurnInput } from '../bot/core/dialog.js';
import { termsInContext } from './facts.js';
import { decide, stepOfThread, THREADS, type PolicyContext, type PolicyStep } from './policy.js';
import { isQuickReply, t } from '../bot/core/texts.js';

/** The quick reply the customer clicked or typed back, as the intent it stands for. */
function quickReplyIntent(k: Knowledge, text: string): IntentName | undefined {
  return Object.entries(k.policy.quickReplies).find(([key]) => isQuickReply(k, text, key))?.[1];
}

/**
 * How close a message must be to an FAQ entry for a policy rule to go by it (`faq`): higher than the
 * bar for answering an FAQ question (0.25), because here the entry overrides what the intent says.
 * On the entries the policy names, the questions they answer score 0.41–0.92 and unrelated ones up
 * to 0.32 ("what plans do you have" against someone_elses_id).
 */
const POLICY_FAQ_BAR = 0.4;

/** What is on the table for this message. */
export function policyContext(
  here: PolicyStep,
  vars: DialogVars,
  input: TurnInput,
  offer: Offer | undefined,
  deps: DialogDeps,
  listed: readonly string[] = [],
): PolicyContext {
  // With something on the table, a message without a word of the domain ("那怎么办", "what now") is read as being about it.
  const onTable = Boolean(vars.orderNo || vars.verifiedOrderNo || vars.plansShown || offer);
  const read = onTable && input.onTopic ? input.onTopic : input.intent;
  const entities = new Set(input.entities.map((e) => e.entity));
  if (spacedOrderNo(input.text)) entities.add('order_no');
  // A platform word that belongs to the verified order's own reason ("驿站咋就不行", "KSSC啥意思").
  const code = vars.verifiedOrderNo ? vars.failureCode : undefined;
  if (
    code &&
    termsInContext(deps.knowledge, input.entities, input.text, code).some(
      (id) => deps.knowledge.glossary.get(id)?.code === code,
    )
  )
    entities.add('term_of_order');
  let faq: { id?: string } | undefined;
  return {
    step: here,
    order: here === 'ask_tail' && vars.orderNo ? 'pending' : vars.verifiedOrderNo ? 'verified' : 'none',
    status: vars.verifiedOrderNo ? vars.status : undefined,
    code,
    offer,
    plans: vars.plansShown === true,
    listed,
    intent: quickReplyIntent(deps.knowledge, input.text) ?? read?.name ?? 'out_of_scope',
    entities,
    elsewhere: input.elsewhere === true,
    faq: () => (faq ??= { id: deps.faq.answer(input.text, input.locale, POLICY_FAQ_BAR)?.id }).id,
  };
}

/** Runs one turn: the policy picks the action, the action answers. */
export async function runTurn(
  thread: string | null,
  input: TurnInput,
  given: DialogVars,
  deps: DialogDeps,
): Promise<StepOutcome> {
  // An offer stands for the next message only.
  const offer = given.lastOffer;
  const listed = given.listed ?? [];
  let vars: DialogVars = { ...given, lastOffer: undefined, listed: undefined };
  let here = stepOfThread(thread);
  // The pre-check's answer (an ID number and a name) stays in its step; any other message leaves it.
  if (here === 'precheck' && !holdsIdNumber(input.text)) {
    here = vars.precheckBack ? stepOfThread(vars.precheckBack) : 'after';
    vars = { ...vars, precheckBack: undefined };
  }
  const ctx = policyContext(here, vars, input, offer, deps, listed);
  const { rule, index } = decide(deps.knowledge.policy, ctx);
  const turn: Turn = { input, vars, deps, ctx, here };
  let action: string = rule.do;
  let out: Outcome = await ACTIONS[action]!(turn);
  // About to say a block again: another question the rule's answer does not cover ("资料还要再填吗"
  // after the reorder advice). An FAQ entry that matches it and says something new answers instead.
  if (rule.do !== 'faq' && !FLOW_ACTIONS.has(rule.do) && wouldRepeat(out, turn)) {
    const hit = faqHit(turn);
    if (hit && !wouldRepeat(hit, turn)) {
      out = { ...hit, vars: { ...out.vars, ...hit.vars } };
      action = 'faq';
    }
  }
  const flow = out.flow === true || FLOW_ACTIONS.has(action);
  if (!COUNTS_MISUNDERSTANDINGS.has(action) && !out.flow) out = { ...out, vars: { ...out.vars, misunderstandings: 0 } };
  if (!flow) out = notTwice(out, turn);
  out = {
    ...out,
    replies: [...out.replies, ...(flow ? [] : stillWaiting(turn, action, out))],
    vars: { ...out.vars, lastAction: action },
  };
  return {
    replies: out.replies,
    next: THREADS[out.next],
    vars: out.vars,
    effects: out.effects,
    trace: { intent: ctx.intent, action, rule: index },
  };
}

/** A reply this long said again word for word reads as a repeated block, not an answer. */
const LONG_REPLY = 30;
/** Longer than this, a reply said again is a block, and only its first sentence is said. */
const BLOCK = 150;
/** How many recent replies are remembered (by fingerprint). */
const RECENT = 12;
const fingerprint = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 12);

/** Whether an answer holds a longer reply the bot gave a moment ago, word for word (see notTwice). */
function wouldRepeat(out: Outcome, turn: Turn): boolean {
  const recent = new Set(turn.vars.recentReplies ?? []);
  return out.replies.some(
    (r) => r.text.length >= LONG_REPLY && recent.has(fingerprint(r.text)) && !/https?:\/\//.test(r.text),
  );
}

/**
 * A longer answer the bot gave a moment ago, about to be said again word for word: the customer
 * asked the same thing twice, or asked something else the bot has no other answer to. Introduced as
 * said before, and if it is a block, only its first sentence; and since the answer did not settle
 * it, a person is offered (a "好的" takes it). A list of plans is left whole (the list is the answer;
 * its heading already differs when it can), and so is what the flow asks for (the order number, the
 * phone digits: asked again in full).
 */
function notTwice(out: Outcome, turn: Turn): Outcome {
  const recent = new Set(turn.vars.recentReplies ?? []);
  const k = turn.deps.knowledge;
  const locale = turn.input.locale;
  let repeated = false;
  let replies = out.replies.map((r) => {
    if (r.text.length < LONG_REPLY || !recent.has(fingerprint(r.text)) || /https?:\/\//.test(r.text)) return r;
    repeated = true;
    // A few lines of facts asked for again are said again; a block is cut to its first sentence.
    const first = r.text.length <= BLOCK ? r.text : /^[^。！？.!?\n]*[。！？.!?]?/u.exec(r.text)![0];
    return { ...r, text: t(k, locale, 'said_before', { first }) };
  });
  let vars = out.vars;
  if (repeated && vars.lastOffer === undefined) {
    const human = t(k, locale, 'sugg_human');
    const last = replies.at(-1)!;
    replies = [
      ...replies.slice(0, -1),
      {
        ...last,
        text: `${last.text}\n${t(k, locale, 'said_again_offer')}`,
        suggestions: [...new Set([...(last.suggestions ?? []), human])],
      },
    ];
    vars = { ...vars, lastOffer: 'human' };
  }
  const said = replies.filter((r) => r.text.length >= LONG_REPLY).map((r) => fingerprint(r.text));
  return {
    ...out,
    replies,
    vars: { ...vars, recentReplies: [...(turn.vars.recentReplies ?? []), ...said].slice(-RECENT) },
  };
}

/** After answering something else, the question the step is still waiting on (the order number, the phone digits). */
function stillWaiting(turn: Turn, action: string, out: Outcome) {
  if (out.next !== turn.here) return [];
  if (turn.here === 'ask_tail' && turn.vars.orderNo)
    return [{ text: t(turn.deps.knowledge, turn.input.locale, 'ask_tail_again', { orderNo: turn.vars.orderNo }) }];
  if (turn.here === 'ask_order_no' && REASK_ORDER_NO_AFTER.has(action)) return [askOrderNoReply(turn)];
  return [];
}

/** The support dialog; throws at start-up when the policy names an action that does not exist. */
export function supportDialog(k: Knowledge): DialogSpec {
  const unknown = k.policy.rules.map((r, i) => [i, r.do] as const).filter(([, name]) => !(name in ACTIONS));
  if (unknown.length)
    throw new Error(
      `knowledge/policy.json names actions that do not exist: ${unknown.map(([i, n]) => `rules[${i}].do '${n}'`).join(', ')}`,
    );
  return { stepNames: Object.values(THREADS), sensitiveSteps: [THREADS.precheck], run: runTurn };
}
