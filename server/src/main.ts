import type { DataSource } from 'typeorm';
import { startServer } from './boot';
import { announceListening, processRole, runPrimary } from './cluster';
import { type AppConfig, ConfigError, loadConfig } from './config/config';
import { fillDemoRankings, publishDemoRankings } from './demo/demo-rankings';
import { demoBootHook } from './demo/demo-seed';

/** `node server/dist/main.js`: the whole system at one URL. Failures print one line and exit 1. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const role = processRole();
  // A freshly loaded dataset has no planner statistics until autovacuum comes round (a minute or
  // more): without them the first requests get nested-loop plans many times slower.
  const seedDemo = async (dataSource: DataSource): Promise<boolean> => {
    const demo = await demoBootHook(dataSource, config);
    if (demo) await dataSource.query('ANALYZE');
    announceDemo(demo);
    return demo !== null;
  };
  const announceDemo = (demo: Awaited<ReturnType<typeof demoBootHook>>): void => {
    if (demo)
      process.stdout.write(
        `loaded the demo dataset (演示市): ${demo.organizations} organizations, ${demo.submissions} submissions, ${demo.seedReports} imported seed reports\n` +
          `  demo accounts demo-admin, demo-reviewer, demo-supervisor, demo-bureau — password gongkai-demo\n`,
      );
  };
  let server: { url: string; stop: () => Promise<void> };
  let database: string;
  if (role.kind === 'primary') {
    // supervises only: the database is prepared once, the workers serve
    server = await runPrimary(config, role.workers, seedDemo, (line) =>
      process.stdout.write(`${line}\n`),
    );
    database = describeDatabase(config, `${role.workers} server processes`);
  } else {
    const worker = role.kind === 'worker' ? role : null;
    let demoLoaded = worker?.demoLoaded ?? false;
    const running = await startServer(config, {
      migrate: worker === null,
      afterMigrations: async (dataSource) => {
        if (worker) return; // the primary loaded the demo data
        demoLoaded = await seedDemo(dataSource);
      },
      afterInit: async (app) => {
        if (!demoLoaded || (worker && worker.index !== 1)) return;
        const began = performance.now();
        const published = await publishDemoRankings(app);
        process.stdout.write(
          `  published last year's demo rankings: ${published} (${((performance.now() - began) / 1000).toFixed(1)} s)\n`,
        );
        const filled = await fillDemoRankings(app);
        process.stdout.write(
          `  stored the current demo rankings: ${filled} (${((performance.now() - began) / 1000).toFixed(1)} s)\n`,
        );
      },
    });
    server = running;
    if (worker) announceListening(running.url);
    database = describeDatabase(config, null);
  }
  if (role.kind !== 'worker') {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const lines = [
      '',
      `Gongkai is running at ${server.url}  (ready in ${seconds}s)`,
      database,
      config.webDistDir ? '' : '  web app not built: run `pnpm build` (the API is up)',
    ];
    process.stdout.write(lines.filter((l) => l !== '').join('\n') + '\n\n');
  }

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

/** The banner's database line; `processes` names several server processes. */
function describeDatabase(config: AppConfig, processes: string | null): string {
  const where =
    config.databaseUrl === null
      ? `  database: embedded PostgreSQL, data in ${config.dataDir}`
      : '  database: external PostgreSQL (DATABASE_URL)';
  return processes ? `${where}; ${processes}` : where;
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
