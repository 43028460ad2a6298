/**
 * A terminal chat (`npm run chat`): the same pipeline and dialogs as the web, without a browser.
 * Useful for trying the bot and for scripted demos: `printf '172202611100001\n0251\n' | npm run -s chat`.
 */
import readline from 'node:readline';
import { build } from './app.js';
import { loadConfig } from '../config.js';
import { isAppError } from '../errors.js';

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const { app, pipeline, conversations } = await build(config);
  const { conversation } = await conversations.open({
    channel: 'terminal',
    locale: process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN',
  });
  const tty = process.stdin.isTTY;
  process.stdout.write(tty ? '号卡订单助手 · 输入订单号或问题，Ctrl+D 退出 (type "exit" to quit)\n' : '');

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '你> ', terminal: tty });
  if (tty) rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text) {
      if (!tty) process.stdout.write(`你> ${text}\n`);
      try {
        const out = await pipeline.handle({ channel: 'terminal', conversationId: conversation.id, text });
        for (const r of out.replies) {
          process.stdout.write(`bot> ${r.text.replace(/\n/g, '\n     ')}\n`);
          if (r.suggestions?.length) process.stdout.write(`     ${r.suggestions.map((s) => `[${s}]`).join(' ')}\n`);
        }
      } catch (e) {
        process.stdout.write(`!! ${isAppError(e) ? e.message : String(e)}\n`);
      }
    }
    if (tty) rl.prompt();
  }
  rl.close();
  await app.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
