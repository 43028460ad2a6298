/** Builds the real app on a throwaway SQLite file, as `npm start` would, for app.inject() tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type AppDeps, type BuiltApp } from '../../bot/app/app.js';
import { loadConfig } from '../../bot/config.js';
import { loadFaq, type Faq } from '../../bot/faq.js';
import { TEST_NLU_MODEL_DIR } from './nlu-models.js';

export function tempDir(prefix = 'simbot-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let faq: Faq | undefined;
/**
 * The FAQ index of knowledge/faq.json, read and indexed once for the worker rather than once an app
 * (40-90 ms each, a few hundred apps a run); it is read-only once built. A test that needs another passes its own.
 */
function sharedFaq(): Faq {
  return (faq ??= loadFaq());
}

export async function testApp(
  env: Record<string, string> = {},
  deps: AppDeps = {},
): Promise<BuiltApp & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? tempDir();
  // Tests drive many turns through one app; the rate-limit test sets its own low limit.
  // The NLU trained once for the run (global setup), unless the test brings its own model folder.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    DATA_DIR: dataDir,
    NLU_MODEL_DIR: TEST_NLU_MODEL_DIR,
    ...env,
  });
  const built = await build(config, { faq: sharedFaq(), ...deps });
  await built.app.ready();
  return { ...built, dataDir };
}

/** A customer talking over the REST channel. */
export class RestCustomer {
  conversationId = '';
  token = '';
  constructor(private readonly built: BuiltApp) {}

  async open(locale?: 'zh-CN' | 'en'): Promise<this> {
    const res = await this.built.app.inject({
      method: 'POST',
      url: '/api/conversations',
      payload: locale ? { locale } : {},
    });
    if (res.statusCode !== 201) throw new Error(`open failed: ${res.statusCode} ${res.body}`);
    const body = res.json() as { conversationId: string; token: string };
    this.conversationId = body.conversationId;
    this.token = body.token;
    return this;
  }

  async say(text: string): Promise<Array<{ text: string; suggestions?: string[] }>> {
    const res = await this.built.app.inject({
      method: 'POST',
      url: `/api/conversations/${this.conversationId}/messages`,
      headers: { authorization: `Bearer ${this.token}` },
      payload: { text },
    });
    if (res.statusCode !== 200) throw new Error(`say failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { replies: Array<{ text: string; suggestions?: string[] }> }).replies;
  }

  async history(after = 0) {
    const res = await this.built.app.inject({
      method: 'GET',
      url: `/api/conversations/${this.conversationId}/messages?after=${after}`,
      headers: { authorization: `Bearer ${this.token}` },
    });
    return (res.json() as { messages: Array<{ seq: number; from: string; text: string; at: string }> }).messages;
  }
}
