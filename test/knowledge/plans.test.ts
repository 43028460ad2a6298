import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../bot/knowledge/loader.js';
import { DEFAULT_PLANS_FILE, LiveCatalogue, applyProducts, loadPlans, policyChange, toApiPlan, toApiPlans, type ProductAvailability } from '../../bot/plans.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type RawPlan = Record<string, unknown>;
const bundled = (): { plans: RawPlan[] } => JSON.parse(fs.readFileSync(DEFAULT_PLANS_FILE, 'utf8'));

function write(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('plan catalogue', () => {
  it('loads the bundled catalogue', () => {
    const c = loadPlans();
    expect(c.plans).toHaveLength(14);
    expect(c.byId.get('P-UNI-39')?.operator).toBe('联通');
  });

  it('gives exactly the GET /api/plans shape', () => {
    const api = toApiPlans(loadPlans());
    for (const p of api.plans) {
      expect(Object.keys(p).sort()).toEqual(
        ['ageMax', 'ageMin', 'dataGB', 'excludedProvinces', 'id', 'monthlyFee', 'name', 'onSale', 'operator', 'orderUrl'].sort());
    }
    expect(toApiPlan(loadPlans().byId.get('P-CMCC-19')!)).toEqual({
      id: 'P-CMCC-19', name: '移动花卡19元', operator: '移动', monthlyFee: 19, dataGB: 30, ageMin: 18, ageMax: 60,
      excludedProvinces: ['新疆', '西藏', '云南'], onSale: true, orderUrl: 'https://example.com/order/P-CMCC-19',
    });
  });

  it('accepts a PLANS_FILE in the bare API shape (no history, no extras)', () => {
    const file = write('api-shape.json', toApiPlans(loadPlans()));
    const c = loadPlans(file);
    expect(c.plans).toHaveLength(14);
    expect(c.plans.every((p) => p.policyHistory.length === 0)).toBe(true);
  });

  const bad: Array<[string, (plans: RawPlan[]) => void, string, string]> = [
    ['a duplicate id', (ps) => { ps[1]!.id = 'P-CMCC-19'; }, 'plans[1] (P-CMCC-19) id', 'duplicate plan id P-CMCC-19'],
    ['ageMin above ageMax', (ps) => { ps[0]!.ageMin = 70; }, 'plans[0] (P-CMCC-19) ageMin', 'ageMin 70 is greater than ageMax 60'],
    ['an unknown province', (ps) => { ps[3]!.excludedProvinces = ['火星']; }, 'plans[3] (P-CMCC-49) excludedProvinces.0', "'火星' is not a known province"],
    ['a long province name', (ps) => { ps[3]!.excludedProvinces = ['新疆维吾尔自治区']; }, 'plans[3] (P-CMCC-49) excludedProvinces.0', "write the short name '新疆'"],
    ['an impossible date', (ps) => { (ps[2]!.policyHistory as RawPlan[])[0]!.date = '2026-02-30'; }, 'plans[2] (P-CMCC-39) policyHistory.0.date', 'must be a real date'],
    ['unsorted history', (ps) => {
      (ps[1]!.policyHistory as RawPlan[]).push(
        { date: '2026-05-01', change: 'repriced', from: '19元/月', to: '29元/月' },
        { date: '2026-03-01', change: 'repriced', from: '29元/月', to: '19元/月' });
    }, 'plans[1] (P-CMCC-29) policyHistory.1.date', '2026-03-01 comes before 2026-05-01'],
    ['a missing fee', (ps) => { delete ps[2]!.monthlyFee; }, 'plans[2] (P-CMCC-39) monthlyFee', 'expected number'],
    ['an unknown operator', (ps) => { ps[4]!.operator = '中国联通'; }, 'plans[4] (P-UNI-19) operator', ''],
    ['a misspelt field', (ps) => { ps[5]!.onsale = true; }, 'plans[5] (P-UNI-29)', 'onsale'],
    ['on sale after withdrawal', (ps) => { ps[2]!.onSale = true; }, 'plans[2] (P-CMCC-39) onSale', 'withdrew the plan'],
  ];

  it.each(bad)('rejects %s naming the file, the plan and the problem', (_label, mutate, where, what) => {
    const data = bundled();
    mutate(data.plans);
    const file = write(`bad-${_label.replace(/\W+/g, '-')}.json`, data);
    let err: unknown;
    try { loadPlans(file); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(KnowledgeError);
    const msg = (err as Error).message;
    expect(msg).toContain(file);
    expect(msg).toContain(where);
    expect(msg).toContain(what);
  });

  it('rejects a file that is not JSON, naming it', () => {
    const file = write('broken.json', '{"plans": [');
    expect(() => loadPlans(file)).toThrow(KnowledgeError);
    expect(() => loadPlans(file)).toThrow(file);
  });
});

describe('policy changes', () => {
  const c = loadPlans();

  it('finds the latest change on or after the order day (Beijing time)', () => {
    const plan = c.byId.get('P-UNI-39')!;
    expect(policyChange(plan, '2026-11-12T15:09:13+08:00')).toMatchObject({ date: '2026-11-15', change: 'repriced', from: '29元/月', to: '39元/月' });
    // 2026-11-14T16:30Z is already 11-15 in Beijing: the change took effect that day.
    expect(policyChange(plan, '2026-11-14T16:30:00Z')?.date).toBe('2026-11-15');
    expect(policyChange(plan, '2026-11-16T09:00:00+08:00')).toBeNull();
  });

  it('ignores changes made before the order and changes not yet in force', () => {
    expect(policyChange(c.byId.get('P-CMCC-39')!, '2026-11-08T12:33:27+08:00')).toBeNull();
    expect(policyChange(c.byId.get('P-UNI-39')!, '2026-11-12T10:00:00+08:00', '2026-11-14')).toBeNull();
    expect(policyChange(c.byId.get('P-CMCC-29')!, '2026-11-12T10:00:00+08:00')).toBeNull();
    expect(policyChange(c.byId.get('P-UNI-39')!, null)).toBeNull();
  });

  it('takes the latest of several changes after the order', () => {
    const file = write('two-changes.json', (() => {
      const data = bundled();
      data.plans[1]!.policyHistory = [
        { date: '2026-11-01', change: 'repriced', from: '29元/月', to: '35元/月' },
        { date: '2026-11-20', change: 'repriced', from: '35元/月', to: '39元/月' },
      ];
      return data;
    })());
    expect(policyChange(loadPlans(file).byId.get('P-CMCC-29')!, '2026-10-30')?.to).toBe('39元/月');
  });
});

describe('availability from the platform (applyProducts)', () => {
  const file = loadPlans();
  /** Every catalogue plan as the platform would list it unchanged. */
  const listed = (): ProductAvailability[] => file.plans.map((p) => ({
    productId: p.id, onSale: p.onSale, excludedProvinces: [...p.excludedProvinces], ageMin: p.ageMin, ageMax: p.ageMax,
  }));

  it('changes nothing when the platform agrees with the file', () => {
    const sync = applyProducts(file, listed());
    expect(sync.changes).toEqual([]);
    expect(sync.catalogue.plans).toEqual(file.plans);
  });

  it('takes on-sale, provinces (full names too) and ages from the platform, and keeps names, fees and links', () => {
    const products = listed().map((p) => (p.productId === 'P-UNI-39'
      ? { ...p, onSale: false, excludedProvinces: ['新疆维吾尔自治区', 'Tibet', '火星'], ageMin: 20, ageMax: 30 } : p));
    const sync = applyProducts(file, products);
    const plan = sync.catalogue.byId.get('P-UNI-39')!;
    expect(plan).toMatchObject({ onSale: false, excludedProvinces: ['新疆', '西藏'], ageMin: 20, ageMax: 30 });
    const was = file.byId.get('P-UNI-39')!;
    expect(plan).toMatchObject({ name: was.name, monthlyFee: was.monthlyFee, orderUrl: was.orderUrl, policyHistory: was.policyHistory });
    expect(sync.unreadableProvinces).toEqual(['P-UNI-39: 火星']);
    expect(sync.changes).toHaveLength(3);
    expect(file.byId.get('P-UNI-39')).toBe(was); // the file's catalogue is untouched
  });

  it('ignores an impossible age range', () => {
    const products = listed().map((p) => (p.productId === 'P-UNI-39' ? { ...p, ageMin: 60, ageMax: 18 } : p));
    const plan = applyProducts(file, products).catalogue.byId.get('P-UNI-39')!;
    expect([plan.ageMin, plan.ageMax]).toEqual([file.byId.get('P-UNI-39')!.ageMin, file.byId.get('P-UNI-39')!.ageMax]);
  });

  it('takes plans the platform no longer lists off sale, and names products the file lacks', () => {
    const products = [...listed().filter((p) => p.productId !== 'P-UNI-39'), { productId: 'P-NEW-9', onSale: true, excludedProvinces: [], ageMin: 18, ageMax: 60 }];
    const sync = applyProducts(file, products);
    expect(sync.catalogue.byId.get('P-UNI-39')!.onSale).toBe(false);
    expect(sync.unlisted).toEqual(['P-UNI-39']);
    expect(sync.unknownProducts).toEqual(['P-NEW-9']);
    expect(sync.catalogue.byId.has('P-NEW-9')).toBe(false);
  });

  it('keeps the file as it is when no product id matches a plan id', () => {
    const sync = applyProducts(file, [{ productId: '10086', onSale: false, excludedProvinces: [], ageMin: null, ageMax: null }]);
    expect(sync.catalogue).toBe(file);
    expect(sync.unknownProducts).toEqual(['10086']);
  });

  it('LiveCatalogue serves whichever version was put in last', () => {
    const live = new LiveCatalogue(file);
    const next = applyProducts(file, listed().map((p) => ({ ...p, onSale: false }))).catalogue;
    live.replace(next);
    expect(live.plans.every((p) => !p.onSale)).toBe(true);
    expect(live.byId.get('P-UNI-39')!.onSale).toBe(false);
    expect(live.file).toBe(file.file);
  });
});
