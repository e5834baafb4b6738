import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { Client } from 'pg';
import type { SeedManifest } from '../src/cli/commands/seed.command';
import { openCliApp } from '../src/cli/database';
import { runCli } from '../src/cli/main';
import {
  storeVersionInputs,
  versionsWithoutInputs,
} from '../src/modules/scoring/version-inputs.store';
import { BulkIngestService } from '../src/modules/submissions/bulk-ingest.service';
import { SubmissionStatus } from '../src/modules/submissions/submission.entity';
import { freshDatabase } from './support/fresh-database';

async function run(argv: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    io: { out: (t) => (out += t), err: (t) => (err += t) },
    env: { NODE_ENV: 'test', GONGKAI_DEMO_DATA: 'false', GONGKAI_JOBS: 'false', ...env },
    readStdin: async () => '',
  });
  return { code, out, err };
}

describe('gongkai seed (synthetic nation through the bulk path)', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  let client: Client;
  let manifest: SeedManifest;
  const q = async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await q<{ n: string }>(sql, params))[0]!.n);

  beforeAll(async () => {
    db = await freshDatabase('nation');
    dir = await mkdtemp(join(tmpdir(), 'gongkai-seed-'));
    const seeded = await run(
      [
        'seed',
        '--orgs',
        '300',
        '--years',
        '3',
        '--seed',
        '7',
        '--defects-rate',
        '0.2',
        '--batch',
        '100',
        '--manifest',
        join(dir, 'manifest.json'),
      ],
      { DATABASE_URL: db.url },
    );
    if (seeded.code !== 0) throw new Error(`seed failed: ${seeded.err}`);
    expect(seeded.out).toContain(join(dir, 'manifest.json'));
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as SeedManifest;
    expect(manifest.ingestCpuSeconds).toBeGreaterThan(0);
    expect(manifest.ingestSeconds).toBeGreaterThanOrEqual(manifest.ingestCpuSeconds / 4);
    // each round's CPU is part of the whole ingestion's
    const roundsCpu = manifest.rounds.reduce((sum, r) => sum + r.cpuSeconds, 0);
    expect(manifest.rounds.every((r) => r.cpuSeconds > 0)).toBe(true);
    expect(roundsCpu).toBeLessThanOrEqual(manifest.ingestCpuSeconds + 0.1 * manifest.rounds.length);
    client = new Client({ connectionString: db.url });
    await client.connect();
  }, 180_000);

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the hierarchy, one round per year and one checked version per filing', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM organizations WHERE code LIKE 'SN7%' AND reports`),
    ).toBe(300);
    expect(
      await count(`SELECT count(*) AS n FROM organizations WHERE path NOT LIKE '/' || $1 || '/%'`, [
        manifest.rootId,
      ]),
    ).toBe(0);
    const rounds = await q<{ year: number; status: string; subs: string; versions: string }>(
      `SELECT r.year, r.status, count(s.id) AS subs, count(v.id) AS versions
         FROM rounds r LEFT JOIN submissions s ON s.round_id = r.id
         LEFT JOIN submission_versions v ON v.id = s.current_version_id
        GROUP BY r.id ORDER BY r.year`,
    );
    expect(rounds.map((r) => [r.year, r.status])).toEqual([
      [2023, 'CLOSED'],
      [2024, 'CLOSED'],
      [2025, 'OPEN'],
    ]);
    for (const [i, r] of rounds.entries()) {
      expect(Number(r.subs)).toBe(manifest.rounds[i]!.reports);
      expect(Number(r.versions)).toBe(Number(r.subs));
      // most bodies file, not all
      expect(Number(r.subs)).toBeGreaterThan(240);
      expect(Number(r.subs)).toBeLessThan(300);
    }
    // every version holds check()'s findings and counts, previous year linked where it exists
    const linked = await count(
      `SELECT count(*) AS n FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
         JOIN rounds r ON r.id = s.round_id WHERE r.year > 2023 AND v.previous_year_version_id IS NOT NULL`,
    );
    expect(linked).toBeGreaterThan(400);
    expect(
      await count(
        `SELECT count(*) AS n FROM submission_versions
          WHERE error_count <> (SELECT count(*) FROM jsonb_array_elements(findings) f WHERE f->>'severity' = 'error')`,
      ),
    ).toBe(0);
    // returned reports have their review turn; every batch its audit event
    expect(
      await count(
        `SELECT count(*) AS n FROM submissions s WHERE s.status = 'RETURNED'
            AND NOT EXISTS (SELECT 1 FROM submission_returns t WHERE t.submission_id = s.id)`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'submission.bulkIngest'`),
    ).toBe(9); // three rounds of fewer than 300 filings, 100 per batch
  });

  it('writes the hierarchy through the checks of every writer: a nation on top that files no report, the provinces under it', async () => {
    expect(manifest.rootCode).toBe('SN7');
    const [root] = await q<{ code: string; level: string; reports: boolean; parent_id: null }>(
      'SELECT code, level, reports, parent_id FROM organizations WHERE id = $1',
      [manifest.rootId],
    );
    expect(root).toEqual({ code: 'SN7', level: 'NATION', reports: false, parent_id: null });
    expect(await count(`SELECT count(*) AS n FROM organizations WHERE level = 'NATION'`)).toBe(1);
    const below = await q<{ level: string }>(
      'SELECT DISTINCT level FROM organizations WHERE parent_id = $1',
      [manifest.rootId],
    );
    expect(below).toEqual([{ level: 'PROVINCE' }]);
    // one event for the whole tree, on its root
    const bodies = await count(`SELECT count(*) AS n FROM organizations WHERE code LIKE 'SN7%'`);
    expect(bodies).toBeGreaterThan(300);
    expect(
      await q(
        `SELECT organization_id, data FROM audit_events WHERE action = 'organization.import'`,
      ),
    ).toEqual([
      {
        organization_id: manifest.rootId,
        data: { created: bodies, changed: 0, moved: 0, closed: 0 },
      },
    ]);
    // the rounds are run by the nation
    expect(
      await count('SELECT count(*) AS n FROM rounds WHERE scope_organization_id <> $1', [
        manifest.rootId,
      ]),
    ).toBe(0);
  });

  it('stores the current ranking of every round, so the first reader finds it filled', async () => {
    const current = await q<{ round_id: string; organization_count: number; rows: number }>(
      `SELECT r.round_id, r.organization_count,
              (SELECT count(*) FROM ranking_result_rows x WHERE x.result_id = r.id)::int AS rows
         FROM ranking_results r
        WHERE r.day = (now() AT TIME ZONE 'Asia/Shanghai')::date
          AND r.round_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || r.round_id), 0)
          AND r.roster_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || r.round_id), 0)
          AND r.organizations_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0)`,
    );
    expect(current.map((r) => r.round_id).sort()).toEqual(manifest.rounds.map((r) => r.id).sort());
    for (const result of current) {
      expect(result.organization_count).toBeGreaterThan(0);
      expect(result.rows).toBe(result.organization_count);
    }
  });

  it('every defect of the manifest is among the stored findings of its body and year', async () => {
    expect(manifest.defects.length).toBeGreaterThan(100);
    const rows = await q<{ code: string; year: number; rules: string[] }>(
      `SELECT o.code, r.year, ARRAY(SELECT DISTINCT f->>'rule' FROM jsonb_array_elements(v.findings) f) AS rules
         FROM submissions s JOIN organizations o ON o.id = s.organization_id
         JOIN rounds r ON r.id = s.round_id JOIN submission_versions v ON v.id = s.current_version_id`,
    );
    const stored = new Map(rows.map((r) => [`${r.code}|${r.year}`, new Set(r.rules)]));
    const missed = manifest.defects.filter((d) => !stored.get(`${d.body}|${d.year}`)?.has(d.rule));
    expect(missed).toEqual([]);
    expect(new Set(manifest.defects.map((d) => d.defect)).size).toBe(7);
  });

  it('stores the scoring inputs of every seeded version in its batch, as the backfill computes them', async () => {
    const versions = await count(`SELECT count(*) AS n FROM submission_versions`);
    expect(versions).toBeGreaterThan(700);
    expect(
      await count(
        `SELECT count(*) AS n FROM submission_versions v
          WHERE NOT EXISTS (SELECT 1 FROM version_scoring_inputs i WHERE i.version_id = v.id)`,
      ),
    ).toBe(0);
    // current computation, compared with the version last year's rules compare with
    const query = async (sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as unknown[];
    expect(await versionsWithoutInputs(query, 10)).toEqual([]);
    // what the bulk path stored equals a fresh computation (digests), for every version
    const stored = new Map(
      (
        await q<{ version_id: string; digest: string }>(
          'SELECT version_id, digest FROM version_scoring_inputs',
        )
      ).map((r) => [r.version_id, r.digest]),
    );
    expect(stored.size).toBe(versions);
    await client.query('BEGIN');
    try {
      await client.query('DELETE FROM version_scoring_inputs');
      expect(await storeVersionInputs(query, [...stored.keys()])).toBe(versions);
      const fresh = await q<{ version_id: string; digest: string }>(
        'SELECT version_id, digest FROM version_scoring_inputs',
      );
      expect(fresh.filter((r) => stored.get(r.version_id) !== r.digest)).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('refuses to seed the same nation twice and leaves the database as it was', async () => {
    const before = await count('SELECT count(*) AS n FROM submissions');
    const again = await run(['seed', '--orgs', '300', '--years', '3', '--seed', '7'], {
      DATABASE_URL: db.url,
    });
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds the synthetic nation of seed 7/);
    expect(await count('SELECT count(*) AS n FROM submissions')).toBe(before);
  });

  it('rejects bad options with a reason', async () => {
    for (const [args, reason] of [
      [['seed', '--years', '2'], /--orgs is required/],
      [['seed', '--orgs', 'many', '--years', '2'], /--orgs must be a whole number/],
      [['seed', '--orgs', '10', '--years', '2', '--defects-rate', '3'], /--defects-rate/],
    ] as const) {
      const result = await run([...args], { DATABASE_URL: db.url });
      expect(result.code).toBe(2);
      expect(result.err).toMatch(reason);
    }
  });

  it('stores a batch all or nothing, naming what failed', async () => {
    const open = manifest.rounds.find((r) => r.status === 'OPEN')!;
    const missing = await q<{ id: string; name: string }>(
      `SELECT o.id, o.name FROM organizations o WHERE o.reports AND o.code LIKE 'SN7%'
          AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.organization_id = o.id AND s.round_id = $1)
        ORDER BY o.code LIMIT 4`,
      [open.id],
    );
    expect(missing).toHaveLength(4);
    const filed = (
      await q<{ id: string }>(
        'SELECT organization_id AS id FROM submissions WHERE round_id = $1 LIMIT 1',
        [open.id],
      )
    )[0]!;
    const report = (name: string, year = 2025) =>
      generateConsistentReport(3, '2021', year, { organization: { name, region: null } });
    const cli = await openCliApp({
      NODE_ENV: 'test',
      GONGKAI_DEMO_DATA: 'false',
      GONGKAI_JOBS: 'false',
      DATABASE_URL: db.url,
    });
    try {
      const bulk = cli.app.get(BulkIngestService);
      const filing = (id: string, r: unknown) => ({
        organizationId: id,
        report: r,
        status: SubmissionStatus.SUBMITTED,
        submittedAt: new Date('2026-01-20T02:00:00Z'),
      });
      const result = await bulk.ingest(
        null,
        open.id,
        [
          filing(missing[0]!.id, report(missing[0]!.name)),
          filing(missing[1]!.id, report(missing[1]!.name)),
          filing(missing[2]!.id, report(missing[2]!.name)),
          filing(missing[3]!.id, report(missing[3]!.name, 2024)),
          filing(filed.id, report('重复')),
        ],
        { batchSize: 2 },
      );
      expect(result.stored).toBe(2);
      expect(result.failure).toMatchObject({ batch: 2, count: 2 });
      expect(result.failure!.problems).toEqual([
        expect.objectContaining({
          field: 'filings[3].report.year',
          reason: { key: 'round.wrongYear', params: { expected: 2025, actual: 2024 } },
        }),
      ]);
      const stored = await q<{ organization_id: string }>(
        'SELECT organization_id FROM submissions WHERE round_id = $1 AND organization_id = ANY($2::uuid[])',
        [open.id, missing.map((m) => m.id)],
      );
      // the first batch, not the failed one (whose good filing is not half-stored)
      expect(stored.map((s) => s.organization_id).sort()).toEqual(
        [missing[0]!.id, missing[1]!.id].sort(),
      );
      // a body that already filed is refused by name
      const dup = await bulk.ingest(null, open.id, [filing(filed.id, report('重复'))]);
      expect(dup.stored).toBe(0);
      expect(dup.failure!.problems[0]!.reason?.key).toBe('bulk.alreadyFiled');
      // a closed round accepts nothing, as for a single save
      const closed = manifest.rounds.find((r) => r.status === 'CLOSED')!;
      const refused = await bulk.ingest(null, closed.id, [
        filing(missing[2]!.id, report(missing[2]!.name, closed.year)),
      ]);
      expect(refused.failure!.problems[0]!.reason?.key).toBe('round.notAccepting');
    } finally {
      await cli.close();
    }
  });

  it('a batch whose write fails in the database leaves nothing of itself behind', async () => {
    const open = manifest.rounds.find((r) => r.status === 'OPEN')!;
    const missing = await q<{ id: string; name: string }>(
      `SELECT o.id, o.name FROM organizations o WHERE o.reports AND o.code LIKE 'SN7%'
          AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.organization_id = o.id AND s.round_id = $1)
        ORDER BY o.code DESC LIMIT 4`,
      [open.id],
    );
    expect(missing).toHaveLength(4);
    // the database refuses the third body's row, after the checks passed
    await client.query(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.organization_id = '${missing[2]!.id}' THEN RAISE EXCEPTION 'disk full'; END IF;
      RETURN NEW; END $$`);
    await client.query(
      'CREATE TRIGGER test_refuse BEFORE INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION test_refuse()',
    );
    const events = () =>
      count(`SELECT count(*) AS n FROM audit_events WHERE action = 'submission.bulkIngest'`);
    const eventsBefore = await events();
    const cli = await openCliApp({
      NODE_ENV: 'test',
      GONGKAI_DEMO_DATA: 'false',
      GONGKAI_JOBS: 'false',
      DATABASE_URL: db.url,
    });
    try {
      const bulk = cli.app.get(BulkIngestService);
      await expect(
        bulk.ingest(
          null,
          open.id,
          missing.map((m, i) => ({
            organizationId: m.id,
            report: generateConsistentReport(10 + i, '2021', 2025, {
              organization: { name: m.name, region: null },
            }),
            status: SubmissionStatus.APPROVED,
            submittedAt: new Date('2026-01-10T02:00:00Z'),
          })),
          { batchSize: 2 },
        ),
      ).rejects.toThrow(/disk full/);
    } finally {
      await cli.close();
      await client.query('DROP TRIGGER test_refuse ON submissions');
      await client.query('DROP FUNCTION test_refuse()');
    }
    const stored = await q<{ organization_id: string }>(
      'SELECT organization_id FROM submissions WHERE round_id = $1 AND organization_id = ANY($2::uuid[])',
      [open.id, missing.map((m) => m.id)],
    );
    expect(stored.map((s) => s.organization_id).sort()).toEqual(
      [missing[0]!.id, missing[1]!.id].sort(),
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
          WHERE s.round_id = $1 AND s.organization_id = ANY($2::uuid[])`,
        [open.id, [missing[2]!.id, missing[3]!.id]],
      ),
    ).toBe(0);
    expect(await events()).toBe(eventsBefore + 1);
  });
  it('refuses a nation one of whose bodies the checks refuse, naming its row, and writes nothing of it', async () => {
    // a body of seed 8's nation exists already (its first province's code)
    const id = randomUUID();
    await client.query(
      `INSERT INTO organizations (id, code, name, level, path, revision)
       VALUES ($1, 'SN8-P1', '已有的省', 'PROVINCE', $2, 1)`,
      [id, `/${id}/`],
    );
    const organizations = await count('SELECT count(*) AS n FROM organizations');
    const events = await count('SELECT count(*) AS n FROM audit_events');
    const refused = await run(['seed', '--orgs', '40', '--years', '1', '--seed', '8'], {
      DATABASE_URL: db.url,
    });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /refused at organizations\.1 \(SN8-P1 \S+省人民政府\): an organization with code SN8-P1 exists; nothing was written/,
    );
    expect(await count('SELECT count(*) AS n FROM organizations')).toBe(organizations);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(events);
    expect(
      await count(
        `SELECT count(*) AS n FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id WHERE o.code LIKE 'SN8%'`,
      ),
    ).toBe(0);
  });
});
