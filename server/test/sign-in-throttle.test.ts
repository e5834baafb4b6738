import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import * as password from '../src/modules/auth/password';
import { addressKey } from '../src/modules/auth/sign-in-throttle';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, PASSWORD, type World } from './support/world';

// Count every argon2 verification the in-process server does.
jest.mock('../src/modules/auth/password', () => {
  const actual = jest.requireActual<typeof password>('../src/modules/auth/password');
  return { ...actual, verifyPassword: jest.fn(actual.verifyPassword) };
});
const verifications = (): number => (password.verifyPassword as jest.Mock).mock.calls.length;

type Answer = {
  status: number;
  retryAfter: string | undefined;
  code: string;
  reason: string | undefined;
  seconds: number | undefined;
  ms: number;
};

const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }';

/** Signs in over a real TCP connection from a chosen loopback address (127.0.0.0/8). */
function signInFrom(port: number, from: string, username: string, pass: string): Promise<Answer> {
  const started = performance.now();
  const body = JSON.stringify({ query: SIGN_IN, variables: { i: { username, password: pass } } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const parsed = JSON.parse(text) as {
            errors?: {
              extensions?: { code?: string; reason?: string; params?: { seconds?: number } };
            }[];
          };
          const error = parsed.errors?.[0]?.extensions;
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            code: error?.code ?? 'OK',
            reason: error?.reason,
            seconds: error?.params?.seconds,
            ms: performance.now() - started,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function portOf(app: TestApp): number {
  const address = app.app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return address.port;
}

describe('sign-in throttling', () => {
  let app: TestApp;
  let w: World;
  let db: Client;
  const children: ChildProcess[] = [];

  /** Lets the lock windows of the given keys pass, as if the clock moved on. */
  async function windowPasses(): Promise<void> {
    await db.query(
      `UPDATE sign_in_throttles SET locked_until = now() - interval '1 second' WHERE locked_until > now()`,
    );
  }

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve(),
      ),
    );
    await db.end();
    await app.close();
  });

  it('refuses the 6th to 50th wrong password fast, without argon2, with Retry-After; the right one only after the window', async () => {
    const port = portOf(app);
    const user = w.username.bureauA1;
    const before = verifications();
    const answers: Answer[] = [];
    for (let i = 1; i <= 50; i += 1)
      answers.push(await signInFrom(port, '127.0.0.2', user, `wrong-${i}`));

    expect(answers.slice(0, 5).map((a) => a.reason)).toEqual(
      Array(5).fill('auth.wrongCredentials'),
    );
    const refused = answers.slice(5);
    expect(refused).toHaveLength(45);
    for (const a of refused) {
      expect(a).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'auth.tooManyAttempts' });
      expect(a.seconds).toBeGreaterThan(0);
      expect(a.seconds).toBeLessThanOrEqual(30);
      expect(a.retryAfter).toBe(String(a.seconds));
    }
    expect(verifications() - before).toBe(5); // the 45 refusals cost no argon2
    const medianRefusal = refused.map((a) => a.ms).sort((a, b) => a - b)[22] ?? Infinity;
    const fastestCheck = Math.min(...answers.slice(0, 5).map((a) => a.ms));
    expect(medianRefusal).toBeLessThan(Math.max(fastestCheck, 250));

    // The right password is refused while locked, from this or any other address.
    const locked = await signInFrom(port, '127.0.0.2', user, PASSWORD);
    expect(locked.reason).toBe('auth.tooManyAttempts');
    expect((await signInFrom(port, '127.0.0.3', user, PASSWORD)).reason).toBe(
      'auth.tooManyAttempts',
    );
    expect(verifications() - before).toBe(5);

    // Another account from the same address is unaffected (5 failures < the address's 20).
    expect((await signInFrom(port, '127.0.0.2', w.username.bureauA2, PASSWORD)).code).toBe('OK');

    await windowPasses();
    expect((await signInFrom(port, '127.0.0.2', user, PASSWORD)).code).toBe('OK');
    // A success forgets the account's failures: the next wrong password is an ordinary one.
    expect((await signInFrom(port, '127.0.0.2', user, 'wrong')).reason).toBe(
      'auth.wrongCredentials',
    );
  });

  it('backs off in steps: one more failure after a lock doubles the wait', async () => {
    const port = portOf(app);
    const user = w.username.bureauB1;
    for (let i = 0; i < 5; i += 1) await signInFrom(port, '127.0.0.4', user, 'wrong');
    const first = await signInFrom(port, '127.0.0.4', user, 'wrong');
    expect(first.seconds).toBeGreaterThan(25);
    expect(first.seconds).toBeLessThanOrEqual(30);
    await windowPasses();
    expect((await signInFrom(port, '127.0.0.4', user, 'wrong')).reason).toBe(
      'auth.wrongCredentials',
    );
    const second = await signInFrom(port, '127.0.0.4', user, 'wrong');
    expect(second.seconds).toBeGreaterThan(55);
    expect(second.seconds).toBeLessThanOrEqual(60);
  });

  it('locks an address that tries many accounts, leaving other addresses alone', async () => {
    const port = portOf(app);
    for (let i = 0; i < 20; i += 1)
      expect((await signInFrom(port, '127.0.0.5', `nobody-${i}`, 'guess')).reason).toBe(
        'auth.wrongCredentials',
      );
    const before = verifications();
    const refused = await signInFrom(port, '127.0.0.5', w.username.reviewer, PASSWORD);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'auth.tooManyAttempts' });
    expect(verifications()).toBe(before);
    expect((await signInFrom(port, '127.0.0.6', w.username.reviewer, PASSWORD)).code).toBe('OK');
  });

  it('shares the counts between two server processes on one database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-throttle-'));
    const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: '0',
        DATABASE_URL: app.databaseUrl,
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_DEMO_DATA: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 30_000;
    while (!/running at http:\/\/\S+:(\d+)/.test(output)) {
      if (child.exitCode !== null) throw new Error(`second server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`second server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const otherPort = Number(/running at http:\/\/\S+:(\d+)/.exec(output)?.[1]);

    const user = w.username.supervisor;
    const ports = [portOf(app), otherPort, portOf(app), otherPort, portOf(app)];
    for (const port of ports)
      expect((await signInFrom(port, '127.0.0.7', user, 'wrong')).reason).toBe(
        'auth.wrongCredentials',
      );
    expect((await signInFrom(otherPort, '127.0.0.7', user, PASSWORD)).reason).toBe(
      'auth.tooManyAttempts',
    );
    expect((await signInFrom(portOf(app), '127.0.0.8', user, PASSWORD)).reason).toBe(
      'auth.tooManyAttempts',
    );
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);
});

describe('client address behind a reverse proxy', () => {
  it('reads X-Forwarded-For only from proxies named in GONGKAI_TRUST_PROXY', async () => {
    const keysAfterSignIn = async (app: TestApp): Promise<string[]> => {
      await app
        .http()
        .post('/graphql')
        .set('x-forwarded-for', '203.0.113.9')
        .send({ query: SIGN_IN, variables: { i: { username: 'nobody', password: 'guess' } } });
      const db = new Client({ connectionString: app.databaseUrl });
      await db.connect();
      const rows = await db.query<{ key: string }>(
        `SELECT key FROM sign_in_throttles WHERE scope = 'address'`,
      );
      await db.end();
      return rows.rows.map((r) => r.key);
    };
    const direct = await createTestApp();
    const proxied = await createTestApp({ env: { GONGKAI_TRUST_PROXY: 'loopback' } });
    try {
      expect(await keysAfterSignIn(direct)).toEqual(['127.0.0.1']);
      expect(await keysAfterSignIn(proxied)).toEqual(['203.0.113.9']);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});

describe(addressKey.name, () => {
  it.each([
    ['127.0.0.2', '127.0.0.2'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('returns the key of %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
