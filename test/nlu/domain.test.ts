/**
 * The domain gate (bot/nlu/domain.ts and knowledge/nlu/domain.json) as the engine uses it: which
 * messages are about our orders, which about another service, and our card inside another's words.
 */
import { describe, expect, it } from 'vitest';
import { domainMatcher } from '../../bot/nlu/domain.js';
import { plainTestNlu } from '../helpers/nlu-models.js';

const nlu = plainTestNlu();

describe('the domain gate', () => {
  it("keeps another company's orders, tickets and cards out, though they use our words (订单, 退款, activate)", () => {
    for (const text of [
      '饿了么的订单一直没送到',
      '高铁票退款要多久',
      '社保卡怎么激活',
      '携程订的酒店怎么退款',
      'how do I activate my debit card',
      'my Uber Eats order never came, I want a refund',
    ]) {
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

  it('reads where a card was ordered (the official account, the mini program) as no account or way to pay', () => {
    const r = nlu.parse('I ordered through the WeChat official account, why did it fail');
    expect(r).toMatchObject({ elsewhere: false, intent: { name: 'order_failure_reason' } });
    expect(nlu.parse('Where can I see my order number in WeChat? I ordered via the official account.').elsewhere).toBe(
      false,
    );
    // An account of another kind is still one.
    expect(nlu.parse('how do I reset my bank account password').elsewhere).toBe(true);
    const gate = domainMatcher({
      zh: ['订单'],
      en: ['order'],
      payment: { zh: ['账号'], en: ['account'] },
      channels: { zh: ['公众号'], en: ['official account'] },
    });
    expect(gate('I ordered on the official account')).toBe('ours');
    expect(gate('I ordered with my account')).toBe('elsewhere');
  });

  it('takes out the longest of the terms that match, whatever their order in the file', () => {
    // 你是机器人 listed first must not leave 真人, a word of the domain, behind.
    const gate = domainMatcher({
      zh: ['真人'],
      en: ['human'],
      aboutUs: { zh: ['你是机器人', '你是机器人还是真人'], en: ['are you', 'are you a human'] },
    });
    expect(gate('你是机器人还是真人啊')).toBe('elsewhere');
    expect(gate('are you a human or a bot')).toBe('elsewhere');
    expect(gate('你是机器人吗 我要真人')).toBe('ours');
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

  it("hears a number the customer already has as the operator's business, unless the message speaks of an order", () => {
    for (const text of [
      '我现在用的号话费怎么这么贵',
      'how do I turn on roaming on my current number',
      // naming its operator, even inside the number's words (现在的联通号 is 现在的号), changes nothing
      '我爸现在用的联通号这个月话费多少',
      '我现在的联通号怎么开国际漫游',
      '我现在用的电信卡流量不够用了',
      '携号转网怎么弄',
      'can I cancel my current 10086 plan',
      '帮我查下我现在手机号还剩多少话费',
      'how much data is left on my phone',
    ]) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('我老号欠费了，是不是这个原因新卡审核没通过').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('我现在的电信号欠费了 是不是新卡审核失败的原因').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('收件人电话换成13800001111吧，原来那个号我不用了').intent.name).toBe('update_info');
    // 'now' or 'that number' alone does not make a card or a number one already in use
    expect(nlu.parse('我现在的卡是什么状态').intent.name).toBe('order_status');
    expect(nlu.parse('那个号码我不想要了 能换一个吗').elsewhere).toBe(false);
    expect(nlu.parse("I've had it for 2 weeks and still no signal").elsewhere).toBe(false);
  });

  it('keeps other services out though they use our words, and hears our card inside them', () => {
    for (const text of [
      // an operator's other business, and 卡 as "stuck"
      '移动宽带怎么退',
      '亚马逊的包裹卡在海关了',
      // a card named right after another service is that service's card
      '工商银行卡怎么激活',
      // WeChat's own identity check, a parcel the customer sends, other shops and services
      '微信实名认证老是通不过',
      '顺丰寄件多少钱',
      '顺丰寄个东西到广州多少钱',
      'my food delivery order never arrived',
      '亚马逊的快递到哪了',
      '学信网学历认证失败',
      '游戏充值怎么退款',
      '银行转账怎么还没到账',
      '房贷扣款失败怎么办',
      "the ISP router hasn't arrived",
      '港澳通行证签注怎么续',
    ]) {
      expect(nlu.parse(text), text).toMatchObject({ intent: { name: 'out_of_scope' }, elsewhere: true });
    }
    expect(nlu.parse('这张卡在淘宝买的 怎么激活').intent.name).toBe('activation');
    expect(nlu.parse('京东上买的联通号 审核没过').intent.name).toBe('order_failure_reason');
    expect(nlu.parse('新卡在微信小程序里实名认证失败').intent.name).toBe('activation');
    expect(nlu.parse('my iphone shows no service with the new card').intent.name).toBe('activation');
    // The liveness check (活体检测) is ours, not a health check (体检); a travel permit is an ID customers apply with.
    expect(nlu.parse('活体检测一直失败').intent.name).toBe('activation');
    expect(nlu.parse('用港澳通行证下的单 是不是因为这个才失败').intent.name).toBe('order_failure_reason');
    // A parcel locker is where our card can wait (and a code that never came is a parcel the customer does not have).
    expect(['logistics', 'parcel_missing']).toContain(nlu.parse('卡到了快递柜 取件码没收到').intent.name);
    expect(nlu.parse('能放快递柜吗').intent.name).toBe('logistics');
    // Nor is a complaint about another company's service ours; an ad seen on Douyin still led to our order.
    expect(nlu.parse('外卖小哥态度太差了 我要投诉他')).toMatchObject({
      intent: { name: 'out_of_scope' },
      elsewhere: true,
    });
    expect(nlu.parse('抖音上看到广告下的单，审核过了吗').intent.name).toBe('order_status');
  });
});
