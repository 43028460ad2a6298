import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alternatives,
  amountMiss,
  CODES_WITH_ALTERNATIVES,
  eligibility,
  hasAlternatives,
  isEligible,
  plansOnSale,
  type Eligibility,
  type Offer,
} from '../../bot/eligibility.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { FAILURE_CODES, type FailureCode } from '../../bot/knowledge/schemas.js';
import { viewOrder } from '../../bot/order-view.js';
import { DEFAULT_PLANS_FILE, loadPlans, type Plan, type PlanCatalogue } from '../../bot/plans.js';
import type { Order } from '../../bot/core/ports/order-source.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';

const TODAY = '2026-11-25';
const k = loadKnowledge();
const catalogue = loadPlans();
const orders = loadOrders();
const failed = orders.map((o) => ({ o, code: viewOrder(o, k).failureCode })).filter((x) => x.code !== null);

function offersFor(o: Order, code: FailureCode, c: PlanCatalogue = catalogue): Offer[] {
  return alternatives(c, {
    failureCode: code,
    originalPlanId: o.planId,
    eligibility: eligibility(o, TODAY),
    today: TODAY,
  });
}

/** The rule each code's offers must meet, besides being on sale, eligible and not the original. */
const RULE: Record<string, (p: Plan, e: Eligibility, original: Plan | undefined) => boolean> = {
  AREA_FORBIDDEN: (p, e) => !p.excludedProvinces.includes(e.province!),
  AGE_RESTRICTED: (p, e) => p.ageMin <= e.age! && e.age! <= p.ageMax,
  ID_QUOTA_EXCEEDED: (p, e) => p.operator !== e.operator,
  FREQ_LIMIT: (p, e) => p.operator !== e.operator,
  BLACKLIST_ARREARS: (p, e) => p.operator !== e.operator,
  RISK_CONTROL: (p, e) => p.operator !== e.operator,
  PLAN_UNAVAILABLE: (p, _e, original) => p.id !== original?.id,
  OUT_OF_STOCK: (p, _e, original) => p.id !== original?.id,
};

describe('eligibility', () => {
  it('takes the age from the ID number as of today in Beijing, and province and operator from the order', () => {
    const o = orders.find((x) => x.orderNo === '172202611100004')!; // born 2011-05-20, 浙江, 移动
    expect(eligibility(o, TODAY)).toEqual({ age: 15, province: '浙江', operator: '移动' });
    // 2026-05-19T16:30Z is 00:30 on the 20th in Beijing: the birthday has come.
    expect(eligibility(o, new Date('2026-05-19T16:30:00Z')).age).toBe(15);
    expect(eligibility(o, new Date('2026-05-19T15:30:00Z')).age).toBe(14);
  });

  it('knows no age from a masked order view, and reads the province from the address when needed', () => {
    const o = orders[0]!;
    expect(eligibility(viewOrder(o, k), TODAY)).toEqual({ province: '广东', operator: '联通' });
    expect(
      eligibility({ ...o, province: null, city: null, address: '新疆维吾尔自治区乌鲁木齐市某路1号' }, TODAY).province,
    ).toBe('新疆');
    expect(eligibility({ ...o, idNumber: '440305199204185530' }, TODAY).age).toBeUndefined(); // bad check digit
  });
});

describe('alternatives for the demo orders', () => {
  it('covers every code with alternatives with at least one demo order', () => {
    const codes = new Set(failed.map((x) => x.code));
    for (const code of CODES_WITH_ALTERNATIVES) expect(codes, code).toContain(code);
  });

  const cases = failed.filter((x) => hasAlternatives(x.code)).map((x) => [x.code!, x.o.orderNo, x.o] as const);

  it.each(cases)('%s (%s): every offer follows the rule and the customer can have it', (code, _no, o) => {
    const e = eligibility(o, TODAY);
    const original = catalogue.byId.get(o.planId!);
    const offers = offersFor(o, code);
    expect(offers.length).toBeLessThanOrEqual(3);
    for (const { plan, why, orderUrl } of offers) {
      expect(plan.onSale).toBe(true);
      expect(plan.id).not.toBe(o.planId);
      expect(isEligible(plan, e)).toBe(true);
      expect(RULE[code]!(plan, e, original), `${plan.id} for ${code}`).toBe(true);
      expect(orderUrl).toBe(plan.orderUrl);
      expect(why.length).toBeGreaterThan(0);
    }
    // Nothing eligible was left out while fewer than 3 were offered.
    const possible = catalogue.plans.filter(
      (p) => p.onSale && p.id !== o.planId && isEligible(p, e) && RULE[code]!(p, e, original),
    );
    expect(offers.length).toBe(Math.min(3, possible.length));
  });

  it('finds offers for every such demo order except the 15-year-old no plan accepts', () => {
    for (const [code, no, o] of cases) {
      const offers = offersFor(o, code);
      if (no === '172202611100004') expect(offers).toEqual([]);
      else expect(offers.length, `${no} ${code}`).toBeGreaterThan(0);
    }
  });

  it('ranks the plan closest to the original first', () => {
    const o = orders.find((x) => x.orderNo === '172202611100026')!; // P-CT-39 withdrawn, 39元 150GB
    const offers = offersFor(o, 'PLAN_UNAVAILABLE');
    expect(offers[0]!.plan.operator).toBe('电信');
    expect(offers.map((x) => x.plan.id)).toEqual(['P-CT-29', 'P-CT-49', 'P-UNI-39']);
  });

  it.each(FAILURE_CODES.filter((c) => !hasAlternatives(c)))(
    'offers nothing for %s (fixed by the customer or a person)',
    (code) => {
      expect(offersFor(orders[0]!, code)).toEqual([]);
    },
  );

  it('offers nothing when the fact the rule needs is unknown', () => {
    expect(
      alternatives(catalogue, { failureCode: 'AREA_FORBIDDEN', originalPlanId: 'P-UNI-29', eligibility: { age: 30 } }),
    ).toEqual([]);
    expect(
      alternatives(catalogue, {
        failureCode: 'AGE_RESTRICTED',
        originalPlanId: 'P-UNI-29',
        eligibility: { province: '广东' },
      }),
    ).toEqual([]);
    expect(alternatives(catalogue, { failureCode: 'FREQ_LIMIT', originalPlanId: 'P-NOPE', eligibility: {} })).toEqual(
      [],
    );
    expect(alternatives(catalogue, { failureCode: null, eligibility: { age: 30 } })).toEqual([]);
  });

  it('honours the limit', () => {
    const o = orders.find((x) => x.orderNo === '172202611100012')!;
    expect(
      alternatives(
        catalogue,
        { failureCode: 'BLACKLIST_ARREARS', originalPlanId: o.planId, eligibility: eligibility(o, TODAY) },
        5,
      ),
    ).toHaveLength(5);
    expect(
      alternatives(
        catalogue,
        { failureCode: 'BLACKLIST_ARREARS', originalPlanId: o.planId, eligibility: eligibility(o, TODAY) },
        0,
      ),
    ).toEqual([]);
  });
});

describe('plans on sale for a customer without an order', () => {
  const onSale = catalogue.plans.filter((p) => p.onSale);

  it('keeps to the province, age and operator the customer named, cheapest first', () => {
    // The catalogue has plans that do not ship to 新疆, so the filter has something to leave out.
    expect(onSale.some((p) => p.excludedProvinces.includes('新疆'))).toBe(true);
    const xinjiang = plansOnSale(catalogue, { eligibility: { province: '新疆' } }, 100);
    expect(xinjiang.length).toBe(onSale.filter((p) => !p.excludedProvinces.includes('新疆')).length);
    expect(xinjiang.every((o) => o.plan.onSale && !o.plan.excludedProvinces.includes('新疆'))).toBe(true);
    expect(xinjiang.map((o) => o.plan.monthlyFee)).toEqual(
      [...xinjiang.map((o) => o.plan.monthlyFee)].sort((a, b) => a - b),
    );
    expect(xinjiang[0]!.why).toEqual([{ code: 'ships_to', province: '新疆' }]);

    const mobile = plansOnSale(catalogue, { eligibility: { age: 17 }, operator: '移动' });
    expect(mobile.length).toBeGreaterThan(0);
    expect(mobile.length).toBeLessThanOrEqual(3);
    expect(mobile.every((o) => o.plan.operator === '移动' && o.plan.ageMin <= 17 && 17 <= o.plan.ageMax)).toBe(true);
    expect(mobile[0]!.why).toEqual([
      { code: 'age_range', ageMin: mobile[0]!.plan.ageMin, ageMax: mobile[0]!.plan.ageMax },
      { code: 'operator', operator: '移动' },
    ]);
  });

  it('ranks by data when asked, and offers nothing below the youngest age any plan accepts', () => {
    const data = plansOnSale(catalogue, { eligibility: {}, prefer: 'data' });
    expect(data[0]!.plan.dataGB).toBe(Math.max(...onSale.map((p) => p.dataGB)));
    const youngest = Math.min(...onSale.map((p) => p.ageMin));
    expect(plansOnSale(catalogue, { eligibility: { age: youngest - 1 } })).toEqual([]);
    expect(plansOnSale(catalogue, { eligibility: { age: youngest } }).length).toBeGreaterThan(0);
  });
});

describe('what the customer asks of a plan', () => {
  const onSale = catalogue.plans.filter((p) => p.onSale);

  it('keeps only plans in the fee and data asked for, of any of the operators named', () => {
    const offers = plansOnSale(
      catalogue,
      { eligibility: {}, fee: { op: 'lt', value: 39 }, data: { op: 'ge', value: 100 }, operators: ['电信', '广电'] },
      10,
    );
    expect(offers.map((o) => o.plan.id).sort()).toEqual(
      onSale
        .filter((p) => p.monthlyFee < 39 && p.dataGB >= 100 && ['电信', '广电'].includes(p.operator))
        .map((p) => p.id)
        .sort(),
    );
    expect(offers.length).toBeGreaterThan(1);
    const about = plansOnSale(catalogue, { eligibility: {}, fee: { op: 'about', value: 30 } }, 10);
    expect(about.every((o) => o.plan.monthlyFee === 29)).toBe(true);
  });

  it('puts call minutes first when asked, and says them', () => {
    const offers = plansOnSale(catalogue, { eligibility: {}, prefer: 'minutes' });
    expect(offers[0]!.plan.minutes).toBe(Math.max(...onSale.map((p) => p.minutes ?? 0)));
    expect(offers[0]!.why).toContainEqual({ code: 'minutes', minutes: offers[0]!.plan.minutes });
  });

  it('orders by closeness to the data of "差不多" without leaving any plan out', () => {
    const near = plansOnSale(
      catalogue,
      { eligibility: {}, fee: { op: 'eq', value: 29 }, data: { op: 'near', value: 120 } },
      10,
    );
    expect(near.length).toBe(onSale.filter((p) => p.monthlyFee === 29).length);
    expect(near[0]!.plan.dataGB).toBe(120);
  });

  it('gives the closest plans, every other condition kept, when none has the fee asked for', () => {
    const q = { eligibility: {}, operator: '电信' as const, fee: { op: 'about' as const, value: 39 } };
    expect(plansOnSale(catalogue, q)).toEqual([]);
    const nearest = plansOnSale(catalogue, { ...q, nearest: true });
    expect(nearest.every((o) => o.plan.operator === '电信')).toBe(true);
    expect(
      nearest
        .slice(0, 2)
        .map((o) => o.plan.monthlyFee)
        .sort(),
    ).toEqual([29, 49]);
    expect(amountMiss(nearest[0]!.plan, q)).toBeGreaterThan(0);
  });
});

describe('a catalogue edited on disk', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alt-plans-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function catalogueWith(edit: (plans: Array<Record<string, unknown>>) => void): PlanCatalogue {
    const data = JSON.parse(fs.readFileSync(DEFAULT_PLANS_FILE, 'utf8')) as { plans: Array<Record<string, unknown>> };
    edit(data.plans);
    const file = path.join(tmp, `plans-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(data));
    return loadPlans(file);
  }

  it('changes the offers without code changes', () => {
    const o = orders.find((x) => x.orderNo === '172202611100014')!; // 新疆, AREA_FORBIDDEN
    const before = offersFor(o, 'AREA_FORBIDDEN').map((x) => x.plan.id);
    expect(before.length).toBeGreaterThan(0);

    // No plan ships to 新疆 any more: nothing to offer.
    const none = catalogueWith((ps) =>
      ps.forEach((p) => {
        p.excludedProvinces = ['新疆'];
      }),
    );
    expect(offersFor(o, 'AREA_FORBIDDEN', none)).toEqual([]);

    // Only a new plan ships there: it is the one offer.
    const one = catalogueWith((ps) => {
      ps.forEach((p) => {
        p.excludedProvinces = ['新疆'];
      });
      ps.push({
        ...ps[5]!,
        id: 'P-UNI-XJ',
        name: '联通新疆卡29元',
        excludedProvinces: [],
        orderUrl: 'https://example.com/order/P-UNI-XJ',
        policyHistory: [],
      });
    });
    expect(offersFor(o, 'AREA_FORBIDDEN', one).map((x) => x.plan.id)).toEqual(['P-UNI-XJ']);

    // Taking the best offer off sale brings the next one up.
    const offSale = catalogueWith((ps) => {
      ps.find((p) => p.id === before[0])!.onSale = false;
    });
    const after = offersFor(o, 'AREA_FORBIDDEN', offSale).map((x) => x.plan.id);
    expect(after).not.toContain(before[0]);
    expect(after[0]).toBe(before[1]);
  });

  it('follows a widened age range', () => {
    const o = orders.find((x) => x.orderNo === '172202611100004')!; // 15 years old
    const widened = catalogueWith((ps) => {
      ps.find((p) => p.id === 'P-CMCC-29')!.ageMin = 15;
    });
    expect(offersFor(o, 'AGE_RESTRICTED', widened).map((x) => x.plan.id)).toEqual(['P-CMCC-29']);
  });
});
