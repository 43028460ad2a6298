/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, top functions of
 * our own code (bot/, dialogs/, adapters/, knowledge/) by inclusive time, and self time per package.
 *   npx tsx bench/profile-summary.ts bench/tmp/ours-under-load.cpuprofile [top] [fromMs-toMs]
 * (the window in ms since the profile started; run.ts passes its measured window).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Row {
  fn: string;
  where: string;
  ms: number;
  pct: number;
}
export interface ProfileSummary {
  totalMs: number;
  topSelf: Row[];
  ourInclusive: Row[];
  byOwner: Row[];
}

const OURS = /\/(bot|dialogs|adapters|knowledge|bench)\//;

/** Who owns a script: a package under node_modules, our folder, node internals, or V8 itself. */
export function owner(url: string): string {
  if (!url) return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node (internal)';
  const m = OURS.exec(url);
  return m ? `ours: ${m[1]}/` : url;
}

function where(cf: CallFrame): string {
  if (!cf.url) return '';
  const short = cf.url
    .replace(/^file:\/\//, '')
    .replace(/^.*?\/(node_modules|bot|dialogs|adapters|knowledge|bench)\//, '$1/');
  return `${short}:${cf.lineNumber + 1}`;
}

/** `window` (ms since the profile started) limits the summary to samples taken inside it. */
export function summarise(p: CpuProfile, top = 25, window?: { fromMs: number; toMs: number }): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\u0000${where(n.callFrame)}`;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const perOwner = new Map<string, number>();
  let total = 0;
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const us = p.timeDeltas[i] ?? 0;
    t += us;
    if (window && (t < window.fromMs * 1000 || t > window.toMs * 1000)) continue;
    let n = byId.get(p.samples[i]!);
    if (!n) continue;
    total += us;
    self.set(key(n), (self.get(key(n)) ?? 0) + us);
    perOwner.set(owner(n.callFrame.url), (perOwner.get(owner(n.callFrame.url)) ?? 0) + us);
    const seen = new Set<string>();
    for (; n; n = byId.get(parent.get(n.id) ?? -1)) {
      if (!OURS.test(n.callFrame.url)) continue;
      const k = key(n);
      if (!seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + us);
      }
    }
  }
  const rows = (m: Map<string, number>, n: number): Row[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => {
        const [fn, w] = k.split('\u0000') as [string, string];
        return { fn, where: w ?? '', ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 };
      });
  return {
    totalMs: Math.round(total / 1000),
    topSelf: rows(self, top),
    ourInclusive: rows(incl, top),
    byOwner: rows(perOwner, 15),
  };
}

export function formatSummary(s: ProfileSummary): string {
  const table = (title: string, rows: Row[], withWhere = true) =>
    [
      `${title}`,
      ...rows.map(
        (r) =>
          `  ${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.fn}${withWhere && r.where ? `  ${r.where}` : ''}`,
      ),
    ].join('\n');
  return [
    `profile: ${s.totalMs} ms sampled`,
    table('self time by package / folder:', s.byOwner),
    table('top functions by self time:', s.topSelf),
    table('our functions by inclusive time (self + callees):', s.ourInclusive),
  ].join('\n\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const [from, to] = (process.argv[4] ?? '').split('-').map(Number);
  const window = from !== undefined && to !== undefined && to > 0 ? { fromMs: from, toMs: to } : undefined;
  process.stdout.write(`${formatSummary(summarise(prof, Number(process.argv[3] ?? 25), window))}\n`);
}
