/**
 * In-process start-up cost of ours as npm start runs it (compiled, dist/): how long importing
 * dist/bot/app/app.js and build() + ready() take, with DATA_DIR from the environment; prints one JSON
 * line. Run by plain node (its types are stripped), so processToScriptMs is node's own start-up.
 */
import module from 'node:module';

const processToScriptMs = performance.now(); // node start-up before this module ran
module.enableCompileCache?.();
// Paths as strings: dist/ has no type declarations, and the bench must not need them.
const dist = (p: string) => new URL(`../dist/bot/${p}`, import.meta.url).href;
const t0 = performance.now();
const { build } = await import(dist('app/app.js'));
const { loadConfig } = await import(dist('config.js'));
const importMs = performance.now() - t0;
const t1 = performance.now();
const { app } = await build(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }));
await app.ready();
const buildMs = performance.now() - t1;
await app.close();
process.stdout.write(`${JSON.stringify({ processToScriptMs, importMs, buildMs })}\n`);
process.exit(0);
