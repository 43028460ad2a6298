/** The decision rule (bot/nlu/decision.ts): which intent a ranking yields, and at which bar. */
import { describe, expect, it } from 'vitest';
import { chooseIntent } from '../../bot/nlu/decision.js';
import type { IntentName, RankedIntent } from '../../bot/nlu/types.js';
import { plainTestNlu } from '../helpers/nlu-models.js';

const nlu = plainTestNlu();

describe('the decision rule', () => {
  const bars = { order: 0.2, smallTalk: 0.4, open: 0.5, bare: Infinity, sure: Infinity, topic: 0.45 };
  const ranked = (name: IntentName, confidence: number, posterior = confidence): RankedIntent[] => [
    { name, confidence, posterior },
    { name: 'greet', confidence: 0.01, posterior: 0 },
  ];

  it('takes an order-related intent only in a message about the domain', () => {
    expect(
      chooseIntent({ justData: false, inDomain: true, elsewhere: false }, ranked('logistics', 0.3), bars).name,
    ).toBe('logistics');
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('logistics', 0.9), bars).name,
    ).toBe('out_of_scope');
  });

  it('takes a complaint or a request for a person anywhere, outside the domain above its own bar', () => {
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('complaint', 0.55), bars).name,
    ).toBe('complaint');
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('complaint', 0.45), bars).name,
    ).toBe('out_of_scope');
    expect(
      chooseIntent({ justData: false, inDomain: true, elsewhere: false }, ranked('complaint', 0.25), bars).name,
    ).toBe('complaint');
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('human_agent', 0.6), bars).name,
    ).toBe('human_agent');
  });

  it('answers a message about another company with small talk only when that is what it reads as first', () => {
    const elsewhere = { justData: false, inDomain: false, elsewhere: true };
    const refundThenGreet: RankedIntent[] = [
      { name: 'refund', confidence: 0.7, posterior: 0.8 },
      { name: 'greet', confidence: 0.45, posterior: 0.1 },
    ];
    expect(chooseIntent(elsewhere, refundThenGreet, bars).name).toBe('out_of_scope');
    // The same ranking on no subject in particular passes the refund, without a domain word, over to the greeting.
    expect(chooseIntent({ ...elsewhere, elsewhere: false }, refundThenGreet, bars).name).toBe('greet');
    expect(chooseIntent(elsewhere, ranked('thanks', 0.5), bars).name).toBe('thanks');
    // Asking whether it is a bot is small talk of its own, not a greeting.
    expect(nlu.parse('are you a bot').intent.name).toBe('ask_bot');
  });

  it('takes `inform` outside the domain, at the open bar, from a message that names a place or an age', () => {
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent({ ...plain, placeOrAge: true }, ranked('inform', 0.55, 0.9), bars).name).toBe('inform');
    expect(chooseIntent({ ...plain, placeOrAge: true }, ranked('inform', 0.45, 0.9), bars).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('inform', 0.55, 0.9), bars).name).toBe('out_of_scope');
    expect(nlu.parse('I live in Kunshan, Jiangsu').intent.name).toBe('inform');
    // Said with more around it, it needs a conversation about an order.
    expect(nlu.parse("I'm in Guangzhou btw, near Tianhe").onTopic.name).toBe('inform');
    expect(nlu.parse('weather in Shanghai tomorrow?').intent.name).toBe('out_of_scope');
  });

  it('holds a complaint or a request for a person outside the domain to the order bar once its posterior reaches the bare bar', () => {
    const withBare = { ...bars, order: 0.4, bare: 0.99 };
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent(plain, ranked('complaint', 0.45, 0.995), withBare).name).toBe('complaint');
    expect(chooseIntent(plain, ranked('human_agent', 0.45, 0.995), withBare).name).toBe('human_agent');
    expect(chooseIntent(plain, ranked('complaint', 0.45, 0.98), withBare).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('complaint', 0.35, 0.995), withBare).name).toBe('out_of_scope');
    // Only those two: another order-related intent still faces the open bar, and nothing of ours is taken from another company.
    expect(chooseIntent(plain, ranked('logistics', 0.45, 0.995), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('complaint', 0.45, 0.995), withBare).name).toBe(
      'out_of_scope',
    );
  });

  it('takes an order-related intent of a domain message at its word from the sure bar up, whatever its confidence', () => {
    const withSure = { ...bars, order: 0.45, sure: 0.99 };
    const domain = { justData: false, inDomain: true, elsewhere: false };
    expect(chooseIntent(domain, ranked('refund', 0.3, 0.995), withSure).name).toBe('refund');
    expect(chooseIntent(domain, ranked('refund', 0.3, 0.98), withSure).name).toBe('out_of_scope');
    // Not outside the domain (the bare and open bars rule there), and not for small talk.
    expect(chooseIntent({ ...domain, inDomain: false }, ranked('refund', 0.3, 0.995), withSure).name).toBe(
      'out_of_scope',
    );
    expect(chooseIntent(domain, ranked('thanks', 0.3, 0.995), withSure).name).toBe('out_of_scope');
  });

  it('takes another order-related intent without a domain word when its posterior reaches the bare bar, then holds it to the open bar', () => {
    const withBare = { ...bars, bare: 0.99 };
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.995), withBare).name).toBe('alternatives');
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.98), withBare).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('alternatives', 0.45, 0.995), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('refund', 0.95, 1), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('complaint', 0.95, 1), withBare).name).toBe(
      'out_of_scope',
    );
    // Below the bare bar the intent is passed over, as without one: the next admissible intent is judged.
    const refundThenThanks: RankedIntent[] = [
      { name: 'refund', confidence: 0.6, posterior: 0.9 },
      { name: 'thanks', confidence: 0.45, posterior: 0.1 },
    ];
    expect(chooseIntent(plain, refundThenThanks, withBare).name).toBe('thanks');
    // A complaint needs no bare bar; inside the domain the order bar rules.
    expect(chooseIntent(plain, ranked('complaint', 0.55, 0.6), withBare).name).toBe('complaint');
    expect(chooseIntent({ ...plain, inDomain: true }, ranked('alternatives', 0.3, 0.5), withBare).name).toBe(
      'alternatives',
    );
    // The decision carries the API's fields only.
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.995), withBare)).toEqual({
      name: 'alternatives',
      confidence: 0.75,
    });
  });

  it('on topic, takes an order-related intent without a domain word above the topic bar, never one naming another company', () => {
    const onTopic = { justData: false, inDomain: false, elsewhere: false, onTopic: true };
    expect(chooseIntent(onTopic, ranked('alternatives', 0.46), bars).name).toBe('alternatives');
    expect(chooseIntent(onTopic, ranked('alternatives', 0.44), bars).name).toBe('out_of_scope');
    // Out of a conversation the same message faces the open bar.
    expect(chooseIntent({ ...onTopic, onTopic: false }, ranked('alternatives', 0.46), bars).name).toBe('out_of_scope');
    expect(chooseIntent({ ...onTopic, elsewhere: true }, ranked('refund', 0.9), bars).name).toBe('out_of_scope');
    expect(chooseIntent(onTopic, ranked('thanks', 0.41), bars).name).toBe('thanks');
  });

  it('holds small talk to its own bar, and data alone is inform', () => {
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('thanks', 0.41), bars).name,
    ).toBe('thanks');
    expect(
      chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('thanks', 0.39), bars).name,
    ).toBe('out_of_scope');
    expect(chooseIntent({ justData: true, inDomain: true, elsewhere: false }, ranked('complaint', 0.9), bars)).toEqual({
      name: 'inform',
      confidence: 1,
    });
  });

  it('understands anger and asking for a person that name nothing about orders', () => {
    for (const [text, intent] of [
      ['你们这服务也太差劲了吧', 'complaint'],
      ['this is completely unacceptable', 'complaint'],
      // a complaint's own words are the domain's: a support chat is where they are said
      ['史上最烂服务了', 'complaint'],
      ['your chat is useless', 'complaint'],
      ['叫个真人来', 'human_agent'],
      ['let me talk to a real person', 'human_agent'],
    ] as const) {
      expect(nlu.parse(text).intent.name, text).toBe(intent);
    }
    // Asking for someone's boss is an escalation either way; both intents hand the chat to a person.
    expect(['human_agent', 'complaint']).toContain(nlu.parse('我要找你们领导').intent.name);
  });
});
