/**
 * Re-filtering the plan offers on everything the customer states (issue 21): a fee (below a number,
 * exactly, about), an amount of data (a minimum, more than the order's own plan, about the same),
 * call minutes before data, several acceptable operators; each kept for the next question, and
 * "nothing fits" said plainly with the closest plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { loadPlans } from '../../bot/plans.js';
import { ConversationChecker } from '../helpers/conversation-checks.js';
import { DialogTester, type TestChat } from '../helpers/dialog-tester.js';

const k = loadKnowledge();
const plans = loadPlans();
const checker = new ConversationChecker(k, plans);
let bot: DialogTester;
beforeAll(async () => {
  bot = await DialogTester.start();
});
afterAll(() => bot.close());

async function verified(orderNo: string, tail: string): Promise<TestChat> {
  const chat = await bot.open();
  await chat.say(orderNo);
  await chat.say(tail);
  return chat;
}

describe('plans re-filtered on every constraint the customer states', () => {
  it('honours a fee below a number and a minimum of data together, and keeps both', async () => {
    // 172202611100017: 联通星耀卡39元 (135GB) does not ship to 海南.
    const chat = await verified('172202611100017', '4488');
    const turn = await chat.say('想要比39块便宜的 流量起码100G');
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) {
      expect(p.monthlyFee).toBeLessThan(39);
      expect(p.dataGB).toBeGreaterThanOrEqual(100);
      expect(p.excludedProvinces).not.toContain('海南');
    }
    const telecom = await chat.say('那电信的呢');
    for (const p of checker.offered(telecom)) {
      expect(p.operator).toBe('电信');
      expect(p.monthlyFee).toBeLessThan(39);
      expect(p.dataGB).toBeGreaterThanOrEqual(100);
    }
  });

  it('lists every plan at the exact fee asked for, those shown before included', async () => {
    const chat = await verified('172202611100017', '4488');
    const first = new Set(checker.offered(await chat.say('还有别的吗')).map((p) => p.id));
    const turn = await chat.say('29块一个月的有哪些 流量跟原来那张差不多就行');
    const offered = checker.offered(turn);
    const at29 = plans.plans.filter((p) => p.onSale && p.monthlyFee === 29 && !p.excludedProvinces.includes('海南'));
    expect(offered.length).toBe(Math.min(3, at29.length));
    for (const p of offered) expect(p.monthlyFee).toBe(29);
    // Closest to the order's 135GB first, whether or not it was shown before.
    expect(offered[0]!.dataGB).toBe(Math.max(...at29.map((p) => p.dataGB)));
    expect(turn.said).not.toContain(k.replies['zh-CN'].alt_more_intro);
    expect(first.size).toBeGreaterThan(0);
  });

  it("offers more data than the order's own plan when the customer says it is not enough", async () => {
    // 172202611100001: 联通大王卡29元, 100GB.
    const chat = await verified('172202611100001', '0251');
    const turn = await chat.say('100个G我根本不够用 有没有更多的');
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) expect(p.dataGB).toBeGreaterThan(100);
  });

  it('puts call minutes first when the customer phones more than they use data', async () => {
    const chat = await verified('172202611100006', '6710');
    const turn = await chat.say('我主要打电话 通话多一点的 流量少一点没关系');
    expect(turn.said).toContain(k.replies['zh-CN'].catalogue_prefer_minutes);
    expect(turn.said).not.toContain(k.replies['zh-CN'].catalogue_prefer_data);
    const minutes = checker.offered(turn).map((p) => p.minutes ?? 0);
    expect(minutes.length).toBeGreaterThan(1);
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
  });

  it('takes several operators as all acceptable, one more added later, and keeps them', async () => {
    // 172202611100014: 新疆.
    const chat = await verified('172202611100014', '6599');
    const turn = await chat.say('移动或者电信的都可以');
    const offered = checker.offered(turn);
    expect(new Set(offered.map((p) => p.operator))).toEqual(new Set(['移动', '电信']));
    const cheap = await chat.say('广电也行 要便宜的');
    const ops = new Set(checker.offered(cheap).map((p) => p.operator));
    expect(ops.has('广电')).toBe(true);
    for (const op of ops) expect(['移动', '电信', '广电']).toContain(op);
  });

  it('reads a fee range and a bare fee limit, says when a named plan is outside them, and compares "比它" with that plan', async () => {
    const chat = await bot.open();
    await chat.say('我在江苏 有什么卡');
    const range = await chat.say('40到60块之间的');
    expect(checker.offered(range).length).toBeGreaterThan(0);
    for (const p of checker.offered(range)) expect(p.monthlyFee >= 40 && p.monthlyFee <= 60).toBe(true);
    const named = await chat.say('联通大王卡呢');
    expect(named.trace?.action).toBe('planFit');
    expect(named.said).toContain('不符');
    const cheaper = await chat.say('联通畅享卡呢 有没有比它便宜点的');
    const offered = checker.offered(cheaper);
    expect(offered.length).toBeGreaterThan(0);
    // Cheaper than the plan just named, of any operator (naming a plan is not asking for its operator).
    for (const p of offered) expect(p.monthlyFee).toBeLessThan(59);
    expect(new Set(offered.map((p) => p.operator)).size).toBeGreaterThan(1);
  });

  it("takes a bare monthly limit after a failed order's offers as a refinement", async () => {
    const chat = await verified('172202611100017', '4488');
    const turn = await chat.say('一个月最多25块');
    expect(turn.trace?.action).toBe('refilterPlans');
    for (const p of checker.offered(turn)) expect(p.monthlyFee).toBeLessThanOrEqual(25);
  });

  it('reads amounts in Chinese numerals, an operator refused after it is named, and "也凑合" as one more acceptable', async () => {
    const chat = await bot.open();
    await chat.say('你们有哪些套餐');
    const amounts = await chat.say('要三十块以下 流量一百G以上的');
    expect(checker.offered(amounts).length).toBeGreaterThan(0);
    for (const p of checker.offered(amounts)) expect(p.monthlyFee <= 30 && p.dataGB >= 100).toBe(true);
    const notUnicom = await chat.say('联通的不要 别的都行');
    expect(checker.offered(notUnicom).length).toBeGreaterThan(0);
    for (const p of checker.offered(notUnicom)) expect(p.operator).not.toBe('联通');
    const two = await chat.say('最好电信 广电也凑合');
    const ops = new Set(checker.offered(two).map((p) => p.operator));
    expect([...ops].every((o) => o === '电信' || o === '广电')).toBe(true);
    expect(ops.size).toBe(2);
  });

  it('takes "another operator" as not the operator of the order\'s plan, kept with a fee asked next', async () => {
    // 172202611100017: a 联通 plan.
    const chat = await verified('172202611100017', '4488');
    const other = await chat.say('换家运营商的有没有');
    expect(checker.offered(other).length).toBeGreaterThan(0);
    for (const p of checker.offered(other)) expect(p.operator).not.toBe('联通');
    const cheap = await chat.say('三十以内的');
    expect(checker.offered(cheap).length).toBeGreaterThan(0);
    for (const p of checker.offered(cheap)) expect(p.operator !== '联通' && p.monthlyFee <= 30).toBe(true);
  });

  it('says plainly when nothing fits, with the closest plans of what was asked', async () => {
    const chat = await bot.open();
    await chat.say('有哪些卡可以办');
    const turn = await chat.say('电信的 四十块左右的有没有');
    expect(turn.said).toContain('没有正好合适的');
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) expect(p.operator).toBe('电信');
    expect(offered.map((p) => p.monthlyFee)).toContain(49);
    // Only the closest: not the 19-yuan plan, twice as far from 40 as the 49-yuan one.
    expect(offered.map((p) => p.monthlyFee)).not.toContain(19);
  });
});
