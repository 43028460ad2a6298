/**
 * The verification lock-out across conversations and instances in every storage mode a deployment
 * can choose: SQLite alone, PostgreSQL without Redis (where there was none, issue 22) and PostgreSQL
 * with Redis. Four wrong tails in one conversation and one in another lock the order, and a third
 * conversation with the right tail, on the other instance, does not get it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../bot/app/app.js';
import { RestCustomer, testApp } from '../helpers/app.js';
import { createPgSchema, pgAvailable, redisAvailable, redisUrl, skipUnlessService } from '../helpers/services.js';

const ORDER = '172202611100010';
const RIGHT_TAIL = '3883';
const texts = (r: Array<{ text: string }>) => r.map((x) => x.text).join('\n');

async function guessAcross(first: BuiltApp, second: BuiltApp): Promise<void> {
  const a = await new RestCustomer(first).open();
  expect(texts(await a.say(ORDER))).toContain('后4位');
  for (const tail of ['1111', '2222', '3333', '4444']) expect(texts(await a.say(tail))).toContain('不一致');
  const b = await new RestCustomer(second).open();
  await b.say(ORDER);
  expect(texts(await b.say('5555'))).toContain('锁定');
  const c = await new RestCustomer(first).open();
  const reply = texts(await c.say(`${ORDER} 电话后四位${RIGHT_TAIL}`));
  expect(reply).toContain('锁定');
  expect(reply).not.toContain('原因');
}

describe('verification lock-out in every storage mode', () => {
  const apps: BuiltApp[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const a of apps) await a.app.close();
    for (const d of drops) await d();
  });
  const start = async (env: Record<string, string>) => {
    const a = await testApp(env);
    apps.push(a);
    return a;
  };

  it('SQLite: across conversations', async () => {
    const one = await start({});
    await guessAcross(one, one);
  });

  it.skipIf(skipUnlessService('PostgreSQL', pgAvailable))(
    'PostgreSQL without Redis: across conversations and instances',
    async () => {
      const db = await createPgSchema('lockpg');
      drops.push(db.drop);
      const env = { DATABASE_URL: db.databaseUrl, REDIS_URL: '' };
      await guessAcross(await start(env), await start(env));
    },
  );

  it.skipIf(skipUnlessService('PostgreSQL', pgAvailable) || skipUnlessService('Redis', redisAvailable))(
    'PostgreSQL with Redis: across conversations and instances',
    async () => {
      const db = await createPgSchema('lockpr');
      drops.push(db.drop);
      const env = { DATABASE_URL: db.databaseUrl, REDIS_URL: redisUrl };
      await guessAcross(await start(env), await start(env));
    },
  );
});
