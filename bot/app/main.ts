/**
 * The entry point: parse config, build, listen, shut down cleanly on SIGTERM/SIGINT.
 * `npm start` runs it compiled (dist/bot/app/main.js, no TypeScript loader); `npm run dev` from the
 * sources under `tsx watch`.
 */
import module from 'node:module';

// Before anything else is loaded: V8 keeps the code it compiled for every module (ours and
// node_modules') on disk, so a restart skips parsing and compiling them again. Hence the imports
// below are dynamic: static ones would be loaded before this line runs.
module.enableCompileCache?.();

const { build } = await import('./app.js');
const { ConfigError, loadConfig } = await import('../config.js');
const { KnowledgeError } = await import('../knowledge/loader.js');

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, startWechat } = await build(config);
  await app.listen({ port: config.http.port, host: config.http.host });
  app.log.info(`web chat on http://${config.http.host}:${config.http.port}/ · agent console on /console`);
  // After listen: logging in prints a QR code to scan with the bot's WeChat account.
  await startWechat();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof KnowledgeError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  }
  process.exit(1);
});
