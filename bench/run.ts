/**
 * The benchmark (issue 9): three servers each in its own child process — the limit (bare fastify
 * echo), the peer (Botkit + botbuilder-adapter-web) and ours (bot/app/main.ts) — under one closed-loop
 * load, then ours alone for idle-conversation memory, start-up time, NLU parse time and a CPU profile.
 * Prints one table and writes bench/results.json. Run: `npx tsx bench/run.ts` (see bench/README.md).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openIdle, runLoad, sleep, type LoadOptions, type LoadResult } from './load.js';
import { cpuMs, freePort, gcAndMeasure, rssKb, spawnNode, stop, waitReady, type Server } from './proc.js';
import { formatSummary, summarise, type ProfileSummary } from './profile-summary.js';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const CUSTOMERS = env('BENCH_CUSTOMERS', 200);
const WARMUP_MS = env('BENCH_WARMUP_S', 3) * 1000;
const MEASURE_MS = env('BENCH_MEASURE_S', 15) * 1000;
const IDLE = env('BENCH_IDLE', 5000);
const STARTS = env('BENCH_STARTS', 5);
/** Messages per conversation: 3 orders × (order number, tail, thanks) stays under the 10 msgs / 10 s limiter. */
const ROTATE = 9;

const TMP = path.resolve('bench/tmp', `run-${Date.now()}`);
mkdirSync(TMP, { recursive: true });
const children = new Set<Server>();
process.on('exit', () => { for (const s of children) s.child.kill('SIGKILL'); });
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

let dirs = 0;
interface StartOptions { nodeArgs?: string[]; preload?: string[]; env?: Record<string, string> }
async function start(name: string, script: string, { nodeArgs = [], preload = [], env: extraEnv = {} }: StartOptions = {}) {
  const port = await freePort();
  const dataDir = path.join(TMP, `data-${++dirs}`);
  const t0 = performance.now();
  const s = spawnNode(name, [...nodeArgs, '--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), script], {
    DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', ...extraEnv,
  }, port);
  children.add(s);
  const readyMs = await waitReady(s, t0, 60_000);
  return { s, readyMs, spawnedAt: t0 };
}
async function end(s: Server) { await stop(s); children.delete(s); }

interface LoadRow extends LoadResult {
  server: string; serverCpuPct: number; serverCpuMsPerTurn: number; serverRssMb: number; loadgenCpuPct: number; loadAvg1m: number;
}

interface Hooks { onEdge?: (edge: 'start' | 'end') => void }
async function load(label: string, s: Server, ...args: [Omit<LoadOptions, 'port' | 'onWindow'>] | [Hooks, Omit<LoadOptions, 'port' | 'onWindow'>]): Promise<LoadRow> {
  const [hooks, o] = args.length === 1 ? [{} as Hooks, args[0]] : args;
  log(`${label}: ${o.customers} customers, ${o.warmupMs / 1000}+${o.measureMs / 1000} s`);
  let c0 = 0, c1 = 0, g0 = process.cpuUsage(), g1 = g0, t0 = 0, t1 = 0;
  const r = await runLoad({ ...o, port: s.port, onWindow: (edge) => {
    hooks.onEdge?.(edge);
    if (edge === 'start') { c0 = cpuMs(s.pid); g0 = process.cpuUsage(); t0 = performance.now(); }
    else { c1 = cpuMs(s.pid); g1 = process.cpuUsage(g0); t1 = performance.now(); }
  } });
  const wall = t1 - t0;
  const row = {
    server: label, ...r, serverCpuPct: (100 * (c1 - c0)) / wall, serverCpuMsPerTurn: (c1 - c0) / r.turns, loadAvg1m: os.loadavg()[0]!,
    serverRssMb: rssKb(s.pid) / 1024, loadgenCpuPct: (100 * (g1.user + g1.system)) / 1000 / wall,
  };
  log(`  ${row.turnsPerSec.toFixed(0)} turns/s, p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms, refused ${row.refused}`);
  return row;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
const childJson = <T>(script: string, extraEnv: Record<string, string> = {}): T => JSON.parse(execFileSync(process.execPath,
  ['--import', 'tsx', script], { env: { ...process.env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 }).trim().split('\n').at(-1)!) as T;

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version,
  date: new Date().toISOString(), loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
};
const base = { customers: CUSTOMERS, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };

// 1–2. Throughput and latency, one server at a time.
const rows: LoadRow[] = [];
{
  const { s } = await start('echo', 'bench/servers/echo.server.ts');
  rows.push(await load('limit: fastify + ws echo', s, { ...base, kind: 'echo' }));
  await end(s);
}
{
  const { s } = await start('peer', 'bench/servers/botkit-peer.server.ts');
  rows.push(await load('peer: Botkit + web adapter', s, { ...base, kind: 'peer' }));
  await end(s);
}
{
  const { s } = await start('ours', 'bot/app/main.ts');
  rows.push(await load(`ours: new conversation every ${ROTATE} msgs`, s, { ...base, kind: 'ours', rotateEvery: ROTATE }));
  rows.push(await load('ours: 1 conversation/customer (limiter)', s,
    { ...base, measureMs: Math.min(MEASURE_MS, 10_000), kind: 'ours', rotateEvery: 0, refusedBackoffMs: 100 }));
  await end(s);
}
// Every customer in a turn all the time: one conversation each, the per-socket message limit lifted.
let allInTurns: LoadRow | undefined;
{
  const { s } = await start('ours-unlimited', 'bot/app/main.ts', { env: { WS_MESSAGES_PER_10S: '100000000' } });
  allInTurns = await load('ours: 1 conversation/customer, no msg limit', s, { ...base, measureMs: Math.min(MEASURE_MS, 10_000), kind: 'ours', rotateEvery: 0 });
  rows.push(allInTurns);
  await end(s);
}

// 7. A CPU profile of ours under the same load (a separate run: the profiler slows it down).
let profile: ProfileSummary | null = null;
let profileFile = '';
let profileWindow: { fromMs: number; toMs: number };
{
  const profDir = path.join(TMP, 'prof');
  const { s, spawnedAt } = await start('ours-prof', 'bot/app/main.ts', { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
  // Only the measured window is summarised: start-up (imports, NLU training) is a separate figure.
  const win = { fromMs: 0, toMs: 0 };
  await load('ours under --cpu-prof', s, { onEdge: (edge) => { win[edge === 'start' ? 'fromMs' : 'toMs'] = performance.now() - spawnedAt; } }, { ...base, measureMs: Math.min(MEASURE_MS, 10_000), kind: 'ours', rotateEvery: ROTATE });
  await end(s);
  profileWindow = win;
  const f = readdirSync(profDir).find((n) => n.endsWith('.cpuprofile'));
  if (f) {
    profileFile = path.resolve('bench/tmp/ours-under-load.cpuprofile');
    copyFileSync(path.join(profDir, f), profileFile);
    profile = summarise(JSON.parse(readFileSync(profileFile, 'utf8')) as Parameters<typeof summarise>[0], 25, win);
    writeFileSync('bench/tmp/profile-summary.txt', `${formatSummary(profile)}\n`);
  } else log('no .cpuprofile written');
}

// 3. Resident memory per idle conversation, on a fresh server; a full GC before each reading.
let memory: Record<string, number>;
{
  const { s } = await start('ours-idle', 'bot/app/main.ts', { nodeArgs: ['--expose-gc'], preload: ['./bench/servers/gc.preload.ts'] });
  log(`idle: opening ${IDLE} conversations`);
  const warm = await openIdle(s.port, 200, 200); // first connections pay for JIT and lazy init
  warm.close();
  await sleep(1000);
  const before = await gcAndMeasure(s);
  const t0 = performance.now();
  const idle = await openIdle(s.port, IDLE, 200);
  const openMs = performance.now() - t0;
  await sleep(1000);
  const after = await gcAndMeasure(s);
  const n = idle.opened;
  memory = {
    conversations: n, openPerSec: n / (openMs / 1000),
    rssBeforeMb: before.rssKb / 1024, rssAfterMb: after.rssKb / 1024, kbPerConversation: (after.rssKb - before.rssKb) / n,
    heapKbPerConversation: (after.heapUsedKb - before.heapUsedKb) / n, externalKbPerConversation: (after.externalKb - before.externalKb) / n,
  };
  idle.close();
  await end(s);
  log(`  ${memory.kbPerConversation!.toFixed(1)} KB RSS per conversation (JS heap ${memory.heapKbPerConversation!.toFixed(1)} KB)`);
}

// 5. Time from spawn to GET /healthz 200, and the in-process import + build.
// One DATA_DIR for all starts, as a server restarts on its own data: the first start trains the NLU
// and saves it there, the others load it (bot/nlu/model-cache.ts).
const readyDir = path.join(TMP, 'data-ready');
rmSync(readyDir, { recursive: true, force: true });
const startMs: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const { s, readyMs: ms } = await start('ours-start', 'bot/app/main.ts', { env: { DATA_DIR: readyDir } });
  startMs.push(ms);
  await end(s);
}
const [firstStartMs, ...readyMs] = startMs as [number, ...number[]];
log(`ready: ${startMs.map((x) => x.toFixed(0)).join(', ')} ms (the first trains the NLU)`);
rmSync(path.join(TMP, 'data-build'), { recursive: true, force: true }); // a first start: it trains
const inProcess = childJson<{ processToScriptMs: number; importMs: number; buildMs: number }>('bench/build.child.ts', { DATA_DIR: path.join(TMP, 'data-build') });

// 4. NLU parse time, in its own process.
log('nlu: parsing heldout.tsv');
const nlu = childJson<{ lines: number; parses: number; trainMs: number; meanUs: number; p50Us: number; p99Us: number }>('bench/nlu.child.ts');

// 4b. Where a turn's CPU goes: Botkit alone with a trivial dialog, and the whole bot without sockets.
log('floor: Botkit alone, then the pipeline in-process');
type PerTurn = { wallUs: number; cpuUs: number };
const floor = childJson<{ turns: number; botkit: PerTurn; pipeline: PerTurn }>('bench/botkit-floor.child.ts', { DATA_DIR: path.join(TMP, 'data-floor') });

// 6. The table and results.json.
const [limit, peer, ours] = rows as [LoadRow, LoadRow, LoadRow];
const ratios = { oursOverPeer: ours.turnsPerSec / peer.turnsPerSec, oursOverLimit: ours.turnsPerSec / limit.turnsPerSec };
const results = {
  machine, settings: { customers: CUSTOMERS, warmupS: WARMUP_MS / 1000, measureS: MEASURE_MS / 1000, rotateEvery: ROTATE, idleConversations: IDLE, starts: STARTS },
  load: rows, ratios, memory,
  ready: { firstStartMs, runsMs: readyMs, medianMs: median(readyMs), minMs: Math.min(...readyMs), inProcess },
  nlu, floor, profile: profile && { file: path.relative(process.cwd(), profileFile), windowMs: profileWindow, ...profile },
  targets: { oursOverPeer: 2, oursOverLimit: 0.15, p99Ms: 50, kbPerConversation: 20, readyMs: 1500 },
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
// Little's law: how many customers were in a turn at a time. With a new conversation every few
// messages, most customers may be waiting to open one instead, and a low p99 then says little.
const inTurn = (ours.turnsPerSec * ours.meanMs) / 1000;
const p99Verdict = ours.p99Ms > 50 ? 'MISSED'
  : inTurn >= 0.9 * CUSTOMERS ? 'ok'
  : `${allInTurns && allInTurns.p99Ms <= 50 ? 'ok' : 'MISSED'}: ${f(ours.p99Ms, 1)} ms holds for the ${f(inTurn)} of ${CUSTOMERS} customers in a turn at a time (the rest waited ${f(ours.openP50Ms)} ms to open their next conversation); with all ${CUSTOMERS} in turns (no msg limit row) p99 is ${f(allInTurns?.p99Ms ?? NaN, 1)} ms`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
const out = [
  `sim-order-bot bench · ${machine.cpu} · ${machine.cores} cores · Node ${machine.node} · ${machine.date} · load avg at start ${machine.loadAvgAtStart.join(' ')}`,
  `${CUSTOMERS} customers, closed loop, ${WARMUP_MS / 1000} s warm-up + ${MEASURE_MS / 1000} s measured (limiter row: ${Math.min(MEASURE_MS, 10_000) / 1000} s)`,
  '',
  `${pad('server', 42)}${lpad('turns/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('srv CPU', 9)}${lpad('CPU/turn', 10)}${lpad('srv RSS', 9)}${lpad('gen CPU', 9)}${lpad('refused', 9)}${lpad('errors', 8)}`,
  ...rows.map((r) => `${pad(r.server, 42)}${lpad(f(r.turnsPerSec), 9)}${lpad(f(r.p50Ms, 1), 9)}${lpad(f(r.p99Ms, 1), 9)}${lpad(`${f(r.serverCpuPct)}%`, 9)}${lpad(`${f(r.serverCpuMsPerTurn, 2)}ms`, 10)}${lpad(`${f(r.serverRssMb)}MB`, 9)}${lpad(`${f(r.loadgenCpuPct)}%`, 9)}${lpad(String(r.refused), 9)}${lpad(String(Object.values(r.errors).reduce((a, b) => a + b, 0) + r.timeouts), 8)}`),
  '',
  `ours/peer  ${f(ratios.oursOverPeer, 2)}×   (target ≥ 2×: ${ok(ratios.oursOverPeer >= 2)})`,
  `ours/limit ${f(100 * ratios.oursOverLimit, 1)}%   (target ≥ 15%: ${ok(ratios.oursOverLimit >= 0.15)})`,
  `ours p99   ${f(ours.p99Ms, 1)} ms (target ≤ 50 ms at ${CUSTOMERS} customers: ${p99Verdict}); explanations ${ours.explained}/${ours.tailTurns} tail turns; ${ours.conversationsOpened} conversations opened in the window (open p50 ${f(ours.openP50Ms)} ms, p99 ${f(ours.openP99Ms)} ms)`,
  `           closed loop, no think time: mean latency ≈ ${CUSTOMERS} / turns/s, so p99 ≤ 50 ms at ${CUSTOMERS} customers needs ≥ ${f(CUSTOMERS / 0.05)} turns/s`,
  `idle       ${memory.conversations} conversations: RSS after GC ${f(memory.rssBeforeMb!)} → ${f(memory.rssAfterMb!)} MB = ${f(memory.kbPerConversation!, 1)} KB each (target ≤ 20 KB: ${ok(memory.kbPerConversation! <= 20)}); JS heap ${f(memory.heapKbPerConversation!, 1)} KB, external ${f(memory.externalKbPerConversation!, 1)} KB each`,
  `ready      median ${f(median(readyMs))} ms, min ${f(Math.min(...readyMs))} ms over ${readyMs.length} restarts (target ≤ 1500 ms: ${ok(median(readyMs) <= 1500)}); first start, training the NLU: ${f(firstStartMs)} ms; in-process: node+tsx ${f(inProcess.processToScriptMs)} ms, import app ${f(inProcess.importMs)} ms, build+ready ${f(inProcess.buildMs)} ms`,
  `floor      Botkit engine alone (trivial dialog, state in memory) ${f(floor.botkit.wallUs)} µs/turn (${f(floor.botkit.cpuUs)} µs CPU); the whole bot in-process without sockets ${f(floor.pipeline.wallUs)} µs/turn (${f(floor.pipeline.cpuUs)} µs CPU)`,
  `           2× the peer allows ${f((peer.serverCpuMsPerTurn * 1000) / 2)} µs of server CPU per turn; 15% of the limit allows ${f(1e6 / (0.15 * limit.turnsPerSec))} µs of wall time per turn on one core`,
  `nlu        mean ${f(nlu.meanUs)} µs, p50 ${f(nlu.p50Us)} µs, p99 ${f(nlu.p99Us)} µs per parse (${nlu.parses} parses of ${nlu.lines} heldout lines; training ${f(nlu.trainMs)} ms)`,
  profile ? `\nprofile of ours under load (${path.relative(process.cwd(), profileFile)}), top self time:\n${profile.topSelf.slice(0, 10).map((r) => `  ${lpad(String(r.pct), 5)}%  ${r.fn}  ${r.where}`).join('\n')}` : '',
];
process.stdout.write(`${out.join('\n')}\n`);
if (process.env.BENCH_KEEP_TMP !== '1') rmSync(path.join(TMP), { recursive: true, force: true, maxRetries: 2 });
