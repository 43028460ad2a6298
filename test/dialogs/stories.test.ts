/**
 * Runs every conversation story in test/stories/ through the real app (REST channel, Botkit
 * engine, SQLite) and checks each turn's replies, and that no personal datum of any demo order
 * ever appears in a reply.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import type { FailureCode, OrderStatus } from '../../bot/knowledge/schemas.js';
import { containsPii } from '../../bot/pii.js';
import { loadOrders } from '../../adapters/orders/platform.record.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { loadStories } from '../helpers/stories.js';

const knowledge = loadKnowledge();
const stories = loadStories(path.join(import.meta.dirname, '../stories'));
const demo = loadOrders();
const personal = demo
  .flatMap((o) => [o.contactPhone, o.idNumber, o.name, o.address])
  .filter((v): v is string => Boolean(v));

function resolve(expectation: string, locale: 'zh-CN' | 'en'): string {
  const [directive, arg] = expectation.split(/\s+/, 2) as [string, string | undefined];
  if (directive === '@failure') {
    const reason = knowledge.reasons.get(arg as FailureCode);
    if (!reason) throw new Error(`unknown failure code ${arg}`);
    return reason.text[locale].title;
  }
  if (directive === '@status') return knowledge.statuses.text[locale][arg as OrderStatus];
  return expectation;
}

describe('conversation stories', () => {
  let built: BuiltApp;
  // Agents are in round the clock: a story's "transferring you" must not depend on when it runs
  // (out of hours the handoff alone answers, saying agents are offline).
  beforeAll(async () => {
    built = await testApp({ BUSINESS_HOURS: '00:00-24:00' });
  });
  afterAll(() => built.app.close());

  it('has a story for every failure code', () => {
    const covered = new Set(
      stories
        .flatMap((s) => s.turns.flatMap((t) => t.expect))
        .filter((e) => e.startsWith('@failure'))
        .map((e) => e.split(/\s+/)[1]),
    );
    expect([...knowledge.reasons.keys()].filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(stories.map((s) => [`${s.file} › ${s.title}`, s] as const))('%s', async (_name, story) => {
    const customer = await new RestCustomer(built).open(story.locale);
    let locale: 'zh-CN' | 'en';
    for (const turn of story.turns) {
      const replies = await customer.say(turn.user);
      // The conversation's language follows the customer (and is what the bot answered in).
      locale = (await built.store.getConversation(customer.conversationId))!.locale;
      const said = replies.map((r) => r.text).join('\n');
      const where = `line ${turn.line}: "${turn.user}" → ${JSON.stringify(said)}`;
      for (const e of turn.expect) expect(said, where).toContain(resolve(e, locale));
      for (const f of turn.forbid) expect(said, where).not.toContain(resolve(f, locale));
      expect(containsPii(said), where).toBe(false);
      for (const p of personal) expect(said, where).not.toContain(p);
    }
  });
});
