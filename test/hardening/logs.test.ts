/**
 * Personal data never reaches the logs: a whole conversation with ID numbers and phones typed by
 * the customer, a failed turn and a handoff, at debug level, leave no full phone or ID in any line.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { containsPii } from '../../bot/pii.js';
import { RestCustomer, testApp } from '../helpers/app.js';

describe('logs', () => {
  it('carry no personal data at debug level', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const built = await testApp({ BUSINESS_HOURS: '00:00-24:00' }, { logger: createLogger('debug', sink) });
    try {
      const c = await new RestCustomer(built).open();
      await c.say('我的订单172202611100001，手机13812345678，身份证11010519491231002X，为什么失败了');
      await c.say('0251');
      await c.say('转人工');
      await built.app.inject({ method: 'POST', url: '/api/conversations/nope/messages', headers: { authorization: 'Bearer secret-token-value' }, payload: { text: '13912345678' } });
      // The logger's own free-text hook as the last line of defence.
      built.app.log.warn(`customer typed 13700001111 and 11010519491231002X`);
    } finally {
      await built.app.close();
    }
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('');
    for (const secret of ['13812345678', '11010519491231002X', '13912345678', '13700001111', 'secret-token-value']) expect(all).not.toContain(secret);
    for (const line of lines) expect(containsPii(line), line).toBe(false);
  });
});
