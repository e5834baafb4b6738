import { startServer } from './boot';
import { ConfigError, loadConfig } from './config/config';
import { publishDemoRankings } from './demo/demo-rankings';
import { demoBootHook } from './demo/demo-seed';
import { tuneHeap } from './heap-tuning';

/** `node server/dist/main.js`: the whole system at one URL. Failures print one line and exit 1. */
async function main(): Promise<void> {
  tuneHeap();
  const started = performance.now();
  const config = loadConfig();
  let demoLoaded = false;
  const server = await startServer(config, {
    afterMigrations: async (dataSource, cfg) => {
      const demo = await demoBootHook(dataSource, cfg);
      demoLoaded = demo !== null;
      if (demo)
        process.stdout.write(
          `loaded the demo dataset (演示市): ${demo.organizations} organizations, ${demo.submissions} submissions, ${demo.seedReports} imported seed reports\n` +
            `  demo accounts demo-admin, demo-reviewer, demo-supervisor, demo-bureau — password gongkai-demo\n`,
        );
    },
    afterInit: async (app) => {
      if (!demoLoaded) return;
      const began = performance.now();
      const published = await publishDemoRankings(app);
      process.stdout.write(
        `  published last year's demo rankings: ${published} (${((performance.now() - began) / 1000).toFixed(1)} s)\n`,
      );
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const lines = [
    '',
    `Gongkai is running at ${server.url}  (ready in ${seconds}s)`,
    server.embedded
      ? `  database: embedded PostgreSQL, data in ${config.dataDir}`
      : '  database: external PostgreSQL (DATABASE_URL)',
    config.webDistDir ? '' : '  web app not built: run `pnpm build` (the API is up)',
  ];
  process.stdout.write(lines.filter((l) => l !== '').join('\n') + '\n\n');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`received ${signal}, stopping…\n`);
    server
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(
          `gongkai: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  // `pnpm start` does not pass SIGTERM on to its child: when the process that started us goes
  // away, we are re-parented — stop cleanly then too, so no PostgreSQL is left behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('the parent process exit');
  }, 500).unref();
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `invalid configuration: ${error.problems.join('; ')}`
      : error instanceof Error
        ? error.message || error.constructor.name
        : String(error);
  process.stderr.write(`gongkai: ${message}\n`);
  if (process.env.GONGKAI_DEBUG === '1' && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
