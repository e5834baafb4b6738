import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

const children: ChildProcess[] = [];

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string };

function run(dataDir: string): Run {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: '0',
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO_DATA: 'false',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

async function started(server: Run): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const url = /running at (http:\S+)/.exec(server.stdout())?.[1];
    if (url) return url;
    if (server.child.exitCode !== null)
      throw new Error(`server exited ${server.child.exitCode}: ${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${server.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));

async function health(url: string): Promise<number> {
  const res = await fetch(`${url}/health`);
  return res.status;
}

describe('one server per data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-lock-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(running.map(exited));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server with one line naming the first, which keeps answering; recovers after kill -9', async () => {
    const first = run(dataDir);
    const firstUrl = await started(first);
    expect(await health(firstUrl)).toBe(200);
    const lock = JSON.parse(await readFile(join(dataDir, 'gongkai.lock'), 'utf8')) as {
      pid: number;
      url: string;
    };
    expect(lock).toMatchObject({ pid: first.child.pid, url: firstUrl });

    const second = run(dataDir);
    expect(await exited(second.child)).toBe(1);
    const lines = second.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^gongkai: the data folder ${dataDir} is in use by another Gongkai server \\(pid ${first.child.pid}, ${firstUrl.replace(/[.:/]/g, '\\$&')}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); stop it first`,
      ),
    );
    // The first server's database was left alone.
    expect(await health(firstUrl)).toBe(200);
    const answer = await fetch(`${firstUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { user { id } } }' }),
    });
    expect(await answer.json()).toEqual({ data: { me: null } });

    first.child.kill('SIGKILL');
    await exited(first.child);
    const third = run(dataDir);
    const thirdUrl = await started(third);
    expect(await health(thirdUrl)).toBe(200);
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);
  }, 90_000);
});
