/**
 * The benchmark (issues 9 and 24): three servers each in its own child process — the limit (bare
 * fastify echo), the peer (Botkit + botbuilder-adapter-web) and ours (dist/bot/app/main.js, as npm start
 * runs it) — under one closed-loop load; ours on SQLite and on PostgreSQL under customers who think
 * 3 s between messages, stepped up until p99 passes 200 ms; then ours alone for idle-conversation
 * memory, start-up time, NLU parse time and a CPU profile. Prints one table and writes
 * bench/results.json. Run: `npm run bench` (see bench/README.md).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openIdle, runLoad, runThinkLoad, sleep, type LoadOptions, type LoadResult, type ThinkStep } from './load.js';
import { cpuMs, freePort, gcAndMeasure, rssKb, spawnNode, stop, waitReady, type Server } from './proc.js';
import { formatSummary, summarise, type ProfileSummary } from './profile-summary.js';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const CUSTOMERS = env('BENCH_CUSTOMERS', 200);
const WARMUP_MS = env('BENCH_WARMUP_S', 3) * 1000;
const MEASURE_MS = env('BENCH_MEASURE_S', 15) * 1000;
const IDLE = env('BENCH_IDLE', 5000);
const STARTS = env('BENCH_STARTS', 5);
const STEPS = (process.env.BENCH_STEPS ?? '1000,2000,3000,4000').split(',').map(Number);
const THINK_MS = env('BENCH_THINK_S', 3) * 1000;
const CAPACITY_P99_MS = 200;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Ours as `npm start` runs it: compiled JavaScript, no TypeScript loader. */
const OURS = 'dist/bot/app/main.js';
/** Messages per conversation: 3 orders × (order number, tail, thanks) stays under the 10 msgs / 10 s limiter. */
const ROTATE = 9;

const TMP = path.resolve('bench/tmp', `run-${Date.now()}`);
mkdirSync(TMP, { recursive: true });
const children = new Set<Server>();
process.on('exit', () => {
  for (const s of children) s.child.kill('SIGKILL');
});
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
// dist/ as npm start would find it (prestart): built when missing or older than the sources.
execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });

let dirs = 0;
interface StartOptions {
  nodeArgs?: string[];
  preload?: string[];
  env?: Record<string, string>;
}
async function start(
  name: string,
  script: string,
  { nodeArgs = [], preload = [], env: extraEnv = {} }: StartOptions = {},
) {
  const port = await freePort();
  const dataDir = path.join(TMP, `data-${++dirs}`);
  const t0 = performance.now();
  // TypeScript servers (echo, peer) through tsx; ours compiled. A .ts preload is stripped by Node itself.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const s = spawnNode(
    name,
    [...nodeArgs, ...loader, ...preload.flatMap((p) => ['--import', p]), script],
    {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...extraEnv,
    },
    port,
  );
  children.add(s);
  const readyMs = await waitReady(s, t0, 60_000);
  // The CPU time the start took (user + system, all threads): less disturbed by other load than the wall time.
  return { s, readyMs, readyCpuMs: cpuMs(s.pid), spawnedAt: t0 };
}
async function end(s: Server) {
  await stop(s);
  children.delete(s);
}

interface LoadRow extends LoadResult {
  server: string;
  serverCpuPct: number;
  serverCpuMsPerTurn: number;
  serverRssMb: number;
  loadgenCpuPct: number;
  loadAvg1m: number;
}

interface Hooks {
  onEdge?: (edge: 'start' | 'end') => void;
}
async function load(
  label: string,
  s: Server,
  ...args: [Omit<LoadOptions, 'port' | 'onWindow'>] | [Hooks, Omit<LoadOptions, 'port' | 'onWindow'>]
): Promise<LoadRow> {
  const [hooks, o] = args.length === 1 ? [{} as Hooks, args[0]] : args;
  log(`${label}: ${o.customers} customers, ${o.warmupMs / 1000}+${o.measureMs / 1000} s`);
  let c0 = 0,
    c1 = 0,
    g0 = process.cpuUsage(),
    g1 = g0,
    t0 = 0,
    t1 = 0;
  const r = await runLoad({
    ...o,
    port: s.port,
    onWindow: (edge) => {
      hooks.onEdge?.(edge);
      if (edge === 'start') {
        c0 = cpuMs(s.pid);
        g0 = process.cpuUsage();
        t0 = performance.now();
      } else {
        c1 = cpuMs(s.pid);
        g1 = process.cpuUsage(g0);
        t1 = performance.now();
      }
    },
  });
  const wall = t1 - t0;
  const row = {
    server: label,
    ...r,
    serverCpuPct: (100 * (c1 - c0)) / wall,
    serverCpuMsPerTurn: (c1 - c0) / r.turns,
    loadAvg1m: os.loadavg()[0]!,
    serverRssMb: rssKb(s.pid) / 1024,
    loadgenCpuPct: (100 * (g1.user + g1.system)) / 1000 / wall,
  };
  log(
    `  ${row.turnsPerSec.toFixed(0)} turns/s, p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms, refused ${row.refused}`,
  );
  return row;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
const childJson = <T>(script: string, extraEnv: Record<string, string> = {}, loader = ['--import', 'tsx']): T =>
  JSON.parse(
    execFileSync(process.execPath, [...loader, script], {
      env: { ...process.env, ...extraEnv },
      encoding: 'utf8',
      timeout: 120_000,
    })
      .trim()
      .split('\n')
      .at(-1)!,
  ) as T;

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
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
  const { s } = await start('ours', OURS);
  rows.push(
    await load(`ours: new conversation every ${ROTATE} msgs`, s, { ...base, kind: 'ours', rotateEvery: ROTATE }),
  );
  rows.push(
    await load('ours: 1 conversation/customer (limiter)', s, {
      ...base,
      measureMs: Math.min(MEASURE_MS, 10_000),
      kind: 'ours',
      rotateEvery: 0,
      refusedBackoffMs: 100,
    }),
  );
  await end(s);
}
// Every customer in a turn all the time: one conversation each, the per-socket message limit lifted.
let allInTurns: LoadRow | undefined;
{
  const { s } = await start('ours-unlimited', OURS, { env: { WS_MESSAGES_PER_10S: '100000000' } });
  allInTurns = await load('ours: 1 conversation/customer, no msg limit', s, {
    ...base,
    measureMs: Math.min(MEASURE_MS, 10_000),
    kind: 'ours',
    rotateEvery: 0,
  });
  rows.push(allInTurns);
  await end(s);
}

// PostgreSQL: ours on a fresh schema of PG_URL (one instance, in-process bus), the same closed loop.
let pgUrl: string | null = null;
let dropPg = async () => {};
{
  const schema = `bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    pgUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    dropPg = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`).finally(() => c.end());
    };
  } catch (err) {
    log(`PostgreSQL at ${PG_URL} not reachable (${String(err)}): its rows are skipped`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
const pgEnv = (): Record<string, string> => ({ DATABASE_URL: pgUrl!, REDIS_URL: '' });
let pgRow: LoadRow | undefined;
if (pgUrl) {
  const { s } = await start('ours-pg', OURS, { env: pgEnv() });
  pgRow = await load(`ours on PostgreSQL: new conversation every ${ROTATE} msgs`, s, {
    ...base,
    kind: 'ours',
    rotateEvery: ROTATE,
  });
  rows.push(pgRow);
  await end(s);
}

// Capacity: customers who think THINK_MS between messages, added step by step on one server, until
// p99 passes CAPACITY_P99_MS (one conversation each, as shipped: the per-socket limit is not reached).
interface CapacityStep extends ThinkStep {
  serverCpuPct: number;
  serverRssMb: number;
  loadgenCpuPct: number;
  loadAvg1m: number;
}
async function capacity(label: string, s: Server): Promise<CapacityStep[]> {
  let c0 = 0,
    g0 = process.cpuUsage(),
    t0 = 0;
  const extra: Array<Pick<CapacityStep, 'serverCpuPct' | 'serverRssMb' | 'loadgenCpuPct' | 'loadAvg1m'>> = [];
  const steps = await runThinkLoad({
    port: s.port,
    steps: STEPS,
    thinkMs: THINK_MS,
    warmupMs: 2 * THINK_MS,
    measureMs: MEASURE_MS,
    p99LimitMs: CAPACITY_P99_MS,
    onWindow: (edge) => {
      if (edge === 'start') {
        c0 = cpuMs(s.pid);
        g0 = process.cpuUsage();
        t0 = performance.now();
        return;
      }
      const wall = performance.now() - t0,
        g = process.cpuUsage(g0);
      extra.push({
        serverCpuPct: (100 * (cpuMs(s.pid) - c0)) / wall,
        serverRssMb: rssKb(s.pid) / 1024,
        loadgenCpuPct: (100 * (g.user + g.system)) / 1000 / wall,
        loadAvg1m: os.loadavg()[0]!,
      });
    },
  });
  const out = steps.map((st, i) => ({ ...st, ...extra[i]! }));
  for (const st of out)
    log(
      `  ${label} ${st.customers} customers: ${st.turnsPerSec.toFixed(0)} turns/s, p50 ${st.p50Ms.toFixed(1)} ms, p99 ${st.p99Ms.toFixed(1)} ms, srv CPU ${st.serverCpuPct.toFixed(0)}% ${st.pass ? 'ok' : 'FAIL'}`,
    );
  return out;
}
const capacityRuns: Record<string, CapacityStep[]> = {};
for (const [store, extraEnv] of [['sqlite', {}], ...(pgUrl ? [['postgresql', pgEnv()]] : [])] as Array<
  [string, Record<string, string>]
>) {
  log(`capacity (${store}): ${THINK_MS / 1000} s think time, steps ${STEPS.join('/')}`);
  const { s } = await start(`ours-capacity-${store}`, OURS, { env: extraEnv });
  capacityRuns[store] = await capacity(store, s);
  await end(s);
}
const held = (steps: CapacityStep[] | undefined) =>
  Math.max(0, ...(steps ?? []).filter((st) => st.pass).map((st) => st.customers));

// 7. A CPU profile of ours under the same load (a separate run: the profiler slows it down).
let profile: ProfileSummary | null = null;
let profileFile = '';
let profileWindow: { fromMs: number; toMs: number };
{
  const profDir = path.join(TMP, 'prof');
  const { s, spawnedAt } = await start('ours-prof', OURS, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
  // Only the measured window is summarised: start-up (imports, NLU training) is a separate figure.
  const win = { fromMs: 0, toMs: 0 };
  await load(
    'ours under --cpu-prof',
    s,
    {
      onEdge: (edge) => {
        win[edge === 'start' ? 'fromMs' : 'toMs'] = performance.now() - spawnedAt;
      },
    },
    { ...base, measureMs: Math.min(MEASURE_MS, 10_000), kind: 'ours', rotateEvery: ROTATE },
  );
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
  const { s } = await start('ours-idle', OURS, {
    nodeArgs: ['--expose-gc'],
    preload: ['./bench/servers/gc.preload.ts'],
  });
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
    conversations: n,
    openPerSec: n / (openMs / 1000),
    rssBeforeMb: before.rssKb / 1024,
    rssAfterMb: after.rssKb / 1024,
    kbPerConversation: (after.rssKb - before.rssKb) / n,
    heapKbPerConversation: (after.heapUsedKb - before.heapUsedKb) / n,
    externalKbPerConversation: (after.externalKb - before.externalKb) / n,
  };
  idle.close();
  await end(s);
  log(
    `  ${memory.kbPerConversation!.toFixed(1)} KB RSS per conversation (JS heap ${memory.heapKbPerConversation!.toFixed(1)} KB)`,
  );
}

// 5. Time from spawn to GET /healthz 200, and the in-process import + build.
// One DATA_DIR for all starts, as a server restarts on its own data: the first start trains the NLU
// and saves it there, the others load it (bot/nlu/model-cache.ts).
const readyDir = path.join(TMP, 'data-ready');
rmSync(readyDir, { recursive: true, force: true });
const startMs: number[] = [];
const startCpuMs: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const { s, readyMs: ms, readyCpuMs } = await start('ours-start', OURS, { env: { DATA_DIR: readyDir } });
  startMs.push(ms);
  startCpuMs.push(readyCpuMs);
  await end(s);
}
const [firstStartMs, ...readyMs] = startMs as [number, ...number[]];
const readyCpuMs = startCpuMs.slice(1);
log(`ready: ${startMs.map((x) => x.toFixed(0)).join(', ')} ms (the first trains the NLU)`);
rmSync(path.join(TMP, 'data-build'), { recursive: true, force: true }); // a first start: it trains
const inProcess = childJson<{ processToScriptMs: number; importMs: number; buildMs: number }>(
  'bench/build.child.ts',
  { DATA_DIR: path.join(TMP, 'data-build') },
  [],
);

// 4. NLU parse time, in its own process.
log('nlu: parsing dev.tsv');
const nlu = childJson<{ lines: number; parses: number; trainMs: number; meanUs: number; p50Us: number; p99Us: number }>(
  'bench/nlu.child.ts',
);

// 4b. Where a turn's CPU goes: Botkit alone with a trivial dialog, and the whole bot without sockets.
log('floor: Botkit alone, then the pipeline in-process');
type PerTurn = { wallUs: number; cpuUs: number };
const floor = childJson<{ turns: number; botkit: PerTurn; pipeline: PerTurn }>('bench/botkit-floor.child.ts', {
  DATA_DIR: path.join(TMP, 'data-floor'),
});

// 6. The table and results.json.
const [limit, peer, ours] = rows as [LoadRow, LoadRow, LoadRow];
const ratios = {
  oursOverPeer: ours.turnsPerSec / peer.turnsPerSec,
  oursOverLimit: ours.turnsPerSec / limit.turnsPerSec,
  ...(pgRow ? { pgOverPeer: pgRow.turnsPerSec / peer.turnsPerSec } : {}),
};
const targets = {
  oursOverPeer: 0.5,
  capacityCustomers: 3000,
  capacityThinkS: 3,
  capacityP99Ms: CAPACITY_P99_MS,
  readyMs: 1000,
  kbPerConversation: 20,
};
const results = {
  machine,
  settings: {
    customers: CUSTOMERS,
    warmupS: WARMUP_MS / 1000,
    measureS: MEASURE_MS / 1000,
    rotateEvery: ROTATE,
    idleConversations: IDLE,
    starts: STARTS,
    capacitySteps: STEPS,
    thinkS: THINK_MS / 1000,
  },
  load: rows,
  ratios,
  capacity: Object.fromEntries(Object.entries(capacityRuns).map(([k, v]) => [k, { heldCustomers: held(v), steps: v }])),
  memory,
  ready: {
    firstStartMs,
    runsMs: readyMs,
    medianMs: median(readyMs),
    minMs: Math.min(...readyMs),
    cpuMs: readyCpuMs,
    medianCpuMs: median(readyCpuMs),
    inProcess,
  },
  nlu,
  floor,
  profile: profile && { file: path.relative(process.cwd(), profileFile), windowMs: profileWindow, ...profile },
  targets,
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
const capLines = Object.entries(capacityRuns).flatMap(([store, steps]) => [
  `capacity   ${store}: ${held(steps) ? `${held(steps)} customers held` : 'no step held'} at ${THINK_MS / 1000} s think time with p99 ≤ ${CAPACITY_P99_MS} ms (target ≥ ${targets.capacityCustomers}: ${ok(held(steps) >= targets.capacityCustomers)})`,
  ...steps.map(
    (st) =>
      `           ${lpad(String(st.customers), 5)} customers: ${lpad(f(st.turnsPerSec), 5)} turns/s, p50 ${lpad(f(st.p50Ms, 1), 6)} ms, p99 ${lpad(f(st.p99Ms, 1), 6)} ms, max ${lpad(f(st.maxMs), 5)} ms, srv CPU ${lpad(f(st.serverCpuPct), 3)}%, srv RSS ${f(st.serverRssMb)} MB, gen CPU ${f(st.loadgenCpuPct)}%, timeouts ${st.timeouts}, errors ${st.errors}, refused ${st.refused} ${st.pass ? '' : '(over)'}`,
  ),
]);
const out = [
  `sim-order-bot bench · ${machine.cpu} · ${machine.cores} cores · Node ${machine.node} · ${machine.date} · load avg at start ${machine.loadAvgAtStart.join(' ')}`,
  `${CUSTOMERS} customers, closed loop, ${WARMUP_MS / 1000} s warm-up + ${MEASURE_MS / 1000} s measured (limiter row: ${Math.min(MEASURE_MS, 10_000) / 1000} s)`,
  '',
  `${pad('server', 46)}${lpad('turns/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('srv CPU', 9)}${lpad('CPU/turn', 10)}${lpad('srv RSS', 9)}${lpad('gen CPU', 9)}${lpad('refused', 9)}${lpad('errors', 8)}`,
  ...rows.map(
    (r) =>
      `${pad(r.server, 46)}${lpad(f(r.turnsPerSec), 9)}${lpad(f(r.p50Ms, 1), 9)}${lpad(f(r.p99Ms, 1), 9)}${lpad(`${f(r.serverCpuPct)}%`, 9)}${lpad(`${f(r.serverCpuMsPerTurn, 2)}ms`, 10)}${lpad(`${f(r.serverRssMb)}MB`, 9)}${lpad(`${f(r.loadgenCpuPct)}%`, 9)}${lpad(String(r.refused), 9)}${lpad(String(Object.values(r.errors).reduce((a, b) => a + b, 0) + r.timeouts), 8)}`,
  ),
  '',
  `ours/peer  ${f(ratios.oursOverPeer, 2)}× on SQLite${pgRow ? `, ${f(ratios.pgOverPeer!, 2)}× on PostgreSQL` : ''} (target ≥ ${targets.oursOverPeer}×: ${ok(ratios.oursOverPeer >= targets.oursOverPeer)}); explanations ${ours.explained}/${ours.tailTurns} tail turns`,
  `ours/limit ${f(100 * ratios.oursOverLimit, 1)}% of the bare echo's turns/s`,
  ...capLines,
  `idle       ${memory.conversations} conversations: RSS after GC ${f(memory.rssBeforeMb!)} → ${f(memory.rssAfterMb!)} MB = ${f(memory.kbPerConversation!, 1)} KB each (target ≤ ${targets.kbPerConversation} KB: ${ok(memory.kbPerConversation! <= targets.kbPerConversation)}); JS heap ${f(memory.heapKbPerConversation!, 1)} KB, external ${f(memory.externalKbPerConversation!, 1)} KB each`,
  `ready      median ${f(median(readyMs))} ms, min ${f(Math.min(...readyMs))} ms over ${readyMs.length} restarts with saved models (target ≤ ${targets.readyMs} ms: ${ok(median(readyMs) <= targets.readyMs)}); CPU time to ready ${f(median(readyCpuMs))} ms (median); first start, training the NLU: ${f(firstStartMs)} ms; in-process: node ${f(inProcess.processToScriptMs)} ms, import app ${f(inProcess.importMs)} ms, build+ready ${f(inProcess.buildMs)} ms`,
  `floor      Botkit engine alone (trivial dialog, state in memory) ${f(floor.botkit.wallUs)} µs/turn (${f(floor.botkit.cpuUs)} µs CPU); the whole bot in-process without sockets ${f(floor.pipeline.wallUs)} µs/turn (${f(floor.pipeline.cpuUs)} µs CPU)`,
  `           0.5× the peer allows ${f((peer.serverCpuMsPerTurn * 1000) / 0.5)} µs of server CPU per turn`,
  `nlu        mean ${f(nlu.meanUs)} µs, p50 ${f(nlu.p50Us)} µs, p99 ${f(nlu.p99Us)} µs per parse (${nlu.parses} parses of ${nlu.lines} dev.tsv lines; training ${f(nlu.trainMs)} ms)`,
  profile
    ? `\nprofile of ours under load (${path.relative(process.cwd(), profileFile)}), top self time:\n${profile.topSelf
        .slice(0, 10)
        .map((r) => `  ${lpad(String(r.pct), 5)}%  ${r.fn}  ${r.where}`)
        .join('\n')}`
    : '',
];
process.stdout.write(`${out.join('\n')}\n`);
await dropPg().catch((err: unknown) => log(`could not drop the bench schema: ${String(err)}`));
if (process.env.BENCH_KEEP_TMP !== '1') rmSync(path.join(TMP), { recursive: true, force: true, maxRetries: 2 });
