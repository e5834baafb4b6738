import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { Client } from 'pg';
import { openCliApp } from '../src/cli/database';
import { runCli } from '../src/cli/main';
import { computeWritten } from '../src/modules/scoring/version-inputs.memory';
import { storeVersionInputs } from '../src/modules/scoring/version-inputs.store';
import {
  VERSIONS_WRITTEN,
  type VersionsWrittenObserver,
} from '../src/modules/submissions/versions-written.port';
import { freshDatabase } from './support/fresh-database';

type Db = { url: string; drop(): Promise<void> };
const ENV = { NODE_ENV: 'test', GONGKAI_DEMO_DATA: 'false', GONGKAI_JOBS: 'false' };

/** Every stored scoring input but the instant it was computed, by version id. */
async function inputs(client: Client): Promise<Map<string, Record<string, unknown>>> {
  const { rows } = await client.query<{ id: string; row: Record<string, unknown> }>(
    `SELECT version_id AS id, to_jsonb(i) - 'computed_at' AS row FROM version_scoring_inputs i`,
  );
  return new Map(rows.map((r) => [r.id, r.row]));
}

/** The same JSON with every object's keys in the reverse order (as a report built elsewhere). */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reversed((value as Record<string, unknown>)[k])]),
  );
}

/** Stores the versions' scoring inputs as read back from the stored versions (SQL). */
async function readBack(client: Client, ids: readonly string[]): Promise<void> {
  const query = async (sql: string, parameters?: unknown[]) =>
    (await client.query(sql, parameters)).rows as unknown[];
  for (let i = 0; i < ids.length; i += 200) await storeVersionInputs(query, ids.slice(i, i + 200));
}

describe('scoring inputs computed beside the bulk checks', () => {
  let db: Db;
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    db = await freshDatabase('bulkinputs');
    dir = await mkdtemp(join(tmpdir(), 'gongkai-bulk-inputs-'));
    let err = '';
    const code = await runCli(
      [
        'seed',
        '--orgs',
        '200',
        '--years',
        '3',
        '--seed',
        '9',
        '--defects-rate',
        '0.4',
        '--batch',
        '70',
        '--manifest',
        join(dir, 'manifest.json'),
      ],
      {
        io: { out: () => undefined, err: (t) => (err += t) },
        env: { ...ENV, DATABASE_URL: db.url },
        readStdin: async () => '',
      },
    );
    if (code !== 0) throw new Error(`seed failed: ${err}`);
    client = new Client({ connectionString: db.url });
    await client.connect();
  }, 240_000);

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the rows that reading the stored versions back gives, digests included', async () => {
    const bulk = await inputs(client);
    const versions = (await client.query<{ id: string }>('SELECT id FROM submission_versions'))
      .rows;
    expect(versions.length).toBeGreaterThan(450);
    expect([...bulk.keys()].sort()).toEqual(versions.map((v) => v.id).sort());
    const rows = [...bulk.values()];
    // the comparisons with last year's report went both ways
    expect(rows.filter((r) => r.previous_version_id !== null).length).toBeGreaterThan(250);
    for (const fact of ['same_prose', 'same_tables'])
      expect(new Set(rows.map((r) => r[fact]))).toEqual(new Set([false, null]));
    expect(rows.filter((r) => (r.flags as unknown[]).length > 0).length).toBeGreaterThan(20);

    await client.query('DELETE FROM version_scoring_inputs');
    const ids = versions.map((v) => v.id);
    await readBack(client, ids);
    const read = await inputs(client);
    const differing = ids.filter(
      (id) => JSON.stringify(bulk.get(id)) !== JSON.stringify(read.get(id)),
    );
    expect(differing).toEqual([]);
    expect(read.get(ids[0]!)).toEqual(bulk.get(ids[0]!));
  });

  it('computes what reading back gives, for prose and tables as last year and keys in any order', async () => {
    // last year's prose (with other spaces), tables, or both; prose that is all blank
    const edits = [
      `jsonb_set(v.report, '{sections}', (SELECT jsonb_object_agg(k, CASE WHEN jsonb_typeof(t)
         = 'string' THEN to_jsonb(' ' || (t #>> '{}') || E'\u3000\n') ELSE t END)
         FROM jsonb_each(pv.report->'sections') AS e(k, t)))`,
      `jsonb_set(v.report, '{tables}', pv.report->'tables')`,
      `jsonb_set(jsonb_set(v.report, '{tables}', pv.report->'tables'), '{sections}',
         pv.report->'sections')`,
      `jsonb_set(v.report, '{sections}', (SELECT jsonb_object_agg(k, 'null'::jsonb)
         FROM jsonb_each(pv.report->'sections') AS e(k, t)))`,
    ];
    // versions are immutable (a trigger the table's owner may switch off): this test edits them
    await client.query(
      'ALTER TABLE submission_versions DISABLE TRIGGER tr_submission_versions_immutable',
    );
    for (const [i, edit] of edits.entries())
      await client.query(
        `UPDATE submission_versions v SET report = ${edit}
           FROM submission_versions pv
          WHERE pv.id = v.previous_year_version_id
            AND v.id IN (SELECT id FROM submission_versions WHERE previous_year_version_id IS NOT NULL
                          ORDER BY id OFFSET $1 LIMIT 12)`,
        [i * 12],
      );
    await client.query(
      'ALTER TABLE submission_versions ENABLE TRIGGER tr_submission_versions_immutable',
    );
    const ids = (await client.query<{ id: string }>('SELECT id FROM submission_versions')).rows;
    await readBack(
      client,
      ids.map((v) => v.id),
    );
    const read = [...(await inputs(client)).values()];
    for (const fact of ['same_prose', 'same_tables'])
      expect(new Set(read.map((r) => r[fact]))).toEqual(new Set([true, false, null]));

    const { rows } = await client.query<{
      id: string;
      report: unknown;
      findings: unknown;
      previous_id: string | null;
      previous_report: unknown;
      previous_errors: number | null;
      previous_warnings: number | null;
      stored: Record<string, unknown>;
    }>(
      `SELECT v.id, v.report, v.findings, pv.id AS previous_id, pv.report AS previous_report,
              pv.error_count AS previous_errors, pv.warning_count AS previous_warnings,
              to_jsonb(i) - 'computed_at' - 'version_id' - 'submission_id' - 'organization_id'
                - 'round_id' AS stored
         FROM submission_versions v
         JOIN version_scoring_inputs i ON i.version_id = v.id
         LEFT JOIN submission_versions pv ON pv.id = v.previous_year_version_id
        ORDER BY v.id`,
    );
    expect(rows.length).toBeGreaterThan(450);
    for (const row of rows) {
      const computed = computeWritten({
        versionId: row.id,
        report: JSON.stringify(reversed(row.report)),
        findings: JSON.stringify(reversed(row.findings)),
        previous: row.previous_id
          ? {
              versionId: row.previous_id,
              report: JSON.stringify(reversed(row.previous_report)),
              errorCount: row.previous_errors!,
              warningCount: row.previous_warnings!,
            }
          : null,
      });
      expect({ id: row.id, row: JSON.parse(computed!) }).toEqual({ id: row.id, row: row.stored });
    }
  });

  it('is offered to the bulk path by the scoring inputs writer', async () => {
    const cli = await openCliApp({ ...ENV, DATABASE_URL: db.url });
    try {
      const observer = cli.app.get<VersionsWrittenObserver>(VERSIONS_WRITTEN);
      const version = {
        versionId: 'v',
        report: JSON.stringify(generateConsistentReport(7, '2021', 2024)),
        findings: '[]',
        previous: null,
      };
      expect(observer.computeWritten).toBeDefined();
      expect(observer.computeWritten!(version)).toBe(computeWritten(version));
    } finally {
      await cli.close();
    }
  });
});
