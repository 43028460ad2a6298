import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../bot/knowledge/loader.js';
import { RestCustomer, tempDir, testApp } from '../helpers/app.js';

describe('restart on the same DATA_DIR', () => {
  it('keeps every message and where the dialog stood', async () => {
    const dataDir = tempDir();
    const first = await testApp({ DATA_DIR: dataDir });
    const customer = await new RestCustomer(first).open();
    const asked = await customer.say('我的订单172202611100014为什么失败了');
    expect(asked.map((r) => r.text).join()).toContain('后4位');
    await first.app.close();
    expect(fs.existsSync(path.join(dataDir, 'bot.sqlite'))).toBe(true);

    // A new process: nothing in memory survives, only the SQLite file.
    const second = await testApp({ DATA_DIR: dataDir });
    const same = Object.assign(new RestCustomer(second), {
      conversationId: customer.conversationId,
      token: customer.token,
    });
    const replies = await same.say('6599');
    const title = loadKnowledge().reasons.get('AREA_FORBIDDEN')!.text['zh-CN'].title;
    expect(replies.map((r) => r.text).join('\n')).toContain(title);
    const history = await same.history(0);
    expect(history[0]).toMatchObject({ seq: 1, from: 'customer', text: '我的订单172202611100014为什么失败了' });
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
    await second.app.close();
  });
});
