/**
 * Nothing secret or personal reaches the logs: a whole conversation with ID numbers and phones typed
 * by the customer (in the formats masking must catch), a failed turn and a handoff, at debug level,
 * leave no full phone or ID in any line; and no line carries a credential: not a customer's bearer
 * token (in the WebSocket URL or a header), not an Entra code or state, not a password in a URL.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { containsPii } from '../../bot/pii.js';
import { RestCustomer, testApp } from '../helpers/app.js';

describe('logs', () => {
  it('carry no personal data and no credential, at debug level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const built = await testApp({ BUSINESS_HOURS: '00:00-24:00' }, { logger: createLogger('debug', sink) });
    let token: string;
    try {
      const c = await new RestCustomer(built).open();
      token = c.token;
      await c.say('我的订单172202611100001，手机13812345678，身份证11010519491231002X，为什么失败了');
      await c.say('0251');
      await c.say('转人工');
      await built.app.inject({
        method: 'POST',
        url: '/api/conversations/nope/messages',
        headers: { authorization: 'Bearer secret-token-value' },
        payload: { text: '13912345678' },
      });
      // The web chat's socket carries its token in the query.
      await built.app.inject({
        url: `/ws/chat?conversationId=${c.conversationId}&token=${encodeURIComponent(c.token)}&after=0`,
      });
      await built.app.inject({
        url: '/auth/entra/callback?code=0.AAAA-entra-code&state=entra-state-value&session_state=s-s-value',
      });
      // The logger's own pass over every line, as the last line of defence.
      built.app.log.warn(
        `customer typed 13700001111, １３６００００２２２２, 440305 19920418 5539 and 11010519491231002X`,
      );
      built.app.log.error(
        { redis: 'redis://:hunter2-password@cache.internal:6379' },
        'Redis is not reachable; sent Authorization: Bearer abc.def.ghi',
      );
    } finally {
      await built.app.close();
    }
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('');
    for (const secret of [
      '13812345678',
      '11010519491231002X',
      '13912345678',
      '13700001111',
      '１３６００００２２２２',
      '19920418',
      'secret-token-value',
      token,
      'entra-code',
      'entra-state-value',
      's-s-value',
      'hunter2-password',
      'abc.def.ghi',
    ])
      expect(all).not.toContain(secret);
    for (const line of lines) expect(containsPii(line), line).toBe(false);
    // What stays: the route, the harmless query, where the Redis was.
    expect(all).toContain('&after=0');
    expect(all).toContain('cache.internal:6379');
  });
});
