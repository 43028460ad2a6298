import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPlans } from '../../bot/plans.js';
import { looksLikeName, precheck } from '../../bot/precheck.js';

const TODAY = '2026-11-25';
const plans = loadPlans();
const plan = (id: string) => plans.byId.get(id)!;

/** An ID number with a correct check digit (GB 11643) for the first 17 digits. */
function withCheckDigit(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

afterEach(() => vi.restoreAllMocks());

describe('reorder pre-check', () => {
  it('passes a valid adult ID and name within the plan rules', () => {
    expect(precheck(plan('P-UNI-29'), { idNumber: '440305199204185539', name: '张三' }, TODAY)).toEqual({
      ok: true,
      reasons: [],
    });
    expect(precheck(plan('P-CBN-19'), { idNumber: '650103199503088224', name: '阿依古丽·买买提' }, TODAY).ok).toBe(
      true,
    );
    expect(
      precheck(plan('P-CBN-19'), { idNumber: withCheckDigit('11010119900101123'), name: 'John Smith' }, TODAY).ok,
    ).toBe(true);
  });

  it('catches a wrong check digit', () => {
    expect(precheck(plan('P-UNI-29'), { idNumber: '440305199204185530', name: '张三' }, TODAY).reasons).toEqual([
      { code: 'id_check_digit' },
    ]);
  });

  it('catches a malformed ID and an impossible birth date', () => {
    expect(precheck(plan('P-UNI-29'), { idNumber: '4403051992041855', name: '张三' }, TODAY).reasons).toEqual([
      { code: 'id_format' },
    ]);
    expect(
      precheck(plan('P-UNI-29'), { idNumber: withCheckDigit('44030519920230553'), name: '张三' }, TODAY).reasons,
    ).toEqual([{ code: 'id_birth_date' }]);
  });

  it('catches a customer too young or too old for the plan', () => {
    expect(precheck(plan('P-CMCC-19'), { idNumber: '330106201105207974', name: '宋子豪' }, TODAY).reasons).toEqual([
      { code: 'too_young', ageMin: 18 },
    ]);
    expect(precheck(plan('P-CT-19'), { idNumber: '110101196103127368', name: '郭秀英' }, TODAY).reasons).toEqual([
      { code: 'too_old', ageMax: 60 },
    ]);
    // Turns 18 on 2026-11-26 (Beijing): too young on the 25th, fine on the 26th.
    const id = withCheckDigit('11010120081126001');
    expect(precheck(plan('P-CMCC-19'), { idNumber: id, name: '王小明' }, '2026-11-25').ok).toBe(false);
    expect(precheck(plan('P-CMCC-19'), { idNumber: id, name: '王小明' }, new Date('2026-11-25T16:00:00Z')).ok).toBe(
      true,
    );
  });

  it('catches an ID issued in, or delivery to, an excluded province', () => {
    expect(precheck(plan('P-CMCC-19'), { idNumber: '650102199105064896', name: '马超' }, TODAY).reasons).toEqual([
      { code: 'id_province_excluded', province: '新疆' },
    ]);
    expect(
      precheck(plan('P-CMCC-19'), { idNumber: '440305199204185539', name: '张三', province: '云南省' }, TODAY).reasons,
    ).toEqual([{ code: 'delivery_province_excluded', province: '云南' }]);
  });

  it('catches names that are not names, and reports every problem at once', () => {
    for (const bad of ['test', '张先生', '123', '啊啊', 'x', '', '张3', 'Ms', '李四!'])
      expect(looksLikeName(bad), bad).toBe(false);
    for (const good of ['张三', '欧阳娜娜', '阿依古丽·买买提', 'John Smith', "Mary-Jane O'Neil", 'José García'])
      expect(looksLikeName(good), good).toBe(true);
    const r = precheck(plan('P-CMCC-39'), { idNumber: '650102199105064890', name: '测试' }, TODAY);
    expect(r.ok).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual(['plan_not_on_sale', 'id_check_digit', 'name_invalid']);
  });

  it('keeps nothing of its inputs: no logging, nothing personal in the result', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const input = { idNumber: '650102199105064896', name: '马超' };
    const r = precheck(plan('P-CMCC-19'), input, TODAY);
    const json = JSON.stringify(r);
    expect(json).not.toContain(input.idNumber);
    expect(json).not.toContain('19910506');
    expect(json).not.toContain(input.name);
    for (const s of spies) expect(s).not.toHaveBeenCalled();
    expect(input).toEqual({ idNumber: '650102199105064896', name: '马超' });
  });
});
