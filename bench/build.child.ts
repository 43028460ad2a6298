/**
 * In-process start-up cost: how long importing bot/app/app.ts (through tsx) and build() + ready() take,
 * with a fresh DATA_DIR from the environment; prints one JSON line.
 */
const processToScriptMs = performance.now(); // node + tsx start-up before this module ran
const t0 = performance.now();
const { build } = await import('../bot/app/app.js');
const { loadConfig } = await import('../bot/config.js');
const importMs = performance.now() - t0;
const t1 = performance.now();
const { app } = await build(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }));
await app.ready();
const buildMs = performance.now() - t1;
await app.close();
process.stdout.write(`${JSON.stringify({ processToScriptMs, importMs, buildMs })}\n`);
process.exit(0);
