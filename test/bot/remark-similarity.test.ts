import { describe, expect, it } from 'vitest';
import { loadJsonFile, loadKnowledge } from '../../bot/knowledge/loader.js';
import { FAILURE_CODES } from '../../bot/knowledge/schemas.js';
import { viewOrder } from '../../bot/order-view.js';
import {
  REMARK_EXAMPLES_FILE,
  RemarkExamplesFile,
  RemarkSimilarity,
  sharedRemarkSimilarity,
} from '../../bot/remark-similarity.js';
import { toOrder } from '../../adapters/orders/platform.record.js';

const sim = sharedRemarkSimilarity();
const k = loadKnowledge();

describe('remark similarity (fallback after the rules)', () => {
  it('the examples file has 4–8 example remarks for every failure code', () => {
    const file = loadJsonFile(REMARK_EXAMPLES_FILE, RemarkExamplesFile);
    for (const code of FAILURE_CODES) {
      expect(file.examples[code]?.length ?? 0, code).toBeGreaterThanOrEqual(4);
      expect(file.examples[code]!.length, code).toBeLessThanOrEqual(8);
    }
  });

  it('classifies every example as its own code', () => {
    const file = loadJsonFile(REMARK_EXAMPLES_FILE, RemarkExamplesFile);
    for (const [code, texts] of Object.entries(file.examples)) {
      for (const t of texts ?? []) expect(sim.classify(t), t).toBe(code);
    }
  });

  it.each([
    ['证件名下已有五个号码', 'ID_QUOTA_EXCEEDED'],
    ['用户信息有误', 'ID_INFO_INVALID'],
    ['抱歉，您所选号码已被占用，请更换！', 'NUMBER_TAKEN'],
    ['该套餐已停止受理。', 'PLAN_UNAVAILABLE'],
  ])('maps the new wording %s to %s', (remark, code) => {
    expect(sim.classify(remark)).toBe(code);
  });

  it.each(['备注：无', '其他原因', '请联系客服', '订单已经提交成功', '快递已揽收', 'abc', '。', ''])(
    'leaves %j unmapped (below the threshold)',
    (remark) => {
      expect(sim.classify(remark)).toBeNull();
    },
  );

  it('reports the best example and its score for agents and tuning', () => {
    const m = sim.best('所选号码已被占用');
    expect(m).toMatchObject({ code: 'NUMBER_TAKEN', example: '所选号码已被占用' });
    expect(m!.score).toBeCloseTo(1, 5);
  });

  it('honours the threshold of the file', () => {
    const strict = new RemarkSimilarity({ threshold: 0.99, examples: { NUMBER_TAKEN: ['号码选占失败'] } });
    expect(strict.classify('号码选占失败了')).toBeNull();
    expect(strict.classify('号码选占失败')).toBe('NUMBER_TAKEN');
  });

  describe('in viewOrder', () => {
    const order = (Remark: string, OrderStatus = '审核失败') =>
      toOrder({ OrderNo: 'X1', OrderStatus, Remark, Phone: '13800001234' });

    it('rules win first', () => {
      expect(viewOrder(order('身份信息不一致'), k)).toMatchObject({
        failureCode: 'ID_INFO_INVALID',
        unmappedRemark: false,
        remarkMatchedBy: 'rule',
      });
    });

    it('a new wording close to an example gets its code and is not flagged', () => {
      expect(viewOrder(order('证件名下已有五个号码'), k)).toMatchObject({
        failureCode: 'ID_QUOTA_EXCEEDED',
        unmappedRemark: false,
        remarkMatchedBy: 'similarity',
      });
    });

    it('an unrelated wording stays SYSTEM_OR_UNKNOWN and is flagged unmapped', () => {
      const v = viewOrder(order('其他原因'), k);
      expect(v).toMatchObject({ failureCode: 'SYSTEM_OR_UNKNOWN', unmappedRemark: true });
      expect(v.remarkMatchedBy).toBeUndefined();
    });
  });
});
