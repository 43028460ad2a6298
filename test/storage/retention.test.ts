/** Retention: messages and idle dialog state older than the cut-off are deleted; newer ones stay. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../adapters/storage/sqlite.store.js';
import { tempDir } from '../helpers/app.js';

describe('transcript retention (SQLite)', () => {
  it('purges what is older than the cut-off and nothing else', async () => {
    const store = new SqliteStore(path.join(tempDir('ret-'), 'bot.sqlite'));
    await store.createConversation({ id: 'c1', tokenHash: 'h', channel: 'rest', locale: 'zh-CN' });
    await store.appendMessage('c1', { from: 'customer', text: 'old' });
    await store.writeState({ k1: { a: 1 } });
    const cut = new Date(Date.now() + 1000).toISOString(); // everything so far is "old"
    await new Promise((r) => setTimeout(r, 1100));
    await store.appendMessage('c1', { from: 'customer', text: 'new' });
    await store.writeState({ k2: { b: 2 } });
    expect(await store.purgeBefore(cut)).toBe(1);
    expect((await store.listMessages('c1', 0)).map((m) => m.text)).toEqual(['new']);
    expect(Object.keys(await store.readState(['k1', 'k2']))).toEqual(['k2']);
    // Sequence numbers keep counting after a purge: a reconnecting client never sees a seq reused.
    expect((await store.appendMessage('c1', { from: 'bot', text: 'next' })).seq).toBe(3);
    await store.close();
  });
});
