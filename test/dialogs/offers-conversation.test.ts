/**
 * Alternatives, policy changes, the pre-check and FAQ answers in real conversations (REST channel,
 * the whole app): every demo order whose failure has alternatives is offered only plans that would
 * not fail the same way; the catalogue file drives the offers; a bad catalogue stops start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { eligibility, hasAlternatives, isEligible, shipsTo, ageFits } from '../../bot/eligibility.js';
import { KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../../bot/knowledge/loader.js';
import { viewOrder } from '../../bot/order-view.js';
import { containsPii } from '../../bot/pii.js';
import { loadPlans, type Plan } from '../../bot/plans.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import { RestCustomer, tempDir, testApp } from '../helpers/app.js';

const k = loadKnowledge();
const catalogue = loadPlans();
const orders = loadOrders();
const text = (r: Array<{ text: string }>) => r.map((x) => x.text).join('\n');

/** The plans a reply offers, recognised by their catalogue names on numbered lines. */
function offered(reply: string, plans: readonly Plan[]): Plan[] {
  return plans.filter((p) =>
    new RegExp(`^\\d+\\. ${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[：:]`, 'm').test(reply),
  );
}

async function verify(built: BuiltApp, o: Order, locale?: 'en') {
  const c = await new RestCustomer(built).open(locale);
  await c.say(o.orderNo);
  return { c, said: text(await c.say(o.contactPhone.slice(-4))) };
}

describe('offers in conversation', () => {
  let built: BuiltApp;
  beforeAll(async () => {
    built = await testApp();
  });
  afterAll(() => built.app.close());

  const withAlternatives = orders.filter((o) => hasAlternatives(viewOrder(o, k).failureCode));
  it('covers every failure code that has alternatives', () => {
    const codes = new Set(withAlternatives.map((o) => viewOrder(o, k).failureCode));
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['AGE_RESTRICTED', 'AREA_FORBIDDEN', 'ID_QUOTA_EXCEEDED', 'PLAN_UNAVAILABLE']),
    );
  });

  it.each(withAlternatives.map((o) => [viewOrder(o, k).failureCode!, o.orderNo, o] as const))(
    '%s (%s): only eligible plans, each with its order link',
    async (code, _no, o) => {
      const { said } = await verify(built, o);
      expect(containsPii(said)).toBe(false);
      const plans = offered(said, catalogue.plans);
      const e = eligibility(o, new Date());
      if (plans.length === 0) {
        expect(said).toContain(k.replies['zh-CN'].alt_none!.slice(0, 6));
        return;
      }
      for (const p of plans) {
        expect(p.onSale, p.id).toBe(true);
        expect(p.id).not.toBe(o.planId);
        expect(isEligible(p, e), p.id).toBe(true);
        expect(said).toContain(p.orderUrl);
        if (code === 'AREA_FORBIDDEN') expect(shipsTo(p, e.province!), `${p.id} ships to ${e.province}`).toBe(true);
        if (code === 'AGE_RESTRICTED') expect(ageFits(p, e.age!), `${p.id} fits age ${e.age}`).toBe(true);
        if (['ID_QUOTA_EXCEEDED', 'BLACKLIST_ARREARS', 'FREQ_LIMIT'].includes(code))
          expect(p.operator).not.toBe(o.operator);
      }
    },
  );

  it('explains a pricing-policy change with its date', async () => {
    const o = orders.find((x) => viewOrder(x, k).failureCode === 'PLAN_UNAVAILABLE' && x.orderNo.endsWith('24'))!;
    const { said } = await verify(built, o);
    expect(said).toMatch(/该套餐自 \d{4}-\d{2}-\d{2} 起.+原订单无法继续办理/);
  });

  it('pre-checks the ID and name for a reorder, answers, and keeps neither', async () => {
    const o = orders.find((x) => x.orderNo === '172202611100001')!;
    const { c, said } = await verify(built, o);
    expect(said).toContain('预检');
    expect(text(await c.say('下单前帮我预检'))).toContain('不会保存');
    // A made-up 2012-born ID number from Beijing (11…), with a valid check digit: too young for most plans.
    const first17 = '11010120120101123';
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const id = first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11]!;
    const answer = text(await c.say(`${id} 王小明`));
    expect(answer).toMatch(/年满\d+周岁/);
    expect(answer).not.toContain(id);
    expect(answer).not.toContain('王小明');
    const history = await c.history();
    const all = history.map((m) => m.text).join('\n');
    expect(all).not.toContain(id.slice(6, 14));
    expect(all).not.toContain('王小明');
    expect(all).toContain('不保存');
    // A bad check digit is caught.
    await c.say('下单前帮我预检');
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(text(await c.say(`姓名李四 身份证${bad}`))).toContain('校验位');
  });

  it('answers FAQ questions, and says it is not sure rather than guessing', async () => {
    const c = await new RestCustomer(built).open();
    expect(text(await c.say('卡收到了要怎么激活啊'))).toMatch(/激活/);
    const d = await new RestCustomer(built).open('en');
    expect(text(await d.say('how long does a refund take'))).toMatch(/refund/i);
  });

  it('offers again when asked for other plans after a failure', async () => {
    const o = orders.find((x) => x.orderNo === '172202611100014')!;
    const { c } = await verify(built, o);
    const again = text(await c.say('还有别的套餐可以办吗'));
    expect(offered(again, catalogue.plans).length).toBeGreaterThan(0);
  });
});

describe('the catalogue file', () => {
  it('drives the offers without code changes (PLANS_FILE)', async () => {
    const dir = tempDir('plans-');
    const raw = JSON.parse(fs.readFileSync(path.join(KNOWLEDGE_DIR, 'plans.json'), 'utf8')) as {
      plans: Array<Record<string, unknown>>;
    };
    const o = orders.find((x) => x.orderNo === '172202611100014')!; // AREA_FORBIDDEN, 新疆
    raw.plans.push({
      ...raw.plans.find((p) => p.id === o.planId)!,
      id: 'P-NEW-XJ',
      name: '测试新疆专享卡9元',
      monthlyFee: 9,
      excludedProvinces: [],
      onSale: true,
      orderUrl: 'https://example.com/order/P-NEW-XJ',
      policyHistory: [],
    });
    fs.writeFileSync(path.join(dir, 'plans.json'), JSON.stringify(raw));
    const built = await testApp({ PLANS_FILE: path.join(dir, 'plans.json') });
    try {
      const { said } = await verify(built, o);
      expect(said).toContain('测试新疆专享卡9元');
      const api = (await built.app.inject({ url: '/api/plans' })).json();
      expect(api.plans.map((p: { id: string }) => p.id)).toContain('P-NEW-XJ');
    } finally {
      await built.app.close();
    }
  });

  it('stops start-up on a bad catalogue, naming the file, the entry and the problem', async () => {
    const dir = tempDir('plans-');
    const raw = JSON.parse(fs.readFileSync(path.join(KNOWLEDGE_DIR, 'plans.json'), 'utf8')) as {
      plans: Array<Record<string, unknown>>;
    };
    raw.plans[2]!.ageMin = 70;
    const file = path.join(dir, 'plans.json');
    fs.writeFileSync(file, JSON.stringify(raw));
    const err = await testApp({ PLANS_FILE: file }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KnowledgeError);
    expect(String((err as Error).message)).toContain(file);
    expect(String((err as Error).message)).toContain(`plans[2] (${String(raw.plans[2]!.id)})`);
    expect(String((err as Error).message)).toMatch(/ageMin/);
  });
});
