import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NaturalNlu } from '../../bot/nlu/natural.nlu.js';
import { loadTrainingFile } from '../../bot/nlu/training-data.js';
import { SMALL_TALK_INTENTS } from '../../bot/nlu/types.js';
import { KnowledgeError } from '../../bot/knowledge/loader.js';
import { tempDir, testApp } from '../helpers/app.js';
import { plainTestNlu, TEST_NLU_MODEL_DIR } from '../helpers/nlu-models.js';

// The models saved by the global setup: engines that differ only in their bars load them instead of training.
const nlu = plainTestNlu();
const modelDir = TEST_NLU_MODEL_DIR;

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
    ['where is my card, it has been two weeks', 'order_status'],
    ["my card still hasn't turned up", 'logistics'],
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
    ["the prepay hasn't come back", 'refund'],
    ["it's been pending for a week", 'order_status'],
    ['the remark says error, what now', 'order_failure_reason'],
    ['hows my oder going', 'order_status'],
    ['so my region is restricted? what does that even mean', 'order_failure_reason'],
    ["there's a typo, please update it", 'update_info'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(nlu.parse(text).intent.name).toBe(intent);
  });

  it('calls a message that only gives data `inform`, with its entities', () => {
    for (const text of [
      '172202611100014',
      '尾号是6599',
      'my order number is 172202611100014',
      '手机后4位 0251',
      // a district after the city is part of the place: too many to list
      '浙江杭州余杭区',
      '河南周口',
      'Guangzhou, Tianhe district',
      // words that point at the datum or at the question it answers
      'the other one is 172202611100014',
      'you asked for the last 4: 6599',
      '一共两个单 172202611100014 和 172202611100015',
      '刚才说错了，我在江西',
      '尾号0251吧 应该是',
      // the last four as 码 or 尾数, traditional characters too; a place as 那边
      '電話末四碼 3388',
      '手机尾数0251',
      '海南三亚那边',
    ]) {
      const r = nlu.parse(text);
      expect(r.intent, text).toEqual({ name: 'inform', confidence: 1 });
      expect(r.entities.length).toBeGreaterThan(0);
    }
  });

  it('says out_of_scope for messages outside SIM-card orders, in both languages', () => {
    for (const text of [
      '这家酒店的电话是多少',
      '故宫附近有什么好吃的',
      'what is the capital of France',
      'book me a table for two tonight',
    ]) {
      expect(nlu.parse(text).intent.name, text).toBe('out_of_scope');
    }
  });

  it('reads a message with no word about orders as about the order in hand, apart from `intent`', () => {
    const r = nlu.parse('anything else around');
    expect(r.intent.name).toBe('out_of_scope');
    expect(r.onTopic.name).toBe('alternatives');
    // Said so plainly that the classifiers are all but certain (the bare bar), it needs no order in hand.
    for (const text of ['any other options for me', '还有便宜一点的可以选吗'])
      expect(nlu.parse(text).intent.name, text).toBe('alternatives');
    // Another company's order stays out, even in a conversation about ours; and on-domain messages agree.
    expect(nlu.parse('饿了么的订单一直没送到').onTopic.name).toBe('out_of_scope');
    const inDomain = nlu.parse('卡寄出来了没有，快递到哪了');
    expect(inDomain.onTopic).toEqual(inDomain.intent);
  });

  it("reads a message in English around a Chinese error text with both languages' phrases", () => {
    // The Chinese model alone knows few English words; "why does it say … on my application" is English.
    expect(nlu.parse('why does it say 风控 on my application').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('my sim still not arrive, 快递 where').intent.name).toBe('logistics');
  });

  it("understands a pinyin keyboard's sound-alike typo or pinyin of a domain word", () => {
    expect(nlu.parse('快地到了没').intent.name).toBe('logistics');
    expect(nlu.parse('审和通过没').intent.name).toBe('order_status');
    expect(nlu.parse('zhuan rengong').intent.name).toBe('human_agent');
    // One two-syllable word is pinyin when it spells a domain word; "nihao" alone is left as written.
    expect(nlu.parse('dingdan 172202611100011').pinyin).toBe(true);
    expect(nlu.parse('nihao').pinyin).toBe(false);
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

  it("reads written Cantonese's function words as Mandarin", () => {
    // 寄咗 is 寄了, a domain word: the question is about our parcel.
    expect(nlu.parse('寄咗未呀').intent.name).toBe('logistics');
    expect(nlu.parse('幫我睇下張單搞成點').intent.name).toBe('order_status');
    // An age, 'just turned 18', is data alone.
    expect(nlu.parse('今年啱啱18').intent.name).toBe('inform');
  });

  it('ranks every trained intent with confidences in [0, 1], best first', () => {
    const r = nlu.parse('我的订单审核失败了是什么原因');
    expect(r.ranking.length).toBeGreaterThanOrEqual(16);
    for (let i = 1; i < r.ranking.length; i++)
      expect(r.ranking[i - 1]!.confidence).toBeGreaterThanOrEqual(r.ranking[i]!.confidence);
    expect(r.ranking.every((x) => x.confidence >= 0 && x.confidence <= 1)).toBe(true);
    expect(r.ranking.map((x) => x.name)).not.toContain('out_of_scope');
  });

  it('skips the similarity of intents that could not reach the bar of their kind, and decides as if it had computed them all', () => {
    const exact = new NaturalNlu({ lowestBar: 1e-9, modelDir });
    const kindBar = (name: string) =>
      SMALL_TALK_INTENTS.has(name) ? nlu.bars.smallTalk : Math.min(nlu.bars.order, nlu.bars.open);
    for (const text of [
      '我的卡寄到哪了',
      'why was my order rejected',
      '这家酒店的电话是多少',
      'thanks, bye',
      'the card 几时 arrive',
      '谢谢 那我的订单呢',
    ]) {
      const [fast, slow] = [nlu.parse(text), exact.parse(text)];
      expect([fast.intent, fast.onTopic], text).toEqual([slow.intent, slow.onTopic]);
      // Every intent that could clear the bar of its kind has its true confidence; the others are 0 or under it.
      for (const r of slow.ranking) {
        const f = fast.ranking.find((x) => x.name === r.name)!;
        if (r.confidence >= kindBar(r.name)) expect(f, text).toEqual(r);
        else expect(f.confidence, text).toBeLessThan(kindBar(r.name));
      }
    }
  });

  it('ranks again with every similarity when an intent it skipped could have stood above the one taken', () => {
    // With order bars this high almost every order-related intent is skipped at first, and the small
    // talk under it would be taken: a goodbye for 宽带报修找谁, whose best reading is an order-related
    // intent too weak to take (so out of scope), a greeting for a coding question.
    const bars = { threshold: 0.9, openThreshold: 0.9, smallTalkThreshold: 0.01 };
    const [strict, exact] = [
      new NaturalNlu({ ...bars, modelDir }),
      new NaturalNlu({ ...bars, lowestBar: 1e-9, modelDir }),
    ];
    for (const text of [
      '宽带报修找谁',
      'how to learn chinese fast',
      'I wrote twice already and got NOTHING',
      'alt plan?',
      '我家猫不吃饭咋办',
      // read by both models, so ranked in full at once
      'ok 那就reorder吧',
      '谢谢 where is my 快递',
    ]) {
      const [fast, slow] = [strict.parse(text), exact.parse(text)];
      expect([fast.intent, fast.onTopic], text).toEqual([slow.intent, slow.onTopic]);
    }
  });

  it('learns from the training data it is given, not from code', () => {
    const custom = new NaturalNlu({
      training: {
        zh: [
          { intent: 'refund', text: '菠萝菠萝' },
          { intent: 'refund', text: '菠萝退款' },
          { intent: 'greet', text: '你好' },
          { intent: 'greet', text: '您好呀' },
        ],
        en: [
          { intent: 'greet', text: 'hello' },
          { intent: 'refund', text: 'refund please' },
        ],
      },
    });
    expect(custom.parse('菠萝菠萝退款').intent.name).toBe('refund');
    expect(nlu.parse('菠萝菠萝').intent.name).toBe('out_of_scope');
  });
});

describe('training files', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('nlu-');
  });
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
