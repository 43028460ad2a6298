/** The dialog policy as data (knowledge/policy.json) and the rule that reads it (dialogs/policy.ts). */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import type { PolicyFile } from '../../bot/knowledge/schemas.js';
import { INTENTS } from '../../bot/nlu/types.js';
import { ACTIONS } from '../../dialogs/answerers/index.js';
import { decide, holds, shadowedRules, type PolicyContext } from '../../dialogs/policy.js';
import { supportDialog } from '../../dialogs/support.dialog.js';

const k = loadKnowledge();
const policy = k.policy;

const ctx = (over: Partial<PolicyContext> = {}): PolicyContext => ({
  step: 'after',
  order: 'verified',
  plans: false,
  listed: [],
  intent: 'out_of_scope',
  entities: new Set(),
  elsewhere: false,
  faq: () => undefined,
  ...over,
});

describe('the dialog policy', () => {
  it('names only actions that exist, and a policy naming another stops start-up with the row', () => {
    expect(policy.rules.map((r) => r.do).filter((name) => !(name in ACTIONS))).toEqual([]);
    const bad: PolicyFile = { ...policy, rules: [{ when: {}, do: 'noSuchAction' }] };
    expect(() => supportDialog({ ...k, policy: bad })).toThrow(/rules\[0\]\.do 'noSuchAction'/);
  });

  it('has no rule that an earlier rule always takes first', () => {
    expect(shadowedRules(policy).map(([a, b]) => `${a} before ${b}`)).toEqual([]);
  });

  it('finds a shadowed rule when there is one', () => {
    const rules: PolicyFile['rules'] = [
      { when: { intent: ['thanks', 'goodbye'] }, do: 'thanks' },
      { when: { intent: 'goodbye', order: 'verified' }, do: 'goodbye' },
      { when: { entities: ['order_no'] }, do: 'lookUpOrder' },
      { when: { entities: ['order_no', 'phone_tail'], step: 'ask_tail' }, do: 'checkTail' },
      { when: { someEntity: ['province', 'age'] }, do: 'catalogue' },
      { when: { entities: ['age'] }, do: 'refilterPlans' },
      { when: {}, do: 'notUnderstood' },
    ];
    expect(shadowedRules({ ...policy, rules })).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('ends with a rule for everything else, and routes every intent somewhere before it', () => {
    expect(policy.rules.at(-1)!.when).toEqual({});
    const named = new Set(policy.rules.flatMap((r) => (r.when.intent === undefined ? [] : [r.when.intent].flat())));
    expect(INTENTS.filter((i) => !named.has(i))).toEqual([]);
  });

  it('decides by the first rule whose every condition holds', () => {
    expect(decide(policy, ctx({ intent: 'human_agent', step: 'ask_tail', order: 'pending' })).rule.do).toBe('handoff');
    expect(decide(policy, ctx({ intent: 'ask_next_step' })).rule.do).toBe('nextStep');
    expect(decide(policy, ctx({ intent: 'ask_next_step', order: 'none', step: 'start' })).rule.do).toBe('askOrderNo');
    expect(decide(policy, ctx({ intent: 'order_failure_reason', entities: new Set(['term']) })).rule.do).toBe(
      'explainTerm',
    );
    expect(decide(policy, ctx({ intent: 'refund' })).rule.do).toBe('handoff');
    expect(decide(policy, ctx({ intent: 'refund', order: 'none', step: 'start' })).rule.do).toBe('faqOrPerson');
    expect(decide(policy, ctx({ intent: 'affirm', offer: 'precheck' })).rule.do).toBe('askPrecheck');
    expect(decide(policy, ctx({ intent: 'affirm' })).rule.do).toBe('acknowledge');
    expect(decide(policy, ctx({ intent: 'affirm', step: 'ask_order_no', order: 'none' })).rule.do).toBe(
      'notUnderstood',
    );
    expect(decide(policy, ctx({ intent: 'dispute' })).rule.do).toBe('disputeReason');
    expect(decide(policy, ctx({ intent: 'order_detail', listed: ['P-CT-19'] })).rule.do).toBe('listedPlans');
    expect(decide(policy, ctx({ intent: 'order_detail' })).rule.do).toBe('orderDetails');
  });

  it('reads lists as any of, entities as all of, someEntity as one of, and an absent offer as none', () => {
    expect(holds({ intent: ['thanks', 'goodbye'] }, ctx({ intent: 'goodbye' }))).toBe(true);
    expect(holds({ entities: ['province', 'age'] }, ctx({ entities: new Set(['province']) }))).toBe(false);
    expect(holds({ someEntity: ['province', 'age'] }, ctx({ entities: new Set(['age']) }))).toBe(true);
    expect(holds({ offer: 'none' }, ctx())).toBe(true);
    expect(holds({ offer: 'human' }, ctx())).toBe(false);
  });

  it('looks the FAQ up only when a rule asks', () => {
    let asked = 0;
    decide(
      policy,
      ctx({
        intent: 'human_agent',
        faq: () => {
          asked++;
          return undefined;
        },
      }),
    );
    expect(asked).toBe(0);
  });
});
