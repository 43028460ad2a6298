/**
 * Does a message just give data? Its entities and the words that only frame them ("订单号是",
 * "尾号", "my order number is", "刚才说错了，我在江西") are taken out; nothing left means it is `inform`
 * with no bar (see decision.ts). The engine (natural.nlu.ts) asks this of every message.
 */
import type { Entity } from './entities.js';

// English framing words, longest first so "i'm" is not cut into "i" + "'m".
const EN_FRAMING = [
  'my',
  'the',
  'is',
  'it',
  'its',
  "it's",
  'order',
  'number',
  'no',
  'phone',
  'last',
  'four',
  '4',
  'digit',
  'digits',
  'ending',
  'ends',
  'in',
  'with',
  'id',
  'card',
  'i',
  'am',
  "i'm",
  'im',
  'are',
  'live',
  'from',
  'age',
  'year',
  'years',
  'old',
  'here',
  'this',
  'that',
  // pointing at the datum or at the question it answers: "the other one is …", "you asked for the last 4: …", "… that's the one"
  "that's",
  'other',
  'one',
  'and',
  'also',
  'was',
  'used',
  'on',
  'contact',
  'you',
  'asked',
  'for',
  // whose age it is: the card may be for someone else
  'she',
  "she's",
  'he',
  "he's",
  'son',
  'daughter',
  'kid',
  'child',
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'grandma',
  'grandmother',
  'grandpa',
  'grandfather',
  'wife',
  'husband',
  'brother',
  'sister',
].sort((a, b) => b.length - a.length);
const FRAMING = new RegExp(
  [
    `\\b(?:${EN_FRAMING.join('|')})\\b`,
    '[\\s\\p{P}\\p{S}]+',
    // a district or county after the city (杭州余杭区, "Guangzhou, Tianhe district"): too many to list
    '\\p{Script=Han}{1,4}?(?:区|县|旗|镇)',
    '\\b[a-z]+ (?:district|county)\\b',
    // "一共两个单 … 和 …", "刚才说错了，我在江西", "你问年龄的话 32", "6603吧 应该是"
    '一共|两个|两张|单|和|跟|还有|另一个|刚才|说错了|你问|的话|应该是|应该',
    '后四码|后4码|末四码|末4码|尾数|那边|这边|我的|我|的|是|为|他|她|妈妈|妈|爸爸|爸|儿子|女儿|孩子|奶奶|爷爷|老婆|老公|号码|手机号|手机|电话|联系|订单号|订单|单号|编号|尾号|后四位|后4位|末四位|身份证号?|身份证|年龄|今年|刚刚|啱啱|岁|周岁|在|住|地址|省|市|那个|这个|就是|哦|噢|嗯|呢|啊|吧|了',
  ].join('|'),
  'giu',
);

/** Nothing but entities and the words that frame them. */
export function justData(text: string, entities: readonly Entity[]): boolean {
  if (entities.length === 0) return false;
  let rest = '';
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start >= at) rest += ' ' + text.slice(at, e.start);
    at = Math.max(at, e.end);
  }
  rest += ' ' + text.slice(at);
  return rest.replace(FRAMING, '').trim().length === 0;
}
