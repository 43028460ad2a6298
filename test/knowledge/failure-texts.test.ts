/**
 * The failure reasons' texts are templates filled from the order's facts (dialogs/facts.ts): they
 * may only name facts that exist, and the last variant of each must be sayable for any order.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { LOCALES } from '../../bot/locale.js';
import { viewOrder } from '../../bot/order-view.js';
import { containsPii } from '../../bot/pii.js';
import { loadPlans } from '../../bot/plans.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import { FACT_NAMES, factParams, fill, orderFacts } from '../../dialogs/facts.js';

const k = loadKnowledge();
const plans = loadPlans();
const orders = loadOrders();
const NOW = new Date('2026-11-25T10:00:00+08:00');
const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('failure reason templates', () => {
  const fields = ['what', 'canFix', 'next', 'why', 'when', 'reorder'] as const;
  const cases = [...k.reasons.values()].flatMap((r) =>
    LOCALES.flatMap((l) => fields.map((f) => [r.code, l, f, r.text[l][f]] as const)),
  );

  it.each(cases)(
    '%s %s %s names only known facts, and its last variant only the order number',
    (_c, _l, _f, template) => {
      const variants = typeof template === 'string' ? [template] : template;
      for (const v of variants)
        expect(names(v).filter((n) => !(FACT_NAMES as readonly string[]).includes(n))).toEqual([]);
      expect(names(variants.at(-1)!).filter((n) => n !== 'orderNo')).toEqual([]);
    },
  );
});

describe('the facts of the demo orders', () => {
  const facts = (no: string) => {
    const order = orders.find((o) => o.orderNo === `1722026111000${no}`)!;
    const f = orderFacts(order, viewOrder(order, k), k, plans, NOW);
    return { f, zh: factParams(f, k, 'zh-CN'), en: factParams(f, k, 'en') };
  };

  it('gives only facts the templates may name, and nothing personal', () => {
    for (const o of orders) {
      const f = orderFacts(o, viewOrder(o, k), k, plans, NOW);
      for (const locale of LOCALES) {
        const p = factParams(f, k, locale);
        expect(Object.keys(p).filter((n) => !(FACT_NAMES as readonly string[]).includes(n))).toEqual([]);
        for (const v of Object.values(p)) {
          expect(containsPii(String(v))).toBe(false);
          for (const secret of [o.contactPhone, o.idNumber, o.name, o.address])
            if (secret) expect(String(v)).not.toContain(secret);
        }
      }
    }
  });

  it("reads the age from the ID, the waiting days from the remark, the province and the plan's range", () => {
    expect(facts('03').zh).toMatchObject({ age: 65, ageMin: 18, ageMax: 60, plan: '电信星卡19元', province: '北京' });
    expect(facts('08').zh).toMatchObject({ days: 30, orderDate: '2026-11-23', until: '2026-12-23' });
    expect(facts('09').zh).toMatchObject({ days: 90 });
    expect(facts('17').en).toMatchObject({ province: 'Hainan', operator: 'China Unicom' });
  });

  it('dates a policy change after the order, and one before it as earlier', () => {
    expect(facts('24').zh).toMatchObject({ date: '2026-11-15', orderDate: '2026-11-12', newFee: '39元/月' });
    expect(facts('25').zh).toMatchObject({ earlierDate: '2026-10-15', orderDate: '2026-11-08' });
    expect(facts('25').zh.date).toBeUndefined();
  });

  it('shows an issued number only when a card was issued: not for a returned parcel or an expired card', () => {
    expect(facts('47').zh.issued).toBe('191****9332');
    expect(facts('31').zh.issued).toBeUndefined();
    expect(facts('33').zh.issued).toBeUndefined();
  });

  it('fills the first variant whose facts are all known', () => {
    expect(fill(['{plan}不发货到{province}', '不发货到您的省份'], { plan: 'X', province: '海南' })).toBe(
      'X不发货到海南',
    );
    expect(fill(['{plan}不发货到{province}', '不发货到您的省份'], { plan: 'X' })).toBe('不发货到您的省份');
  });
});
