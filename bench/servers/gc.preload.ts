/**
 * Bench-only preload for the idle-memory phase (`--expose-gc --import tsx --import ./bench/servers/gc.preload.ts`):
 * on SIGUSR2 the process runs a full GC and prints its memoryUsage() on stderr, so RSS is read
 * after garbage is gone rather than whenever V8 last collected. The server itself is unchanged.
 */
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  process.stderr.write(`BENCH_MEM ${JSON.stringify(process.memoryUsage())}\n`);
});
