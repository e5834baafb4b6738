import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SERVER_MAIN, serverEnv, ServerProcesses, started } from './support/server-process';

const servers = new ServerProcesses();

/** Runs the built server as a user would and waits for its banner; reads the embedded port. */
async function startProcess(dataDir: string) {
  const server = servers.spawn(serverEnv(dataDir, { LOG_LEVEL: 'info' }));
  const url = await started(server, 20_000);
  const pgPort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(server.output())?.[1]);
  return { ...server, pgPort, url };
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
    await servers.stopAll();
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
    const shell = servers.spawn(serverEnv(dataDir, { LOG_LEVEL: 'info' }), 'sh', [
      '-c',
      `"${process.execPath}" "${SERVER_MAIN}"; true`,
    ]);
    const deadline = Date.now() + 20_000;
    while (!/running at/.test(shell.stdout()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const pgPort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(shell.stdout())?.[1]);
    expect(await postmasterAlive(pgPort)).toBe(true);
    shell.child.kill('SIGKILL');
    const stopped = Date.now() + 15_000;
    while ((await postmasterAlive(pgPort)) && Date.now() < stopped) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await postmasterAlive(pgPort)).toBe(false);
  }, 60_000);

  it('exits non-zero with one clear line when DATABASE_URL is unreachable', async () => {
    const child = spawn(process.execPath, [SERVER_MAIN], {
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
