import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

const children: ChildProcess[] = [];

type Started = { child: ChildProcess; output: () => string; pgPort: number; url: string };

/** Runs the built server as a user would and waits for its banner. */
async function startProcess(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: '0',
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO_DATA: 'false',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 20_000;
  while (!/running at (http:\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pgPort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  const url = /running at (http:\S+)/.exec(output)?.[1] ?? '';
  return { child, output: () => output, pgPort, url };
}

function postmasterAlive(pgPort: number): Promise<boolean> {
  const client = new Client({
    host: '127.0.0.1',
    port: pgPort,
    user: 'gongkai',
    password: 'gongkai-local',
    database: 'gongkai',
  });
  // A postmaster shutting down may end the probe's session between connect and end: that is
  // an answer (it is going away), not an error of the test.
  client.on('error', () => undefined);
  return client
    .connect()
    .then(() => client.end())
    .then(() => true)
    .catch(() => false);
}

describe('server process lifecycle', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-lifecycle-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(running.map((c) => new Promise((r) => c.once('exit', r))));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('recovers from kill -9 with data intact and leaves no postgres behind after SIGTERM', async () => {
    const first = await startProcess(dataDir);
    const client = new Client({
      host: '127.0.0.1',
      port: first.pgPort,
      user: 'gongkai',
      password: 'gongkai-local',
      database: 'gongkai',
    });
    await client.connect();
    await client.query('CREATE TABLE lifecycle_marker (note text)');
    await client.query("INSERT INTO lifecycle_marker VALUES ('before the crash')");
    await client.end();

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(await postmasterAlive(first.pgPort)).toBe(true); // the orphan is still there

    const second = await startProcess(dataDir);
    expect(await postmasterAlive(first.pgPort)).toBe(second.pgPort === first.pgPort);
    const check = new Client({
      host: '127.0.0.1',
      port: second.pgPort,
      user: 'gongkai',
      password: 'gongkai-local',
      database: 'gongkai',
    });
    await check.connect();
    const rows = await check.query('SELECT note FROM lifecycle_marker');
    await check.end();
    expect(rows.rows).toEqual([{ note: 'before the crash' }]);

    second.child.kill('SIGTERM');
    const code = await new Promise((r) => second.child.once('exit', r));
    expect(code).toBe(0);
    expect(await postmasterAlive(second.pgPort)).toBe(false);
  }, 60_000);

  it('stops cleanly, PostgreSQL included, when the process that started it is killed', async () => {
    // Like `pnpm start`: a parent shell that does not pass SIGTERM on to the server.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${MAIN}"; true`], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        PORT: '0',
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_DEMO_DATA: 'false',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(shell);
    let output = '';
    shell.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 20_000;
    while (!/running at/.test(output) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const pgPort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(await postmasterAlive(pgPort)).toBe(true);
    shell.kill('SIGKILL');
    const stopped = Date.now() + 15_000;
    while ((await postmasterAlive(pgPort)) && Date.now() < stopped) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await postmasterAlive(pgPort)).toBe(false);
  }, 60_000);

  it('exits non-zero with one clear line when DATABASE_URL is unreachable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'gongkai: cannot connect to PostgreSQL at 127.0.0.1:1/none: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});
