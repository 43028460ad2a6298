import { describe, expect, it } from 'vitest';
import { alternatives, eligibility, hasAlternatives, isEligible } from '../../bot/eligibility.js';
import { loadFaq } from '../../bot/faq.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { LOCALES } from '../../bot/locale.js';
import { viewOrder } from '../../bot/order-view.js';
import { containsPii } from '../../bot/pii.js';
import { loadPlans, policyChange } from '../../bot/plans.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import { precheck } from '../../bot/precheck.js';
import {
  faqReplies,
  offersReplies,
  policyChangeReplies,
  policyChangeText,
  precheckReplies,
} from '../../dialogs/alternatives.js';
import type { Reply } from '../../bot/core/dialog.js';

const TODAY = '2026-11-25';
const k = loadKnowledge();
const catalogue = loadPlans();
const faq = loadFaq();
const orders = loadOrders();
const order = (no: string) => orders.find((o) => o.orderNo === `1722026111000${no}`)!;

/** No reply may carry the customer's ID number, name, contact phone or street address. */
function expectNoPersonalData(replies: Reply[], o: Order): void {
  for (const r of replies) {
    expect(containsPii(r.text), r.text).toBe(false);
    for (const secret of [o.idNumber, o.name, o.contactPhone, o.address])
      if (secret) expect(r.text).not.toContain(secret);
  }
}

function offerReplies(o: Order, locale: 'zh-CN' | 'en') {
  const code = viewOrder(o, k).failureCode;
  const e = eligibility(o, TODAY);
  const offers = alternatives(catalogue, { failureCode: code, originalPlanId: o.planId, eligibility: e, today: TODAY });
  return { code, e, offers, replies: offersReplies(offers, k, locale) };
}

describe('offer replies for the demo orders', () => {
  const cases = orders
    .filter((o) => hasAlternatives(viewOrder(o, k).failureCode))
    .flatMap((o) => LOCALES.map((l) => [viewOrder(o, k).failureCode!, o.orderNo, l, o] as const));

  it.each(cases)(
    '%s (%s, %s): lists eligible plans with fee, data, why and link, and nothing personal',
    (_code, _no, locale, o) => {
      const { e, offers, replies } = offerReplies(o, locale);
      expect(replies).toHaveLength(1);
      const text = replies[0]!.text;
      if (offers.length === 0) expect(text).toBe(k.replies[locale].alt_none);
      for (const [i, { plan }] of offers.entries()) {
        expect(isEligible(plan, e)).toBe(true);
        expect(text).toContain(`${i + 1}. ${plan.name}`);
        expect(text).toContain(String(plan.monthlyFee));
        expect(text).toContain(`${plan.dataGB}`);
        expect(text).toContain(plan.orderUrl);
      }
      // Only the offered plans' links appear.
      const links = text.match(/https?:\/\/\S+/g) ?? [];
      expect(links.sort()).toEqual(offers.map((x) => x.orderUrl).sort());
      expect(replies[0]!.suggestions).toEqual([k.replies[locale].sugg_human]);
      expectNoPersonalData(replies, o);
    },
  );

  it('says why each plan fits', () => {
    expect(offerReplies(order('14'), 'zh-CN').replies[0]!.text).toContain('可以发货到新疆');
    expect(offerReplies(order('14'), 'en').replies[0]!.text).toContain('ships to Xinjiang');
    expect(offerReplies(order('03'), 'zh-CN').replies[0]!.text).toMatch(/适用年龄\d+–\d+周岁/);
    expect(offerReplies(order('12'), 'en').replies[0]!.text).toMatch(/from China (Unicom|Telecom|Broadnet)/);
    expect(offerReplies(order('06'), 'zh-CN').replies[0]!.text).toContain('不受原运营商限制');
  });

  it("never shows the customer's age", () => {
    const o = order('05'); // 63 years old
    for (const l of LOCALES) expect(offerReplies(o, l).replies[0]!.text).not.toMatch(/(?<![\d–])63(?![\d–])/);
  });
});

describe('policy change sentence', () => {
  it('tells a price change in both languages', () => {
    const change = policyChange(catalogue.byId.get('P-UNI-39')!, order('24').createdAt)!;
    expect(policyChangeText(change, k, 'zh-CN')).toBe(
      '该套餐自 2026-11-15 起资费由 29元/月 调整为 39元/月，原订单无法继续办理。',
    );
    expect(policyChangeText(change, k, 'en')).toBe(
      "From 2026-11-15 this plan's price changed from ¥29/month to ¥39/month, so the original order cannot go ahead.",
    );
    const replies = policyChangeReplies(change, k, 'zh-CN');
    expect(replies[0]!.text).toContain('说明：运营商政策调整');
  });

  it('tells a withdrawal, and nothing when there was no change after the order', () => {
    const change = policyChange(catalogue.byId.get('P-UNI-19')!, order('23').createdAt)!;
    expect(policyChangeText(change, k, 'zh-CN')).toBe('该套餐自 2026-11-05 起已下架，原订单无法继续办理。');
    expect(policyChangeText(change, k, 'en')).toBe(
      'This plan was withdrawn on 2026-11-05, so the original order cannot go ahead.',
    );
    expect(
      policyChangeReplies(policyChange(catalogue.byId.get('P-CMCC-39')!, order('25').createdAt), k, 'zh-CN'),
    ).toEqual([]);
  });

  it('puts catalogue values in English for English readers', () => {
    const area = {
      planId: 'P-CMCC-19',
      planName: '移动花卡19元',
      date: '2026-07-01',
      change: 'area' as const,
      from: '新疆、西藏',
      to: '新疆、西藏、云南',
    };
    expect(policyChangeText(area, k, 'en')).toContain('from Xinjiang, Tibet to Xinjiang, Tibet, Yunnan');
    const ages = { ...area, change: 'age_range' as const, from: '18–60岁', to: '16–60岁' };
    expect(policyChangeText(ages, k, 'en')).toContain('from ages 18–60 to ages 16–60');
    expect(policyChangeText(ages, k, 'zh-CN')).toBe(
      '该套餐自 2026-07-01 起适用年龄由 18–60岁 调整为 16–60岁，原订单无法继续办理。',
    );
  });
});

describe('pre-check replies', () => {
  const plan = catalogue.byId.get('P-CMCC-19')!;

  it.each(LOCALES)('explains each problem without repeating the ID or the name (%s)', (locale) => {
    const input = { idNumber: '650102199105064896', name: '马超' };
    const replies = precheckReplies(precheck(plan, input, TODAY), plan.name, k, locale);
    const text = replies[0]!.text;
    expect(text).toContain(locale === 'en' ? 'Xinjiang' : '新疆');
    expect(text).not.toContain(input.idNumber);
    expect(text).not.toContain(input.name);
    expect(containsPii(text)).toBe(false);
    expect(text).toContain(k.replies[locale].precheck_privacy);
  });

  it('lists every reason and passes a clean check', () => {
    const bad = precheckReplies(
      precheck(plan, { idNumber: '330106201105207974', name: '测试' }, TODAY),
      plan.name,
      k,
      'zh-CN',
    )[0]!.text;
    expect(bad).toContain('该套餐要求年满18周岁');
    expect(bad).toContain('姓名需要和身份证上的完全一致');
    const good = precheckReplies(
      precheck(plan, { idNumber: '440305199204185539', name: '张三' }, TODAY),
      plan.name,
      k,
      'en',
    )[0]!.text;
    expect(good).toContain('Pre-check passed');
    const digit = precheckReplies(
      precheck(plan, { idNumber: '440305199204185530', name: '张三' }, TODAY),
      plan.name,
      k,
      'en',
    )[0]!.text;
    expect(digit).toContain('check digit is wrong');
  });
});

describe('FAQ replies', () => {
  it('gives the answer, or says it is not sure and offers a human', () => {
    expect(faqReplies(faq.answer('怎么激活新卡'), k, 'zh-CN')[0]!.text).toContain('实名激活');
    expect(faqReplies(faq.answer('how do I get a refund please'), k, 'en')[0]!.text).toContain('human agent');
    const unsure = faqReplies(faq.answer('今天天气怎么样'), k, 'zh-CN');
    expect(unsure).toEqual([{ text: k.replies['zh-CN'].faq_not_sure, suggestions: ['转人工'] }]);
    expect(faqReplies(null, k, 'en')[0]!.suggestions).toEqual(['Human agent']);
  });
});
