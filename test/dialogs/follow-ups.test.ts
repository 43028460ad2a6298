/**
 * The conversation after the first answer (issue 21), driven through the whole bot without HTTP:
 * follow-ups answered from the order's own facts, briefly, in the customer's language; people
 * first; offers that respect what the customer states.
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

/** A conversation with `orderNo` verified by its phone's last 4 digits. */
async function verified(
  orderNo: string,
  tail: string,
  locale?: 'zh-CN' | 'en',
): Promise<{ chat: TestChat; explained: string }> {
  const chat = await bot.open(locale);
  await chat.say(orderNo);
  const turn = await chat.say(tail);
  return { chat, explained: turn.said };
}

describe('follow-ups after an explanation', () => {
  it('answers "what now" with the next step and the plans that ship to the order\'s province', async () => {
    const { chat } = await verified('172202611100014', '6599');
    const turn = await chat.say('那我下一步该干嘛');
    expect(turn.trace?.action).toBe('nextStep');
    expect(turn.said).toContain('新疆');
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) expect(p.excludedProvinces).not.toContain('新疆');
  });

  it('answers "why" in a sentence or two naming the plan\'s age range and the customer\'s age, not the whole block again', async () => {
    const { chat, explained } = await verified('172202611100003', '4475');
    const turn = await chat.say('凭什么啊');
    expect(turn.said).toContain('18–60');
    expect(turn.said).toContain('65');
    expect(turn.said.length).toBeLessThan(explained.length / 2);
  });

  it("dates a price change from the plan's history and the order's own date", async () => {
    const { chat } = await verified('172202611100024', '1708');
    const turn = await chat.say('这是从哪天开始调的');
    expect(turn.trace?.intent).toBe('ask_when');
    expect(turn.said).toContain('2026-11-15');
    expect(turn.said).toContain('2026-11-12');
  });

  it('gives the waiting period the remark states, not a generic one', async () => {
    const { chat } = await verified('172202611100009', '7479');
    const turn = await chat.say('得等多少天');
    expect(turn.said).toContain('90');
    expect(turn.said).not.toContain('30天');
  });

  it('explains a platform word from the glossary, and says what is unknown about an unpublished code', async () => {
    const { chat } = await verified('172202611100002', '5283');
    const term = await chat.say('国政通又是什么东西');
    expect(term.trace?.action).toBe('explainTerm');
    expect(term.said).toContain('公安');
    const unknown = await (await verified('172202611100004', '9817')).chat.say('KSSC代表什么');
    expect(unknown.said).toContain('没有公开');
    expect(unknown.replies.at(-1)!.suggestions).toContain(k.replies['zh-CN'].sugg_human);
  });

  it('answers "can I order again" with yes-and-what-to-fix, offering the pre-check without asking for the ID', async () => {
    const { chat } = await verified('172202611100001', '0251');
    const turn = await chat.say('那我还能再下一单吗');
    expect(turn.trace?.action).toBe('reorderAdvice');
    expect(turn.said).not.toMatch(/请在一条消息里发送您下单要用的身份证号/);
    expect(turn.replies.at(-1)!.suggestions).toContain(k.replies['zh-CN'].sugg_precheck);
  });
});

describe('plans re-filtered on what the customer states, and kept for the next question', () => {
  it('keeps a moved-to province and an operator across turns', async () => {
    const { chat } = await verified('172202611100017', '4488');
    const moved = await chat.say('我下个月去新疆工作 那边能办哪个');
    const first = checker.offered(moved);
    expect(first.length).toBeGreaterThan(0);
    for (const p of first) expect(p.excludedProvinces).not.toContain('新疆');
    const telecom = await chat.say('电信的呢');
    for (const p of checker.offered(telecom)) {
      expect(p.operator).toBe('电信');
      expect(p.excludedProvinces).not.toContain('新疆');
    }
  });

  it('refuses to offer the operator a per-operator limit rules out, and shows the others', async () => {
    const { chat } = await verified('172202611100006', '6710');
    const turn = await chat.say('移动的还有别的卡吗');
    expect(turn.said).toContain('移动的套餐这次办不了');
    for (const p of checker.offered(turn)) expect(p.operator).not.toBe('移动');
  });

  it('shows other plans when asked for more, and says when there are none left', async () => {
    const { chat } = await verified('172202611100014', '6599');
    const shown = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const turn = await chat.say('还有其他的吗');
      for (const p of checker.offered(turn)) {
        expect(shown.has(p.id)).toBe(false);
        shown.add(p.id);
      }
    }
    expect(shown.size).toBeGreaterThan(0);
  });
});

describe('no contradictions between status and advice', () => {
  it('never shows an issued number for a parcel that went back', async () => {
    const { explained } = await verified('172202611100031', '6474');
    expect(explained).not.toContain('189****1643');
    expect(explained).not.toContain('为您开通的号码');
  });

  it('calls a failure the customer can still continue "on hold", not failed', async () => {
    const { explained } = await verified('172202611100028', '5703');
    expect(explained).toContain(k.statuses.onHold['zh-CN']);
    expect(explained).not.toContain('办理失败');
  });
});

describe('people first', () => {
  it('hands a refund request on a verified order to a person with the order attached', async () => {
    const { chat } = await verified('172202611100036', '1774');
    const turn = await chat.say('钱都扣了 给我退回来');
    const handoff = turn.effects.find((e) => e.type === 'handoff');
    expect(handoff).toMatchObject({ orderNo: '172202611100036', failureCode: 'PAYMENT_FAILED' });
  });

  it('honours a request for a person at the end of a longer sentence', async () => {
    const { chat } = await verified('172202611100010', '3883');
    const turn = await chat.say('弄了三回了还是不行 给我找个真人');
    expect(turn.effects.some((e) => e.type === 'handoff')).toBe(true);
  });

  it('answers anger with an apology and the concrete next step, and a regulator threat with a person', async () => {
    const { chat } = await verified('172202611100038', '8340');
    const angry = await chat.say('没号你们挂出来卖什么');
    expect(angry.said).toContain(k.replies['zh-CN'].apology);
    expect(angry.effects).toEqual([]);
    const threat = await chat.say('再这样我去12315告你们');
    expect(threat.said).toContain(k.replies['zh-CN'].apology);
    expect(threat.effects.some((e) => e.type === 'handoff')).toBe(true);
  });

  it('says it is a bot when asked, without queueing anyone', async () => {
    const chat = await bot.open();
    const turn = await chat.say('对面是真人还是程序');
    expect(turn.trace?.action).toBe('areYouBot');
    expect(turn.effects).toEqual([]);
  });
});

describe('language', () => {
  it('answers a customer writing pinyin only in Chinese', async () => {
    const chat = await bot.open('en');
    const turn = await chat.say('wo de dingdan weishenme bei ju le');
    expect(turn.locale).toBe('zh-CN');
    expect(turn.said).toMatch(/\p{Script=Han}/u);
  });

  it('keeps answering in English after an English explanation', async () => {
    const { chat } = await verified('172202611100014', '6599', 'en');
    const turn = await chat.say('ok so what do I do now');
    expect(turn.locale).toBe('en');
    expect(turn.said).toContain('Xinjiang');
  });
});

describe('what the customer says of the plans they want', () => {
  it('keeps a budget, a refused operator and "no first top-up" across turns', async () => {
    const chat = await bot.open();
    await chat.say('我在浙江 有什么卡能办');
    const cheap = await chat.say('每个月30以内的');
    for (const p of checker.offered(cheap)) expect(p.monthlyFee).toBeLessThanOrEqual(30);
    const notUnicom = await chat.say('别给我推联通');
    expect(checker.offered(notUnicom).length).toBeGreaterThan(0);
    for (const p of checker.offered(notUnicom)) {
      expect(p.operator).not.toBe('联通');
      expect(p.monthlyFee).toBeLessThanOrEqual(30);
    }
    const noTopUp = await chat.say('有没有不用首充的');
    for (const p of checker.offered(noTopUp)) {
      expect(p.firstTopUp ?? 0).toBe(0);
      expect(p.operator).not.toBe('联通');
    }
  });

  it('says whether a plan the customer names fits them, with its fee and first top-up', async () => {
    const { chat } = await verified('172202611100017', '4488');
    const turn = await chat.say('那联通大王卡呢 行不行');
    expect(turn.trace?.action).toBe('planFit');
    expect(turn.said).toContain('29元/月');
    expect(turn.said).toContain('https://example.com/order/P-UNI-29');
    const excluded = await chat.say('星耀卡呢');
    expect(excluded.said).toContain('不发货到海南');
  });

  it('reads what a pinyin message asks of the plans from its characters', async () => {
    const chat = await bot.open();
    await chat.say('wo zai xinjiang');
    const turn = await chat.say('you meiyou bu yong shouchong de');
    expect(turn.locale).toBe('zh-CN');
    for (const p of checker.offered(turn)) expect(p.firstTopUp ?? 0).toBe(0);
  });
});

describe('anger and reports that go to a person', () => {
  it('looks up the order a complaint names, after an apology', async () => {
    const chat = await bot.open();
    const turn = await chat.say('身份证都给你们了 卡到现在都没有 172202611100040');
    expect(turn.said).toContain(k.replies['zh-CN'].apology);
    expect(turn.said).toContain('172202611100040');
    expect(checker.problems({ user: '', expect: [], forbid: [], checks: ['asks-tail'], line: 0 }, turn, [])).toEqual(
      [],
    );
  });

  it('hands a swapped card to a person at once', async () => {
    const { chat } = await verified('172202611100045', '2018');
    const turn = await chat.say('卡套上的号码不对 快递员是不是给我调包了');
    expect(turn.effects.some((e) => e.type === 'handoff')).toBe(true);
  });
});

describe('when the customer disputes the reason, or asks about what is on the table', () => {
  it('answers "I never owed anything" with where the record comes from, how to check it (this operator\'s hotline) and a person offered', async () => {
    const { chat, explained } = await verified('172202611100012', '6002');
    const turn = await chat.say('我从来没欠过移动一分钱');
    expect(turn.trace?.action).toBe('disputeReason');
    expect(turn.said).toContain('10086');
    expect(turn.said).not.toContain(explained.split('\n')[1]!);
    expect(turn.replies.at(-1)?.suggestions).toContain(k.replies['zh-CN'].sugg_human);
    expect(turn.effects.some((e) => e.type === 'handoff')).toBe(false);
    // The offer stands: a yes takes it.
    const yes = await chat.say('好的');
    expect(yes.effects.some((e) => e.type === 'handoff')).toBe(true);
  });

  it('answers a request for the old price with the date and amounts of the change, not an exception', async () => {
    const { chat } = await verified('172202611100024', '1708');
    const turn = await chat.say('我下单那会儿明明是29 你们就按29给我开吧');
    expect(turn.trace?.action).toBe('disputeReason');
    expect(turn.said).toContain('2026-11-15');
    expect(turn.said).toContain('39');
  });

  it("answers a plan question about the plans just listed, not about the failed order's plan", async () => {
    const { chat } = await verified('172202611100017', '4488');
    await chat.say('我现在在新疆了');
    const listed = await chat.say('只要联通的');
    const offered = checker.offered(listed);
    expect(offered.map((p) => p.operator)).toEqual(offered.map(() => '联通'));
    const turn = await chat.say('这个首充要充多少');
    expect(turn.trace?.action).toBe('listedPlans');
    for (const p of offered) expect(turn.said).toContain(p.name);
    expect(turn.said).not.toContain('联通星耀卡39元');
  });

  it('says an order that is over cannot continue before saying how to order again', async () => {
    const { chat } = await verified('172202611100021', '3303');
    const turn = await chat.say('那这个单子还能接着往下走吗');
    expect(turn.trace?.action).toBe('reorderAdvice');
    expect(turn.said.startsWith(k.replies['zh-CN'].reorder_order_over!.split('。')[0]!)).toBe(true);
  });

  it('says an answer given a moment ago again in short, with a person offered', async () => {
    const { chat } = await verified('172202611100034', '6668');
    const first = await chat.say('刷脸老是不过怎么弄');
    await chat.say('戴眼镜会不会影响');
    const again = await chat.say('刷脸老是不过怎么弄');
    expect(again.trace?.action).toBe(first.trace?.action);
    expect(again.said).toContain(k.replies['zh-CN'].said_again_offer);
    expect(again.replies.at(-1)?.suggestions).toContain(k.replies['zh-CN'].sugg_human);
    expect((await chat.say('好')).effects.some((e) => e.type === 'handoff')).toBe(true);
  });

  it("reads a platform word against the order's own reason (黑名单 on an address refusal is the address blacklist)", async () => {
    const { chat } = await verified('172202611100019', '3791');
    const turn = await chat.say('我家地址怎么就进黑名单了');
    expect(turn.trace?.action).toBe('explainTerm');
    expect(turn.said).toContain('地址黑名单');
    expect(turn.said).not.toContain(k.glossary.get('restricted_user')!.text['zh-CN'].slice(0, 20));
  });

  it('says the plan an area block stopped ships to the province the customer moved to', async () => {
    const { chat } = await verified('172202611100017', '4488');
    const turn = await chat.say('我人已经在广州了');
    expect(turn.said).toContain('联通星耀卡39元');
    expect(turn.said).toContain('https://example.com/order/P-UNI-39');
    const moved = await chat.say('那我去新疆呢');
    expect(moved.said).not.toContain('https://example.com/order/P-UNI-39'); // 联通星耀卡39元 does not ship to 新疆
  });

  it('points to the plans just listed on "what now" instead of describing them again, and answers a move with the plan they chose', async () => {
    const { chat, explained } = await verified('172202611100017', '4488');
    const next = await chat.say('那现在咋办');
    const firstList = checker.offered({ ...next, said: explained } as typeof next).map((p) => p.id);
    expect(checker.offered(next).map((p) => p.id)).toEqual(firstList);
    expect(next.said.length).toBeLessThan(explained.length / 2);
    const moved = await chat.say('下个月我搬去广州 原来那张还能办吗');
    expect(checker.offered(moved).map((p) => p.id)).toEqual(['P-UNI-39']);
    const topUp = await chat.say('它首充多少');
    expect(topUp.said).toContain('联通星耀卡39元');
    expect(topUp.said).not.toContain('联通大王卡29元');
  });
  it('answers a when-question that states a move with the plans that ship there, not with "waiting does not help"', async () => {
    // 172202611100016: 电信星卡19元 does not ship to 云南; the customer moves to 成都 (四川).
    const { chat } = await verified('172202611100016', '7887');
    const turn = await chat.say('下个月我调去成都工作 那边能办吗');
    expect(turn.trace?.action).toBe('refilterPlans');
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) expect(p.excludedProvinces).not.toContain('四川');
    expect(turn.said).toContain('四川');
  });

  it('tells a customer too young for every plan what they can order once old enough, without calling it a fit for their age', async () => {
    const youngest = Math.min(...plans.plans.filter((p) => p.onSale).map((p) => p.ageMin));
    const chat = await bot.open();
    const turn = await chat.say(`我闺女${youngest - 2}岁 能给她办张卡吗`);
    expect(turn.said).toContain(`${youngest}周岁`);
    const offered = checker.offered(turn);
    expect(offered.length).toBeGreaterThan(0);
    for (const p of offered) expect(p.ageMin).toBeLessThanOrEqual(youngest);
    expect(turn.said).not.toContain('包含您的年龄');
  });
  it('reads a way to pay named on an order that failed at payment as about that payment, not another company', async () => {
    const { chat } = await verified('172202611100037', '3378');
    const turn = await chat.say('余额够用啊 我是拿支付宝付的');
    expect(turn.trace?.action).not.toBe('elsewhere');
    expect(turn.said).toContain('172202611100037');
    expect(turn.said).toMatch(/支付宝|账单/);
  });
  it('answers a new question with the FAQ instead of saying the last answer again', async () => {
    const { chat } = await verified('172202611100017', '4488');
    const advice = await chat.say('那我还能重新下单吗');
    expect(advice.trace?.action).toBe('reorderAdvice');
    // Worded as a reorder question, but about something the advice does not say: whether the form is filled in again.
    const details = await chat.say('重新下的话 之前填的东西还得再填一遍吗');
    expect(details.said).not.toContain(advice.said.slice(0, 20));
    expect(details.said).toContain('重新填写');
    expect(details.trace?.action).toBe('faq');
  });
});
