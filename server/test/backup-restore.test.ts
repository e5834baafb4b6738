import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { createTestApp } from './test-app';
import { dropDatabase } from './support/fresh-database';
import { serverEnv, ServerProcesses, stopServer } from './support/server-process';
import { buildWorld } from './support/world';

const DIST = join(__dirname, '..', 'dist');
const servers = new ServerProcesses();

type Digest = Record<string, string>;

/** Row count and an order-independent checksum of every application table. */
async function digest(url: string): Promise<Digest> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Digest = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ n: number; sum: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
      );
      out[name] = `${row.rows[0]?.n}:${row.rows[0]?.sum}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

const pgUrl = (port: number): string =>
  `postgres://gongkai:gongkai-local@127.0.0.1:${port}/gongkai`;

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(DIST, 'cli', 'main.js'), ...args], {
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr: stderr.trim() })),
  );
}

/** Starts the built server with the demo data on a data folder; reads the embedded port. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; pgPort: number }> {
  const { child } = await servers.start(serverEnv(dataDir, { GONGKAI_DEMO_DATA: 'true' }), 120_000);
  const lock = JSON.parse(await readFile(join(dataDir, 'gongkai.lock'), 'utf8')) as {
    pgPort: number;
  };
  return { child, pgPort: lock.pgPort };
}

/** Rewrites a backup's header line (and keeps everything else as it is). */
async function withHeader(
  from: string,
  to: string,
  change: (h: { migrations: string[] }) => void,
): Promise<void> {
  const lines = gunzipSync(await readFile(from))
    .toString('utf8')
    .split('\n');
  const header = JSON.parse(lines[0]!.slice(2)) as { migrations: string[] };
  change(header);
  lines[0] = `H ${JSON.stringify(header)}`;
  await writeFile(to, gzipSync(lines.join('\n')));
}

describe('gongkai backup / restore', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'gongkai-backup-'));
    await chmod(work, 0o755);
  });

  afterAll(async () => {
    await servers.stopAll();
    await rm(work, { recursive: true, force: true });
  });

  it('round-trips the demo dataset through a backup into a fresh folder, refusing running servers, damaged files and other schema versions', async () => {
    const dirA = join(work, 'a');
    const dirB = join(work, 'b');
    const file = join(work, 'demo.backup');

    const a = await startServer(dirA);
    const backup = await cli(['backup', file], { GONGKAI_DATA_DIR: dirA });
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(
      /^backed up the running server's database in .*: \d+ tables, \d+ rows/,
    );
    const original = await digest(pgUrl(a.pgPort));
    expect(Number(original.submissions?.split(':')[0])).toBeGreaterThan(100);
    expect(Number(original.audit_events?.split(':')[0])).toBeGreaterThan(100);

    const busy = await cli(['restore', file, '--replace'], { GONGKAI_DATA_DIR: dirA });
    expect(busy.code).toBe(2);
    expect(busy.stderr.split('\n')).toHaveLength(1);
    expect(busy.stderr).toMatch(
      new RegExp(`in use by another Gongkai server \\(pid ${a.child.pid}, http://localhost:\\d+`),
    );
    await stopServer(a.child);

    const restored = await cli(['restore', file], { GONGKAI_DATA_DIR: dirB });
    expect(restored).toMatchObject({ code: 0, stderr: '' });

    const again = await cli(['restore', file], { GONGKAI_DATA_DIR: dirB });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds data; add --replace/);

    // A damaged file changes nothing, even with --replace.
    const bytes = gunzipSync(await readFile(file)).toString('utf8');
    const at = bytes.indexOf('R {', Math.floor(bytes.length / 2));
    const tampered = join(work, 'tampered.backup');
    await writeFile(tampered, gzipSync(`${bytes.slice(0, at + 5)}X${bytes.slice(at + 6)}`));
    const bad = await cli(['restore', tampered, '--replace'], { GONGKAI_DATA_DIR: dirB });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /is not a complete Gongkai backup \(checksum of table \w+ does not match\)$/,
    );

    const cut = join(work, 'cut.backup');
    const whole = await readFile(file);
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const short = await cli(['restore', cut, '--replace'], { GONGKAI_DATA_DIR: dirB });
    expect(short).toMatchObject({ code: 2 });
    expect(short.stderr).toMatch(/is not a complete Gongkai backup \(the file is cut short\)$/);

    const older = join(work, 'older.backup');
    await withHeader(file, older, (h) => h.migrations.pop());
    const version = await cli(['restore', older, '--replace'], { GONGKAI_DATA_DIR: dirB });
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(
      /was written by a database at schema version .* restore it with the Gongkai version that wrote it$/,
    );

    const notBackup = join(work, 'notes.txt');
    await writeFile(notBackup, 'hello');
    const foreign = await cli(['restore', notBackup], { GONGKAI_DATA_DIR: join(work, 'c') });
    expect(foreign).toMatchObject({ code: 2 });
    expect(foreign.stderr).toMatch(
      /notes\.txt is not a complete Gongkai backup \(not gzip or damaged\)$/,
    );

    const b = await startServer(dirB);
    expect(await digest(pgUrl(b.pgPort))).toEqual(original);
    await stopServer(b.child);
  }, 300_000);

  it('backs up and restores through DATABASE_URL', async () => {
    const app = await createTestApp();
    await buildWorld(app);
    const file = join(work, 'external.backup');
    try {
      const backup = await cli(['backup', file], { DATABASE_URL: app.databaseUrl });
      expect(backup).toMatchObject({ code: 0, stderr: '' });
      const adminUrl = process.env.GONGKAI_TEST_ADMIN_URL ?? '';
      const database = `restore_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      const target = new URL(adminUrl);
      target.pathname = `/${database}`;
      try {
        const restore = await cli(['restore', file], { DATABASE_URL: target.toString() });
        expect(restore).toMatchObject({ code: 0, stderr: '' });
        expect(await digest(target.toString())).toEqual(await digest(app.databaseUrl));
      } finally {
        await dropDatabase(admin, database);
        await admin.end();
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});
