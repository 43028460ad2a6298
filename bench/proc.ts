/**
 * Child-process helpers for the bench: free ports, spawning a server with its own file limit,
 * waiting for /healthz, and reading a child's RSS and CPU time from /proc (Linux).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  pid: number;
  stderr: () => string;
}

/** Spawns `node <nodeArgs>` through sh so `ulimit -n` applies; exec keeps the pid node's own. */
export function spawnNode(name: string, nodeArgs: string[], env: Record<string, string>, port: number): Server {
  const quoted = nodeArgs.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('sh', ['-c', `ulimit -n 20000; exec "${process.execPath}" ${quoted}`], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'development', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (err.length < 20_000) err += d.toString();
  });
  return { name, port, child, pid: child.pid ?? -1, stderr: () => err };
}

/** Polls GET /healthz every `everyMs` until 200; resolves with ms since `since` (performance.now()). */
export async function waitReady(s: Server, since: number, timeoutMs = 20_000, everyMs = 10): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`${s.name} exited (${s.child.exitCode}): ${s.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${s.name} not ready after ${timeoutMs} ms: ${s.stderr()}`);
}

export async function stop(s: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill(signal);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 12_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size in KB (VmRSS). */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** User + system CPU time of a process in ms (fields 14 and 15 of /proc/<pid>/stat, in clock ticks). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10; // CLK_TCK is 100 on Linux
}

/** With servers/gc.preload.ts loaded: full GC in the child, then its memoryUsage() and VmRSS (KB). */
export async function gcAndMeasure(s: Server): Promise<{ rssKb: number; heapUsedKb: number; externalKb: number }> {
  const seen = s.stderr().split('BENCH_MEM ').length;
  s.child.kill('SIGUSR2');
  for (let i = 0; i < 500 && s.stderr().split('BENCH_MEM ').length === seen; i++)
    await new Promise((r) => setTimeout(r, 10));
  const last = s.stderr().split('BENCH_MEM ').at(-1)!.split('\n')[0]!;
  const m = JSON.parse(last) as { heapUsed: number; external: number };
  await new Promise((r) => setTimeout(r, 300));
  return { rssKb: rssKb(s.pid), heapUsedKb: m.heapUsed / 1024, externalKb: m.external / 1024 };
}
