import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openCliApp } from '../src/cli/database';
import { runCli } from '../src/cli/main';
import { RoundEntity } from '../src/modules/rounds/round.entity';
import { followChanges, startChecks } from '../src/modules/submissions/bulk-ingest.corpus';
import { PeerCorpusService } from '../src/modules/submissions/peer-corpus.service';
import { freshDatabase } from './support/fresh-database';

type Db = { url: string; drop(): Promise<void> };

async function seed(db: Db, dir: string, checkThreads: 0 | 1): Promise<void> {
  let err = '';
  const code = await runCli(
    [
      'seed',
      '--orgs',
      '240',
      '--years',
      '2',
      '--seed',
      '5',
      '--defects-rate',
      '0.3',
      '--batch',
      '60',
      '--check-threads',
      String(checkThreads),
      '--manifest',
      join(dir, `manifest-${checkThreads}.json`),
    ],
    {
      io: { out: () => undefined, err: (t) => (err += t) },
      env: {
        NODE_ENV: 'test',
        GONGKAI_DEMO_DATA: 'false',
        GONGKAI_JOBS: 'false',
        DATABASE_URL: db.url,
      },
      readStdin: async () => '',
    },
  );
  if (code !== 0) throw new Error(`seed with ${checkThreads} check threads failed: ${err}`);
}

/**
 * Everything stored of each version, keyed by body code and year, with every id replaced by
 * what it names (ids are random per run): the peer of a peer finding, last year's version (the
 * inputs' digest, which hashes that id, is left out; what it hashes is compared).
 */
async function stored(url: string): Promise<Map<string, unknown>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      key: string;
      version: Record<string, unknown>;
      findings: Record<string, unknown>[];
    }>(
      `SELECT o.code || '|' || r.year AS key,
              jsonb_build_object(
                'status', s.status, 'versions', s.version_count, 'returns', s.return_count,
                'submitted', s.first_submitted_at, 'approved', s.approved_at,
                'published', s.published_at, 'counted', s.submitted_version_id = v.id,
                'report', v.report, 'summary', v.summary, 'errors', v.error_count,
                'warnings', v.warning_count, 'infos', v.info_count, 'gaps', v.gap_count,
                'hash', v.content_hash, 'source', v.source,
                'previous', (SELECT po.code || '|' || pr.year FROM submission_versions pv
                               JOIN submissions ps ON ps.id = pv.submission_id
                               JOIN organizations po ON po.id = ps.organization_id
                               JOIN rounds pr ON pr.id = ps.round_id
                              WHERE pv.id = v.previous_year_version_id),
                'returned', (SELECT count(*) FROM submission_returns t WHERE t.submission_id = s.id),
                'inputs', (SELECT to_jsonb(i) - 'version_id' - 'submission_id' - 'organization_id'
                                  - 'round_id' - 'previous_version_id' - 'computed_at'
                                  -- a digest of the above, last year's version id included
                                  - 'digest'
                             FROM version_scoring_inputs i WHERE i.version_id = v.id)
              ) AS version,
              COALESCE((SELECT jsonb_agg(f - 'data' || jsonb_build_object('peer',
                                 (SELECT qo.code || '|' || qr.year FROM submission_versions qv
                                    JOIN submissions qs ON qs.id = qv.submission_id
                                    JOIN organizations qo ON qo.id = qs.organization_id
                                    JOIN rounds qr ON qr.id = qs.round_id
                                   WHERE qv.id = (f->'data'->>'peerVersionId')::uuid
                                     AND qo.id = (f->'data'->>'peerOrganizationId')::uuid))
                                 ORDER BY n)
                          FROM jsonb_array_elements(v.findings) WITH ORDINALITY AS e(f, n)),
                       '[]'::jsonb) AS findings
         FROM submissions s
         JOIN organizations o ON o.id = s.organization_id
         JOIN rounds r ON r.id = s.round_id
         JOIN submission_versions v ON v.submission_id = s.id`,
    );
    return new Map(rows.map((r) => [r.key, { ...r.version, findings: r.findings }]));
  } finally {
    await client.end();
  }
}

describe('bulk ingestion on a check thread or on the writing thread', () => {
  let one: Db;
  let none: Db;
  let dir: string;

  beforeAll(async () => {
    [one, none] = await Promise.all([freshDatabase('bulk1'), freshDatabase('bulk0')]);
    dir = await mkdtemp(join(tmpdir(), 'gongkai-bulk-'));
  });

  afterAll(async () => {
    await one?.drop();
    await none?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the same versions, findings and scoring inputs for the same nation', async () => {
    await seed(one, dir, 1);
    await seed(none, dir, 0);
    const [threaded, inline] = await Promise.all([stored(one.url), stored(none.url)]);
    // the nation's bodies file in both years, with findings of every kind, peers included
    expect(threaded.size).toBeGreaterThan(400);
    const all = [...threaded.values()] as {
      previous: string | null;
      findings: { rule: string; peer: string | null }[];
    }[];
    const peers = all.flatMap((v) => v.findings.filter((f) => f.rule === 'originality.peer'));
    expect(peers.length).toBeGreaterThan(0);
    expect(peers.every((f) => typeof f.peer === 'string')).toBe(true);
    expect(new Set(all.flatMap((v) => v.findings.map((f) => f.rule))).size).toBeGreaterThan(5);
    // the second year's checks compared with the first year's reports
    expect(all.filter((v) => v.previous !== null).length).toBeGreaterThan(150);
    expect([...threaded.keys()].sort()).toEqual([...inline.keys()].sort());
    const differing = [...threaded.keys()].filter(
      (key) => JSON.stringify(threaded.get(key)) !== JSON.stringify(inline.get(key)),
    );
    expect(differing).toEqual([]);
    for (const key of [...threaded.keys()].slice(0, 20))
      expect(threaded.get(key)).toEqual(inline.get(key));
  }, 240_000);

  it("follows other sessions' saves into the checks' peer corpus between batches", async () => {
    const client = new Client({ connectionString: one.url });
    await client.connect();
    const cli = await openCliApp({
      NODE_ENV: 'test',
      GONGKAI_DEMO_DATA: 'false',
      GONGKAI_JOBS: 'false',
      DATABASE_URL: one.url,
    });
    try {
      const manager = cli.dataSource.manager;
      const round = await manager.findOneOrFail(RoundEntity, {
        where: { year: 2025 },
        order: { createdAt: 'DESC' },
      });
      // two submitted bodies of the round: a's counting version, b's report
      const [a, b] = (
        await client.query<{ id: string; organization_id: string; version_id: string }>(
          `SELECT s.id, s.organization_id, s.submitted_version_id AS version_id FROM submissions s
            WHERE s.round_id = $1 AND s.submitted_version_id IS NOT NULL
            ORDER BY s.organization_id LIMIT 2`,
          [round.id],
        )
      ).rows;
      const checks = await startChecks(manager, cli.app.get(PeerCorpusService), round, 0);
      try {
        expect(checks.held.get(a!.organization_id)).toBe(a!.version_id);
        await followChanges(manager, cli.app.get(PeerCorpusService), checks, round);
        expect(checks.held.get(a!.organization_id)).toBe(a!.version_id);
        // another session makes b's version a's counting one
        await client.query(
          'UPDATE submissions SET submitted_version_id = $2, updated_at = now() WHERE id = $1',
          [a!.id, b!.version_id],
        );
        await followChanges(manager, cli.app.get(PeerCorpusService), checks, round);
        expect(checks.held.get(a!.organization_id)).toBe(b!.version_id);
        // a body checked now meets b's prose under a's name
        const report = (
          await client.query<{ report: Record<string, unknown> }>(
            'SELECT report FROM submission_versions WHERE id = $1',
            [b!.version_id],
          )
        ).rows[0]!.report;
        const outcome = await checks.port.check({
          year: 2025,
          check: true,
          items: [
            {
              index: 0,
              organizationId: '00000000-0000-4000-8000-000000000000',
              organizationName: '新机构',
              report: { ...report, organization: { name: '新机构', region: null } },
              previous: null,
            },
          ],
        });
        const peers = (
          JSON.parse(outcome.checked[0]!.findings) as {
            rule: string;
            data?: { peerOrganizationId: string; peerVersionId: string };
          }[]
        ).filter((f) => f.rule === 'originality.peer');
        expect(peers).toContainEqual(
          expect.objectContaining({
            data: { peerOrganizationId: a!.organization_id, peerVersionId: b!.version_id },
          }),
        );
        // a body saved again that no longer reports leaves the corpus
        await client.query('UPDATE organizations SET reports = false WHERE id = $1', [
          a!.organization_id,
        ]);
        await client.query(
          'UPDATE submissions SET submitted_version_id = $2, updated_at = now() WHERE id = $1',
          [a!.id, a!.version_id],
        );
        await followChanges(manager, cli.app.get(PeerCorpusService), checks, round);
        expect(checks.held.has(a!.organization_id)).toBe(false);
      } finally {
        await checks.port.close();
      }
    } finally {
      await cli.close();
      await client.end();
    }
  });
});
