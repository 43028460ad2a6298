import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseIntent } from '../../bot/nlu/decision.js';
import { NaturalNlu, sharedNaturalNlu } from '../../bot/nlu/natural.nlu.js';
import { loadTrainingFile } from '../../bot/nlu/training-data.js';
import { KnowledgeError } from '../../bot/knowledge/loader.js';
import { tempDir, testApp } from '../helpers/app.js';

const nlu = sharedNaturalNlu();

describe('NaturalNlu intents', () => {
  // Phrasings written for this test, not copied from the training files.
  const cases: Array<[string, string]> = [
    ['172的卡为什么办不下来', 'order_failure_reason'],
    ['转人工', 'human_agent'],
    ['地址写错了能改吗', 'update_info'],
    ['卡寄出来了没有，快递到哪了', 'logistics'],
    ['收到卡了怎么激活', 'activation'],
    ['钱什么时候退给我', 'refund'],
    ['还有别的套餐可以办吗', 'alternatives'],
    ['我想重新下一单', 'reorder'],
    ['你们就是骗子，我要投诉', 'complaint'],
    ['谢谢啦', 'thanks'],
    ['好的', 'affirm'],
    ['不用了', 'deny'],
    ['where is my parcel', 'logistics'],
    ['why did my order fail', 'order_failure_reason'],
    ['let me talk to a human', 'human_agent'],
    ['hello there', 'greet'],
    ['bye for now', 'goodbye'],
    // A state, a cancellation or a deposit names the order without the word 订单
    ['上周下了单 审没审啊', 'order_status'],
    ['我的押金呢 还没退', 'refund'],
    ['they cancelled it without telling me why', 'order_failure_reason'],
    ['still processing after a week, is it stuck', 'order_status'],
    ['where is my card, it has been two weeks', 'logistics'],
    ['my card still hasn\'t turned up', 'logistics'],
    ['receiver name needs changing', 'update_info'],
    ['楼栋号能补一下吗', 'update_info'],
    ['why did they refuse me, I have a residence permit', 'order_failure_reason'],
    // every status and failure text DOMAIN.md lists is a word of the domain
    ['it just says 已失效 now, why', 'order_failure_reason'],
    ['怎么查定单呀', 'order_status'],
    // 过关 is "passed" here, not a border crossing (过关要带什么证件 is another service)
    ['订单审核过关没有', 'order_status'],
    // sending is ours when we send: 寄快递 and 寄东西 are not another service's words
    ['你们什么时候寄快递', 'logistics'],
    ['the prepay hasn\'t come back', 'refund'],
    ['it\'s been pending for a week', 'order_status'],
    ['the remark says error, what now', 'order_failure_reason'],
    ['hows my oder going', 'order_status'],
    ['so my region is restricted? what does that even mean', 'order_failure_reason'],
    ['there\'s a typo, please update it', 'update_info'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(nlu.parse(text).intent.name).toBe(intent);
  });

  it('calls a message that only gives data `inform`, with its entities', () => {
    for (const text of ['172202611100014', '尾号是6599', 'my order number is 172202611100014', '手机后4位 0251',
      // a district after the city is part of the place: too many to list
      '浙江杭州余杭区', '河南周口', 'Guangzhou, Tianhe district',
      // words that point at the datum or at the question it answers
      'the other one is 172202611100014', 'you asked for the last 4: 6599', '一共两个单 172202611100014 和 172202611100015', '刚才说错了，我在江西', '尾号0251吧 应该是']) {
      const r = nlu.parse(text);
      expect(r.intent, text).toEqual({ name: 'inform', confidence: 1 });
      expect(r.entities.length).toBeGreaterThan(0);
    }
  });

  it('says out_of_scope for messages outside SIM-card orders, in both languages', () => {
    for (const text of ['这家酒店的电话是多少', '故宫附近有什么好吃的', 'what is the capital of France', 'book me a table for two tonight']) {
      expect(nlu.parse(text).intent.name, text).toBe('out_of_scope');
    }
  });

  it('keeps another company\'s orders, tickets and cards out, though they use our words (订单, 退款, activate)', () => {
    for (const text of ['饿了么的订单一直没送到', '高铁票退款要多久', '社保卡怎么激活', '携程订的酒店怎么退款',
      'how do I activate my debit card', 'my Uber Eats order never came, I want a refund']) {
      const r = nlu.parse(text);
      expect(r.intent.name, text).toBe('out_of_scope');
      expect(r.elsewhere, text).toBe(true);
    }
    expect(nlu.parse('这家酒店的电话是多少').elsewhere).toBe(true);
    expect(nlu.parse('故宫附近有什么好吃的').elsewhere).toBe(false);
  });

  it('keeps a question about the bot or the company out, unless the rest of the message is about orders', () => {
    for (const text of ['你是机器人吗', '你们公司在哪里', 'are you a robot']) {
      expect(nlu.parse(text), text).toMatchObject({ elsewhere: true });
      expect(nlu.parse(text).intent.name, text).not.toBe('human_agent');
    }
    expect(nlu.parse('你是机器人吗 我要转人工').intent.name).toBe('human_agent');
    expect(nlu.parse('are you a bot? I want a human').intent.name).toBe('human_agent');
    expect(nlu.parse('你是机器人吧 换个人来').intent.name).toBe('human_agent');
  });

  it('reads a message with no word about orders as about the order in hand, apart from `intent`', () => {
    const r = nlu.parse('anything cheaper around');
    expect(r.intent.name).toBe('out_of_scope');
    expect(r.onTopic.name).toBe('alternatives');
    // Said so plainly that the classifiers are all but certain (the bare bar), it needs no order in hand.
    for (const text of ['any other options for me', '还有便宜一点的可以选吗']) expect(nlu.parse(text).intent.name, text).toBe('alternatives');
    // Another company's order stays out, even in a conversation about ours; and on-domain messages agree.
    expect(nlu.parse('饿了么的订单一直没送到').onTopic.name).toBe('out_of_scope');
    const inDomain = nlu.parse('卡寄出来了没有，快递到哪了');
    expect(inDomain.onTopic).toEqual(inDomain.intent);
  });

  it('still hears our own card when another company is named beside it', () => {
    expect(nlu.parse('淘宝上买的卡收到了怎么激活')).toMatchObject({ intent: { name: 'activation' }, elsewhere: false });
    expect(nlu.parse('the sim card came in an Amazon box, how do I activate it').intent.name).toBe('activation');
    expect(nlu.parse('订单172202611100014的卡快递到哪了，跟美团外卖一样慢').intent.name).toBe('logistics');
    // 京东 is another shop, like 淘宝: its parcel alone is not ours, our card sent by it is.
    expect(nlu.parse('京东快递到哪了')).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    expect(nlu.parse('我的卡京东快递到哪了').intent.name).toBe('logistics');
    // Utilities and gyms are other services, whatever words of ours they use.
    expect(nlu.parse('how do I top up the electricity meter in my apartment').intent.name).toBe('out_of_scope');
  });

  it('hears a way to pay as another service, unless money for the order moved through it', () => {
    for (const text of ['支付宝人脸认证老是失败', 'my banking app face check keeps failing', '信用卡怎么激活']) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('钱退到支付宝了吗').intent.name).toBe('refund');
    expect(nlu.parse('I was charged twice on Alipay for the card').intent.name).toBe('refund');
    // Our card paid for with it is ours, money moved or not.
    expect(nlu.parse('用支付宝买的卡怎么激活').intent.name).toBe('activation');
    // Another app's account is not ours either; an account that money for the card left is.
    for (const text of ['抖音账号实名认证失败', 'my WeChat account got locked, it wants identity verification']) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('my account was charged twice for the sim card').intent.name).toBe('refund');
  });

  it('hears a number the customer already has as the operator\'s business, unless the message speaks of an order', () => {
    for (const text of ['我现在用的号话费怎么这么贵', 'how do I turn on roaming on my current number',
      // naming its operator, even inside the number's words (现在的联通号 is 现在的号), changes nothing
      '我爸现在用的联通号这个月话费多少', '我现在的联通号怎么开国际漫游', '我现在用的电信卡流量不够用了',
      '携号转网怎么弄', 'can I cancel my current 10086 plan', '帮我查下我现在手机号还剩多少话费', 'how much data is left on my phone']) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('我老号欠费了，是不是这个原因新卡审核没通过').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('我现在的电信号欠费了 是不是新卡审核失败的原因').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('收件人电话换成13800001111吧，原来那个号我不用了').intent.name).toBe('update_info');
    // 'now' or 'that number' alone does not make a card or a number one already in use
    expect(nlu.parse('我现在的卡是什么状态').intent.name).toBe('order_status');
    expect(nlu.parse('那个号码我不想要了 能换一个吗').elsewhere).toBe(false);
    expect(nlu.parse('I\'ve had it for 2 weeks and still no signal').elsewhere).toBe(false);
  });

  it('keeps other services out though they use our words, and hears our card inside them', () => {
    for (const text of [
      // an operator's other business, and 卡 as "stuck"
      '移动宽带怎么退', '亚马逊的包裹卡在海关了',
      // a card named right after another service is that service's card
      '工商银行卡怎么激活',
      // WeChat's own identity check, a parcel the customer sends, other shops and services
      '微信实名认证老是通不过', '顺丰寄件多少钱', '顺丰寄个东西到广州多少钱', 'my food delivery order never arrived',
      '亚马逊的快递到哪了', '学信网学历认证失败', '游戏充值怎么退款', '银行转账怎么还没到账', '房贷扣款失败怎么办',
      'the ISP router hasn\'t arrived', '港澳通行证签注怎么续']) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('这张卡在淘宝买的 怎么激活').intent.name).toBe('activation');
    expect(nlu.parse('京东上买的联通号 审核没过').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('新卡在微信小程序里实名认证失败').intent.name).toBe('activation');
    expect(nlu.parse('my iphone shows no service with the new card').intent.name).toBe('activation');
    // The liveness check (活体检测) is ours, not a health check (体检); a travel permit is an ID customers apply with.
    expect(nlu.parse('活体检测一直失败').intent.name).toBe('activation');
    expect(nlu.parse('用港澳通行证下的单 是不是因为这个才失败').intent.name).toBe('order_failure_reason');
    // A parcel locker is where our card can wait.
    expect(nlu.parse('卡到了快递柜 取件码没收到').intent.name).toBe('logistics');
    expect(nlu.parse('能放快递柜吗').intent.name).toBe('logistics');
    // Nor is a complaint about another company's service ours; an ad seen on Douyin still led to our order.
    expect(nlu.parse('外卖小哥态度太差了 我要投诉他')).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    expect(nlu.parse('抖音上看到广告下的单，审核过了吗').intent.name).toBe('order_status');
  });

  it('reads a message in English around a Chinese error text with both languages\' phrases', () => {
    // The Chinese model alone knows few English words; "why does it say … on my application" is English.
    expect(nlu.parse('why does it say 风控 on my application').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('my sim still not arrive, 快递 where').intent.name).toBe('logistics');
  });

  it('understands a pinyin keyboard\'s sound-alike typo or pinyin of a domain word', () => {
    expect(nlu.parse('快地到了没').intent.name).toBe('logistics');
    expect(nlu.parse('审和通过没').intent.name).toBe('order_status');
    expect(nlu.parse('zhuan rengong').intent.name).toBe('human_agent');
    // Offsets stay those of the text as written.
    const text = '订单172202611100014激火不了';
    const order = nlu.parse(text).entities.find((e) => e.entity === 'order_no')!;
    expect(text.slice(order.start, order.end)).toBe('172202611100014');
    expect(nlu.parse(text).intent.name).toBe('activation');
  });

  it('reads traditional characters as simplified, with entity offsets in the text as written', () => {
    expect(nlu.parse('我的訂單為什麼失敗了').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('請問審核通過了沒有').intent.name).toBe('order_status');
    const text = '我住在廣東深圳，訂單號172202611100014';
    const { entities } = nlu.parse(text);
    const province = entities.find((e) => e.entity === 'province' && e.start === 3);
    expect(province?.value).toBe('广东');
    expect(text.slice(province!.start, province!.end)).toBe('廣東');
    const order = entities.find((e) => e.entity === 'order_no')!;
    expect(text.slice(order.start, order.end)).toBe('172202611100014');
  });

  it('reads written Cantonese\'s function words as Mandarin', () => {
    // 寄咗 is 寄了, a domain word: the question is about our parcel.
    expect(nlu.parse('寄咗未呀').intent.name).toBe('logistics');
    expect(nlu.parse('幫我睇下張單搞成點').intent.name).toBe('order_status');
    // An age, 'just turned 18', is data alone.
    expect(nlu.parse('今年啱啱18').intent.name).toBe('inform');
  });

  it('ranks every trained intent with confidences in [0, 1], best first', () => {
    const r = nlu.parse('我的订单审核失败了是什么原因');
    expect(r.ranking.length).toBeGreaterThanOrEqual(16);
    for (let i = 1; i < r.ranking.length; i++) expect(r.ranking[i - 1]!.confidence).toBeGreaterThanOrEqual(r.ranking[i]!.confidence);
    expect(r.ranking.every((x) => x.confidence >= 0 && x.confidence <= 1)).toBe(true);
    expect(r.ranking.map((x) => x.name)).not.toContain('out_of_scope');
  });

  it('skips the similarity of intents that could not reach a bar, and decides as if it had computed them all', () => {
    const exact = new NaturalNlu({ lowestBar: 1e-9 });
    for (const text of ['我的卡寄到哪了', 'why was my order rejected', '这家酒店的电话是多少', 'thanks, bye', 'the card 几时 arrive']) {
      const [fast, slow] = [nlu.parse(text), exact.parse(text)];
      expect(fast.intent, text).toEqual(slow.intent);
      expect(fast.ranking[0], text).toEqual(slow.ranking[0]);
      // Every intent that could clear a bar has its true confidence; the others are 0 or under every bar.
      const lowest = Math.min(nlu.bars.order, nlu.bars.smallTalk, nlu.bars.open);
      for (const r of slow.ranking) {
        const f = fast.ranking.find((x) => x.name === r.name)!;
        if (r.confidence >= lowest) expect(f, text).toEqual(r);
        else expect(f.confidence, text).toBeLessThan(lowest);
      }
    }
  });

  it('learns from the training data it is given, not from code', () => {
    const custom = new NaturalNlu({
      training: {
        zh: [{ intent: 'refund', text: '菠萝菠萝' }, { intent: 'refund', text: '菠萝退款' }, { intent: 'greet', text: '你好' }, { intent: 'greet', text: '您好呀' }],
        en: [{ intent: 'greet', text: 'hello' }, { intent: 'refund', text: 'refund please' }],
      },
    });
    expect(custom.parse('菠萝菠萝退款').intent.name).toBe('refund');
    expect(nlu.parse('菠萝菠萝').intent.name).toBe('out_of_scope');
  });
});

describe('the decision rule', () => {
  const bars = { order: 0.2, smallTalk: 0.4, open: 0.5, bare: Infinity, sure: Infinity };
  const ranked = (name: string, confidence: number, posterior = confidence) =>
    [{ name, confidence, posterior }, { name: 'greet', confidence: 0.01, posterior: 0 }];

  it('takes an order-related intent only in a message about the domain', () => {
    expect(chooseIntent({ justData: false, inDomain: true, elsewhere: false }, ranked('logistics', 0.3), bars).name).toBe('logistics');
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('logistics', 0.9), bars).name).toBe('out_of_scope');
  });

  it('takes a complaint or a request for a person anywhere, outside the domain above its own bar', () => {
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('complaint', 0.55), bars).name).toBe('complaint');
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('complaint', 0.45), bars).name).toBe('out_of_scope');
    expect(chooseIntent({ justData: false, inDomain: true, elsewhere: false }, ranked('complaint', 0.25), bars).name).toBe('complaint');
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('human_agent', 0.6), bars).name).toBe('human_agent');
  });

  it('takes `inform` outside the domain, at the open bar, from a message that names a place or an age', () => {
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent({ ...plain, data: true }, ranked('inform', 0.55, 0.9), bars).name).toBe('inform');
    expect(chooseIntent({ ...plain, data: true }, ranked('inform', 0.45, 0.9), bars).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('inform', 0.55, 0.9), bars).name).toBe('out_of_scope');
    expect(nlu.parse('I live in Kunshan, Jiangsu').intent.name).toBe('inform');
    expect(nlu.parse('I\'m in Guangzhou btw, near Tianhe').intent.name).toBe('inform');
    expect(nlu.parse('weather in Shanghai tomorrow?').intent.name).toBe('out_of_scope');
  });

  it('holds a complaint or a request for a person outside the domain to the order bar once its posterior reaches the bare bar', () => {
    const withBare = { ...bars, order: 0.4, bare: 0.99 };
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent(plain, ranked('complaint', 0.45, 0.995), withBare).name).toBe('complaint');
    expect(chooseIntent(plain, ranked('human_agent', 0.45, 0.995), withBare).name).toBe('human_agent');
    expect(chooseIntent(plain, ranked('complaint', 0.45, 0.98), withBare).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('complaint', 0.35, 0.995), withBare).name).toBe('out_of_scope');
    // Only those two: another order-related intent still faces the open bar, and nothing of ours is taken from another company.
    expect(chooseIntent(plain, ranked('logistics', 0.45, 0.995), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('complaint', 0.45, 0.995), withBare).name).toBe('out_of_scope');
  });

  it('takes an order-related intent of a domain message at its word from the sure bar up, whatever its confidence', () => {
    const withSure = { ...bars, order: 0.45, sure: 0.99 };
    const domain = { justData: false, inDomain: true, elsewhere: false };
    expect(chooseIntent(domain, ranked('refund', 0.3, 0.995), withSure).name).toBe('refund');
    expect(chooseIntent(domain, ranked('refund', 0.3, 0.98), withSure).name).toBe('out_of_scope');
    // Not outside the domain (the bare and open bars rule there), and not for small talk.
    expect(chooseIntent({ ...domain, inDomain: false }, ranked('refund', 0.3, 0.995), withSure).name).toBe('out_of_scope');
    expect(chooseIntent(domain, ranked('thanks', 0.3, 0.995), withSure).name).toBe('out_of_scope');
  });

  it('takes another order-related intent without a domain word when its posterior reaches the bare bar, then holds it to the open bar', () => {
    const withBare = { ...bars, bare: 0.99 };
    const plain = { justData: false, inDomain: false, elsewhere: false };
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.995), withBare).name).toBe('alternatives');
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.98), withBare).name).toBe('out_of_scope');
    expect(chooseIntent(plain, ranked('alternatives', 0.45, 0.995), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('refund', 0.95, 1), withBare).name).toBe('out_of_scope');
    expect(chooseIntent({ ...plain, elsewhere: true }, ranked('complaint', 0.95, 1), withBare).name).toBe('out_of_scope');
    // Below the bare bar the intent is passed over, as without one: the next admissible intent is judged.
    const refundThenThanks = [{ name: 'refund', confidence: 0.6, posterior: 0.9 }, { name: 'thanks', confidence: 0.45, posterior: 0.1 }];
    expect(chooseIntent(plain, refundThenThanks, withBare).name).toBe('thanks');
    // A complaint needs no bare bar; inside the domain the order bar rules.
    expect(chooseIntent(plain, ranked('complaint', 0.55, 0.6), withBare).name).toBe('complaint');
    expect(chooseIntent({ ...plain, inDomain: true }, ranked('alternatives', 0.3, 0.5), withBare).name).toBe('alternatives');
    // The decision carries the API's fields only.
    expect(chooseIntent(plain, ranked('alternatives', 0.75, 0.995), withBare)).toEqual({ name: 'alternatives', confidence: 0.75 });
  });

  it('on topic, takes an order-related intent without a domain word above the open bar, never one naming another company', () => {
    const onTopic = { justData: false, inDomain: false, elsewhere: false, onTopic: true };
    expect(chooseIntent(onTopic, ranked('alternatives', 0.55), bars).name).toBe('alternatives');
    expect(chooseIntent(onTopic, ranked('alternatives', 0.45), bars).name).toBe('out_of_scope');
    expect(chooseIntent({ ...onTopic, elsewhere: true }, ranked('refund', 0.9), bars).name).toBe('out_of_scope');
    expect(chooseIntent(onTopic, ranked('thanks', 0.41), bars).name).toBe('thanks');
  });

  it('holds small talk to its own bar, and data alone is inform', () => {
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('thanks', 0.41), bars).name).toBe('thanks');
    expect(chooseIntent({ justData: false, inDomain: false, elsewhere: false }, ranked('thanks', 0.39), bars).name).toBe('out_of_scope');
    expect(chooseIntent({ justData: true, inDomain: true, elsewhere: false }, ranked('complaint', 0.9), bars)).toEqual({ name: 'inform', confidence: 1 });
  });

  it('understands anger and asking for a person that name nothing about orders', () => {
    for (const [text, intent] of [['你们这服务也太差劲了吧', 'complaint'], ['this is completely unacceptable', 'complaint'],
      // a complaint's own words are the domain's: a support chat is where they are said
      ['史上最烂服务了', 'complaint'], ['your chat is useless', 'complaint'],
      ['叫个真人来', 'human_agent'], ['let me talk to a real person', 'human_agent']] as const) {
      expect(nlu.parse(text).intent.name, text).toBe(intent);
    }
    // Asking for someone's boss is an escalation either way; both intents hand the chat to a person.
    expect(['human_agent', 'complaint']).toContain(nlu.parse('我要找你们领导').intent.name);
  });
});

describe('training files', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir('nlu-'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a bad file stops with the file, the place and what is wrong', () => {
    const file = path.join(dir, 'zh-CN.json');
    fs.writeFileSync(file, JSON.stringify({ intents: { greet: ['你好'], out_of_scope: ['天气'] } }));
    expect(() => loadTrainingFile(file)).toThrow(KnowledgeError);
    expect(() => loadTrainingFile(file)).toThrow(/zh-CN\.json[\s\S]*out_of_scope[\s\S]*confidence threshold/);
    fs.writeFileSync(file, JSON.stringify({ intents: { greeting: ['你好'] } }));
    expect(() => loadTrainingFile(file)).toThrow(/greeting[\s\S]*unknown intent/);
  });
});

describe('POST /api/nlu/parse', () => {
  it('answers the API.md shape with exact spans', async () => {
    const built = await testApp();
    try {
      const text = '订单172202611100014尾号6599';
      const res = await built.app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { text } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['entities', 'intent', 'ranking', 'text']);
      expect(body.text).toBe(text);
      expect(body.intent).toEqual({ name: 'inform', confidence: 1 });
      for (const e of body.entities) {
        expect(Object.keys(e).sort()).toEqual(['end', 'entity', 'start', 'value']);
        expect(text.slice(e.start, e.end)).toBe(e.value);
      }
      expect(body.entities.map((e: { entity: string }) => e.entity)).toEqual(['order_no', 'phone_tail']);
      const bad = await built.app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { text: '' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('EMPTY_MESSAGE');
    } finally {
      await built.app.close();
    }
  });
});
