/**
 * A working day's inbox, made through the real app as customers and agents would: a resolved and
 * rated chat, two chats 小王 holds (one in English), and two customers waiting (a complaint first).
 * Unread messages are counted by an open console, so a test has the customer write once it is open.
 */
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer } from './app.js';
import { signInAgent, type AgentApi } from './agent-api.js';

export interface InboxScene {
  wang: AgentApi;
  /** Resolved by 小王 and rated 5 (ID_INFO_INVALID). */
  rated: RestCustomer;
  /** Held by 小王 (AREA_FORBIDDEN, Tibet). */
  unread: RestCustomer;
  /** Held by 小王, in English (AREA_FORBIDDEN, Xinjiang). */
  english: { conversationId: string };
  complaint: RestCustomer;
  waiting: RestCustomer;
}

async function verified(built: BuiltApp, orderNo: string, tail: string, locale?: 'en'): Promise<RestCustomer> {
  const c = await new RestCustomer(built).open(locale);
  await c.say(locale === 'en' ? `Why did my order ${orderNo} fail?` : `我的订单${orderNo}为什么失败了`);
  await c.say(tail);
  return c;
}

/**
 * Two weeks of handled chats for the supervisor's charts: on some earlier days a customer asks for a
 * person, waits some minutes, is helped by 小王 and rates the chat. `clock.offset` (ms added to the
 * app's clock, see `served(…, { now })`) is moved back to each day and returned to 0.
 */
export async function pastDays(built: BuiltApp, clock: { offset: number }): Promise<void> {
  const days: Array<[daysAgo: number, waitMinutes: number, rating: string]> = [
    [12, 6, '4'],
    [9, 3, '5'],
    [7, 9, '3'],
    [5, 2, '5'],
    [3, 4, '4'],
    [2, 7, '4'],
    [1, 1, '5'],
  ];
  for (const [daysAgo, wait, rating] of days) {
    clock.offset = -daysAgo * 86_400_000;
    const c = await verified(built, '172202611100015', '8788');
    await c.say('转人工');
    clock.offset += wait * 60_000;
    const wang = await signInAgent(built.app, '小王');
    await wang.call('POST', `/api/agent/conversations/${c.conversationId}/claim`);
    await wang.call('POST', `/api/agent/conversations/${c.conversationId}/resolve`);
    await c.say(rating);
  }
  clock.offset = 0;
}

/** Builds the scene; `english` may be a conversation the caller already started (the web chat page). */
export async function inboxScene(built: BuiltApp, english?: { conversationId: string }): Promise<InboxScene> {
  const wang = await signInAgent(built.app, '小王');
  const claim = (c: { conversationId: string }) =>
    wang.call('POST', `/api/agent/conversations/${c.conversationId}/claim`);
  const say = (c: { conversationId: string }, text: string) =>
    wang.call('POST', `/api/agent/conversations/${c.conversationId}/messages`, { text });

  const rated = await verified(built, '172202611100001', '0251');
  await rated.say('转人工');
  await claim(rated);
  await say(rated, '您好，我是小王。身份证信息核对不上，请对照原件重新下单。');
  await wang.call('POST', `/api/agent/conversations/${rated.conversationId}/resolve`);
  await rated.say('5');

  const unread = await verified(built, '172202611100015', '8788');
  await unread.say('转人工');
  await claim(unread);
  await say(unread, '您好，西藏地区这款套餐不发货，我帮您看看能发货的套餐。');

  let en = english;
  if (!en) {
    const c = await verified(built, '172202611100014', '6599', 'en');
    await c.say('I want to talk to a person');
    en = c;
  }
  await claim(en);
  await say(en, 'Hello, this is Wang. The plan does not ship to Xinjiang; the plans listed above do.');

  const complaint = await new RestCustomer(built).open();
  await complaint.say('我要投诉，你们的卡一直不发货');
  const waiting = await new RestCustomer(built).open();
  await waiting.say('172202611100003');
  await waiting.say('转人工');
  return { wang, rated, unread, english: en, complaint, waiting };
}
