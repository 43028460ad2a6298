/**
 * Where a turn's CPU goes, in one process without sockets; prints one JSON line.
 *  - botkit: our Botkit engine (bot/botkit.engine.ts) running a trivial two-step dialog with its state
 *    in memory: the floor any dialog on Botkit pays per turn, whatever the rest of the bot does.
 *  - pipeline: the real bot (build() as `npm start` does, SQLite in a fresh DATA_DIR) handling the
 *    bench's script (order number → tail → thanks) through Pipeline.handle, one turn at a time.
 */
import { build } from '../bot/app/app.js';
import { BotkitDialogEngine } from '../bot/botkit.engine.js';
import { loadConfig } from '../bot/config.js';
import type { DialogSpec } from '../bot/core/dialog.js';
import type { Store } from '../bot/core/ports/store.js';
import { ORDERS } from './load.js';

const N = Number(process.env.FLOOR_TURNS ?? 20000);

async function timed(n: number, turn: (i: number) => Promise<unknown>): Promise<{ wallUs: number; cpuUs: number }> {
  for (let i = 0; i < Math.min(2000, n); i++) await turn(i); // warm-up: JIT, caches
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await turn(i);
  const cpu = process.cpuUsage(c0);
  return { wallUs: ((performance.now() - t0) * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
}

// 1. Botkit alone.
const trivial: DialogSpec = {
  stepNames: ['a', 'b'],
  run: async (step, input, vars) => ({ replies: [{ text: `ok ${input.text}` }], vars, next: step === 'a' ? 'b' : 'a' }),
};
const states = new Map<string, unknown>();
const memoryState: Pick<Store, 'readState' | 'writeState' | 'deleteState'> = {
  readState: async (keys) => Object.fromEntries(keys.filter((k) => states.has(k)).map((k) => [k, states.get(k)])),
  writeState: async (entries) => {
    for (const [k, v] of Object.entries(entries)) states.set(k, v);
  },
  deleteState: async (keys) => {
    for (const k of keys) states.delete(k);
  },
};
const engine = new BotkitDialogEngine(trivial, {} as never, memoryState as Store, { cacheState: true });
const botkit = await timed(N, (i) =>
  engine.turn(`c${i % 200}`, { text: 'hello', locale: 'zh-CN', intent: null, entities: [], now: new Date() }),
);

// 2. The whole bot, without sockets.
const { pipeline, conversations, app } = await build(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }));
const convs = await Promise.all(
  Array.from({ length: 200 }, () => conversations.open({ channel: 'web', locale: 'zh-CN' })),
);
const pipe = await timed(Math.floor(N / 2), (i) => {
  const c = i % 200;
  const step = Math.floor(i / 200);
  const [orderNo, tail] = ORDERS[(Math.floor(step / 3) + c) % ORDERS.length]!;
  return pipeline.handle({
    channel: 'web',
    conversationId: convs[c]!.conversation.id,
    text: [orderNo, tail, '谢谢'][step % 3]!,
  });
});
await app.close();
process.stdout.write(`${JSON.stringify({ turns: N, botkit, pipeline: pipe })}\n`);
process.exit(0);
