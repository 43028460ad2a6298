import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../bot/knowledge/loader.js';
import { DEFAULT_PLANS_FILE, loadPlans, policyChange, toApiPlan, toApiPlans } from '../../bot/plans.js';

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
        [
          'ageMax',
          'ageMin',
          'dataGB',
          'excludedProvinces',
          'id',
          'monthlyFee',
          'name',
          'onSale',
          'operator',
          'orderUrl',
        ].sort(),
      );
    }
    expect(toApiPlan(loadPlans().byId.get('P-CMCC-19')!)).toEqual({
      id: 'P-CMCC-19',
      name: '移动花卡19元',
      operator: '移动',
      monthlyFee: 19,
      dataGB: 30,
      ageMin: 18,
      ageMax: 60,
      excludedProvinces: ['新疆', '西藏', '云南'],
      onSale: true,
      orderUrl: 'https://example.com/order/P-CMCC-19',
    });
  });

  it('accepts a PLANS_FILE in the bare API shape (no history, no extras)', () => {
    const file = write('api-shape.json', toApiPlans(loadPlans()));
    const c = loadPlans(file);
    expect(c.plans).toHaveLength(14);
    expect(c.plans.every((p) => p.policyHistory.length === 0)).toBe(true);
  });

  const bad: Array<[string, (plans: RawPlan[]) => void, string, string]> = [
    [
      'a duplicate id',
      (ps) => {
        ps[1]!.id = 'P-CMCC-19';
      },
      'plans[1] (P-CMCC-19) id',
      'duplicate plan id P-CMCC-19',
    ],
    [
      'ageMin above ageMax',
      (ps) => {
        ps[0]!.ageMin = 70;
      },
      'plans[0] (P-CMCC-19) ageMin',
      'ageMin 70 is greater than ageMax 60',
    ],
    [
      'an unknown province',
      (ps) => {
        ps[3]!.excludedProvinces = ['火星'];
      },
      'plans[3] (P-CMCC-49) excludedProvinces.0',
      "'火星' is not a known province",
    ],
    [
      'a long province name',
      (ps) => {
        ps[3]!.excludedProvinces = ['新疆维吾尔自治区'];
      },
      'plans[3] (P-CMCC-49) excludedProvinces.0',
      "write the short name '新疆'",
    ],
    [
      'an impossible date',
      (ps) => {
        (ps[2]!.policyHistory as RawPlan[])[0]!.date = '2026-02-30';
      },
      'plans[2] (P-CMCC-39) policyHistory.0.date',
      'must be a real date',
    ],
    [
      'unsorted history',
      (ps) => {
        (ps[1]!.policyHistory as RawPlan[]).push(
          { date: '2026-05-01', change: 'repriced', from: '19元/月', to: '29元/月' },
          { date: '2026-03-01', change: 'repriced', from: '29元/月', to: '19元/月' },
        );
      },
      'plans[1] (P-CMCC-29) policyHistory.1.date',
      '2026-03-01 comes before 2026-05-01',
    ],
    [
      'a missing fee',
      (ps) => {
        delete ps[2]!.monthlyFee;
      },
      'plans[2] (P-CMCC-39) monthlyFee',
      'expected number',
    ],
    [
      'an unknown operator',
      (ps) => {
        ps[4]!.operator = '中国联通';
      },
      'plans[4] (P-UNI-19) operator',
      '',
    ],
    [
      'a misspelt field',
      (ps) => {
        ps[5]!.onsale = true;
      },
      'plans[5] (P-UNI-29)',
      'onsale',
    ],
    [
      'on sale after withdrawal',
      (ps) => {
        ps[2]!.onSale = true;
      },
      'plans[2] (P-CMCC-39) onSale',
      'withdrew the plan',
    ],
  ];

  it.each(bad)('rejects %s naming the file, the plan and the problem', (_label, mutate, where, what) => {
    const data = bundled();
    mutate(data.plans);
    const file = write(`bad-${_label.replace(/\W+/g, '-')}.json`, data);
    let err: unknown;
    try {
      loadPlans(file);
    } catch (e) {
      err = e;
    }
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
    expect(policyChange(plan, '2026-11-12T15:09:13+08:00')).toMatchObject({
      date: '2026-11-15',
      change: 'repriced',
      from: '29元/月',
      to: '39元/月',
    });
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
    const file = write(
      'two-changes.json',
      (() => {
        const data = bundled();
        data.plans[1]!.policyHistory = [
          { date: '2026-11-01', change: 'repriced', from: '29元/月', to: '35元/月' },
          { date: '2026-11-20', change: 'repriced', from: '35元/月', to: '39元/月' },
        ];
        return data;
      })(),
    );
    expect(policyChange(loadPlans(file).byId.get('P-CMCC-29')!, '2026-10-30')?.to).toBe('39元/月');
  });
});
