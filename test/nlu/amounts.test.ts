/** The fee and the data a customer asks of a plan (bot/nlu/amounts.ts), read through extractEntities. */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../bot/nlu/entities.js';

const amounts = (text: string) =>
  extractEntities(text)
    .filter((e) => e.entity === 'price' || e.entity === 'data_amount' || e.entity === 'budget')
    .map((e) => `${e.entity}=${e.value}`);

describe('amounts asked of a plan', () => {
  it.each([
    ['有没有比39更便宜的 流量要100G以上', ['price=than:39', 'data_amount=ge:100']],
    ['100个G不够用', ['data_amount=is:100']],
    ['有没有29的 流量差不多的', ['price=eq:29']],
    ['电信39左右的有吗', ['price=about:39']],
    ['差不多四十块的', ['price=about:40']],
    ['49元以上的也可以', ['price=ge:49']],
    ['月租29的那种', ['price=eq:29']],
    ['至少150G', ['data_amount=ge:150']],
    ['100个G左右就够', ['data_amount=about:100']],
    ['比80G多的', ['data_amount=than:80']],
    ['30以内的', ['budget=30']],
    ['便宜过39块的 流量也不能少于100个G', ['price=than:39', 'data_amount=ge:100']],
    ['不超过45', ['budget=45']],
    ['有没有三十块以下流量一百G以上的', ['price=le:30', 'data_amount=ge:100']],
    ['一百五十G左右', ['data_amount=about:150']],
    ['两百G的', ['data_amount=is:200']],
    ['30到50块之间的', ['price=between:30-50']],
    ['流量100到200G', ['data_amount=between:100-200']],
  ])('%s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });

  it.each([
    '首充50元的那个', // a one-off payment, not a monthly fee
    '我充了29块钱', // money paid
    '5G手机能用吗', // the network, not an amount of data
    '能不能便宜十块', // a saving, not a fee
    '我17岁', // an age
    '联通大王卡29元能办吗', // a plan's name
    '订单172202611100017',
  ])('reads no amount in %s', (text) => {
    expect(amounts(text)).toEqual([]);
  });
});
