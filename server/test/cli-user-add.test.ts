import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { runCli } from '../src/cli/main';
import { ServerProcesses } from './support/server-process';
import { freshDatabase } from './support/fresh-database';

const CLI = join(__dirname, '..', 'dist', 'cli', 'main.js');
const SECRET = 'a-production-secret-of-more-than-32-characters';

async function run(argv: string[], env: Record<string, string>, stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    io: { out: (t) => (out += t), err: (t) => (err += t) },
    env: { NODE_ENV: 'test', GONGKAI_DEMO_DATA: 'false', ...env },
    readStdin: async () => stdin,
  });
  return { code, out, err };
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Runs a built entry point to its end. */
async function runProcess(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, out, err };
}

const servers = new ServerProcesses();
const dataDirs: string[] = [];

/** Starts the built server as an operator would and waits for its banner. */
async function startServer(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ url: string }> {
  dataDirs.push(dataDir);
  const { url } = await servers.start(env);
  return { url };
}

describe('gongkai user add', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await servers.stopAll();
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
    for (const c of cleanups.reverse()) await c();
  });

  it('creates the root organization and a first admin with a one-time password on an empty database', async () => {
    const db = await freshDatabase('cli');
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url };
    const first = await run(
      ['user', 'add', 'admin', '--role', 'admin', '--name', '系统管理员'],
      env,
    );
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const otp = /one-time password: (\S+)/.exec(first.out)?.[1];
    expect(otp).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const [user] = await query<{
      role: string;
      must_change_password: boolean;
      name: string;
      code: string;
    }>(
      db.url,
      `SELECT u.role, u.must_change_password, o.name, o.code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.username = 'admin'`,
    );
    expect(user).toEqual({
      role: 'ADMIN',
      must_change_password: true,
      name: '本级人民政府',
      code: 'root',
    });
    const audit = await query<{ action: string; data: unknown }>(
      db.url,
      'SELECT action, data FROM audit_events',
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['organization.create', 'user.create']);
    expect(JSON.stringify(audit)).not.toContain(otp!);

    // the second account lands in the same root; a password from stdin needs no change
    const second = await run(
      ['user', 'add', 'reviewer1', '--role', 'reviewer', '--password-stdin'],
      env,
      'a-good-password-7\n',
    );
    expect(second).toMatchObject({ code: 0, err: '' });
    expect(second.out).not.toContain('one-time password');
    const [reviewer] = await query<{ must_change_password: boolean }>(
      db.url,
      `SELECT must_change_password FROM users WHERE username = 'reviewer1'`,
    );
    expect(reviewer!.must_change_password).toBe(false);
  });

  it('answers exit code 2 with one line for every mistake, writing nothing', async () => {
    const db = await freshDatabase('cli');
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url };
    expect(
      (
        await run(
          ['user', 'add', 'admin', '--role', 'admin', '--organization-name', '测试市人民政府'],
          env,
        )
      ).code,
    ).toBe(0);
    const count = async () =>
      (
        await query<{ n: number }>(
          db.url,
          'SELECT (SELECT count(*) FROM users)::int + (SELECT count(*) FROM organizations)::int AS n',
        )
      )[0]!.n;
    const before = await count();
    for (const [argv, stdin, reason] of [
      [['user', 'add', 'admin', '--role', 'admin'], '', /username admin is taken/],
      [['user', 'add', 'bad name!', '--role', 'admin'], '', /username "bad name!"/],
      [['user', 'add', 'x1y2z3', '--role', 'king'], '', /--role must be/],
      [['user', 'add', 'x1y2z3'], '', /--role is required/],
      [
        ['user', 'add', 'x1y2z3', '--role', 'admin', '--organization', 'NOPE'],
        '',
        /no organization has the code "NOPE"/,
      ],
      [
        ['user', 'add', 'x1y2z3', '--role', 'admin', '--password-stdin'],
        'short\n',
        /at least 10 characters/,
      ],
      [
        ['user', 'add', 'x1y2z3', '--role', 'admin', '--password-stdin'],
        'password123\n',
        /too common/,
      ],
      [
        ['user', 'add', 'x1y2z3', '--role', 'admin', '--organization-name', '另一个'],
        '',
        /already has its top-level organization/,
      ],
      [['user', 'add', 'x1y2z3', '--role', 'admin', '--bogus', '1'], '', /unknown option --bogus/],
    ] as [string[], string, RegExp][]) {
      const res = await run(argv, env, stdin);
      expect({ argv, code: res.code }).toEqual({ argv, code: 2 });
      expect(res.err).toMatch(reason);
      expect(res.err.trim().split('\n')).toHaveLength(1);
    }
    expect(await count()).toBe(before);
    const [root] = await query<{ name: string }>(db.url, 'SELECT name FROM organizations');
    expect(root!.name).toBe('测试市人民政府');
  });

  it('leaves a server running on the data folder alone and says so', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-cli-running-'));
    await chmod(dataDir, 0o755);
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      GONGKAI_DEMO_DATA: 'false',
      GONGKAI_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: '0',
    };
    const { url } = await startServer(env, dataDir);
    const res = await runProcess([CLI, 'user', 'add', 'admin', '--role', 'admin'], env);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/the data folder .* is in use by .*; stop it first/);
    expect(res.err.trim().split('\n')).toHaveLength(1);
    expect((await request(url).get('/health')).status).toBe(200);
  }, 60_000);

  it('sets up a production system: start, add the first admin, sign in, change the one-time password, work', async () => {
    const db = await freshDatabase('cli');
    cleanups.push(db.drop);
    const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-prod-'));
    await chmod(dataDir, 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      GONGKAI_SECRET: SECRET,
      DATABASE_URL: db.url,
      GONGKAI_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    delete env.GONGKAI_DEMO_DATA;
    const { url } = await startServer(env, dataDir);
    const { code, out, err } = await runProcess(
      [CLI, 'user', 'add', 'admin', '--role', 'admin', '--name', '系统管理员'],
      env,
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const otp = /one-time password: (\S+)/.exec(out)![1]!;

    const gql = async (query: string, variables: Record<string, unknown> = {}, cookie?: string) => {
      const req = request(url).post('/graphql').set('content-type', 'application/json');
      if (cookie) req.set('cookie', cookie);
      return req.send({ query, variables });
    };
    const signedIn = await gql(
      'mutation($i: SignInInput!) { signIn(input: $i) { mustChangePassword user { role } } }',
      { i: { username: 'admin', password: otp } },
    );
    expect(signedIn.body.data.signIn).toEqual({
      mustChangePassword: true,
      user: { role: 'ADMIN' },
    });
    const cookieHeader = (signedIn.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookieHeader).toMatch(/Secure/);
    const cookie = cookieHeader.split(';')[0]!;
    const blocked = await gql('{ users { totalCount } }', {}, cookie);
    expect(blocked.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'auth.passwordChangeRequired',
    });
    const changed = await gql(
      'mutation($i: ChangeOwnPasswordInput!) { changeOwnPassword(input: $i) { mustChangePassword } }',
      { i: { currentPassword: otp, newPassword: 'production-admin-2025' } },
      cookie,
    );
    expect(changed.body.data.changeOwnPassword.mustChangePassword).toBe(false);
    const works = await gql('{ users { totalCount edges { node { username } } } }', {}, cookie);
    expect(works.body.data.users).toEqual({
      totalCount: 1,
      edges: [{ node: { username: 'admin' } }],
    });
  }, 90_000);
});
