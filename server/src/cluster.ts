import cluster, { type Worker } from 'node:cluster';
import type { DataSource } from 'typeorm';
import { type AppConfig, ConfigError } from './config/config';
import { openDatabase } from './database/database';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';

/**
 * Several server processes against one database (`GONGKAI_WORKERS=N`, default 1): the primary
 * process only supervises — it starts the embedded PostgreSQL (when DATABASE_URL is not set),
 * applies the migrations and loads the demo data once, then forks N workers that share the HTTP
 * port (node:cluster). Worker 1 starts first and alone does the once-per-system work of a
 * running server (publishing the demo rankings, the job queue's maintenance and schedules); the
 * others start when it listens. A worker that dies is replaced. Every worker reads all its state
 * from PostgreSQL, so any of them may answer any request.
 */

/** The environment variable a worker finds its number in (1…N). */
export const WORKER_ENV = 'GONGKAI_CLUSTER_WORKER';
/** Set for worker 1 when the primary has just loaded the demo data. */
const DEMO_LOADED_ENV = 'GONGKAI_CLUSTER_DEMO_LOADED';
const MAX_WORKERS = 32;

export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GONGKAI_WORKERS?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new ConfigError([`GONGKAI_WORKERS must be a whole number from 1 to ${MAX_WORKERS}`]);
  return n;
}

/** This process's place: alone, the supervising primary, or worker `n`. */
export type ProcessRole =
  | { kind: 'single' }
  | { kind: 'primary'; workers: number }
  | { kind: 'worker'; index: number; demoLoaded: boolean };

export function processRole(env: NodeJS.ProcessEnv = process.env): ProcessRole {
  if (cluster.isWorker)
    return {
      kind: 'worker',
      index: Number(env[WORKER_ENV] ?? '0'),
      demoLoaded: env[DEMO_LOADED_ENV] === '1',
    };
  const workers = workerCount(env);
  return workers > 1 ? { kind: 'primary', workers } : { kind: 'single' };
}

/** Whether this process does the once-per-system work (jobs maintenance, schedules). */
export function runsSystemDuties(env: NodeJS.ProcessEnv = process.env): boolean {
  return !cluster.isWorker || env[WORKER_ENV] === '1';
}

type Listening = { type: 'gongkai:listening'; url: string };
const isListening = (m: unknown): m is Listening =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'gongkai:listening';

/** A worker tells the primary it serves requests. */
export function announceListening(url: string): void {
  process.send?.({ type: 'gongkai:listening', url } satisfies Listening);
}

/**
 * The primary: prepares the database once (`prepare` gets the migrated data source: the demo
 * seed), forks the workers one after the other (worker 1 first), restarts a worker that dies,
 * and on SIGINT/SIGTERM stops the workers, then the embedded PostgreSQL. Resolves with the URL
 * once every worker listens.
 */
export async function runPrimary(
  config: AppConfig,
  workers: number,
  prepare: (dataSource: DataSource) => Promise<boolean>,
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = embedded.url;
  }
  let demoLoaded = false;
  try {
    const dataSource = await openDatabase(url);
    try {
      demoLoaded = await prepare(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const databaseUrl = url;
  let stopping = false;
  const live = new Map<number, Worker>();
  const fork = (index: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({
        DATABASE_URL: databaseUrl,
        [WORKER_ENV]: String(index),
        [DEMO_LOADED_ENV]: index === 1 && demoLoaded ? '1' : '',
        GONGKAI_WORKERS: '',
      });
      let listening = false;
      live.set(index, worker);
      worker.on('message', (m: unknown) => {
        if (!isListening(m)) return;
        listening = true;
        resolve(m.url);
      });
      worker.on('exit', (code, signal) => {
        if (live.get(index) === worker) live.delete(index);
        if (!listening) {
          reject(new Error(`server process ${index} did not start (exit ${signal ?? code})`));
          return;
        }
        if (stopping) return;
        log(`server process ${index} ended (${signal ?? `exit ${code}`}); starting it again`);
        fork(index).catch((error: unknown) =>
          log(`server process ${index}: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
    });

  const stop = async (): Promise<void> => {
    stopping = true;
    const exits = [...live.values()].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    if (embedded) await embedded.stop();
    embedded = null;
  };

  try {
    const first = await fork(1);
    await Promise.all(Array.from({ length: workers - 1 }, (_, i) => fork(i + 2)));
    if (embedded) await embedded.announce(first);
    return { url: first, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
