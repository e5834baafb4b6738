import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, serverEnv, ServerProcesses, started } from './support/server-process';

const servers = new ServerProcesses();
const run = (dataDir: string) => servers.spawn(serverEnv(dataDir));

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
    await servers.stopAll();
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
