import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { FrozenRowsStore, type FrozenSource } from '../src/modules/scoring/frozen-rows.store';
import { RankingRowsReader } from '../src/modules/scoring/ranking-rows.reader';
import { ROSTERED_ORGANIZATIONS_SQL, subtreePattern } from '../src/modules/scoring/ranking.sql';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';

/** What a freeze stages for the demo city, as text per member in organization id order. */
type Staged = { organization_id: string; row: string }[];

/** What `stage` reads in its transaction besides the staged rows. */
type StagedTables = {
  staged: Staged;
  hash: string;
  members: number;
  estimated: number;
  /** `freeze_flags`: its rows, what the statistics give, and the flags joined per member. */
  flags: { n: number; estimated: number; joined: { organization_id: string; flags: string }[] };
  /** Whether `freeze_inputs` was given its primary key. */
  keyed: boolean;
};

describe('the staging of a freeze', () => {
  let app: TestApp;
  let roundId: string;
  let city: { id: string; path: string };
  let source: FrozenSource;

  beforeAll(async () => {
    app = await createTestApp({ hooks: demoDataHooks() });
    const [scope] = (await app.dataSource.query(
      `SELECT r.id AS round_id, o.id, o.path, u.id AS user_id
         FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
         JOIN users u ON u.username = 'demo-supervisor'
        WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id)
        ORDER BY r.year DESC LIMIT 1`,
    )) as { round_id: string; id: string; path: string; user_id: string }[];
    roundId = scope!.round_id;
    city = { id: scope!.id, path: scope!.path };
    const actor: Actor = {
      userId: scope!.user_id,
      username: 'demo-supervisor',
      role: Role.SUPERVISOR,
      organizationId: scope!.id,
      organizationPath: scope!.path,
      sessionId: 'test',
    };
    const reader = app.app.get(RankingRowsReader);
    const rows = await reader.source(actor, { roundId, regionId: city.id });
    source = {
      resultId: rows.result.id,
      population: reader.populationOf(rows),
      regionPattern: subtreePattern(city.path),
      peerGroup: null,
      previousSnapshotId: rows.previousSnapshotId,
      withFlags: reader.hasFlags,
    };
  }, 300_000);
  afterAll(() => app?.close());

  /**
   * Stages the city's members in a transaction that is rolled back, after `settings`; returns
   * what was staged, the hash, and how many rows PostgreSQL's statistics give the staged members.
   */
  async function stage(settings: string[]): Promise<StagedTables> {
    const store = app.app.get(FrozenRowsStore);
    let result: StagedTables | null = null;
    await app.dataSource
      .transaction(async (manager) => {
        for (const setting of settings) await manager.query(setting);
        const { hash } = await store.stageInputs(
          manager,
          { roundId, regionPath: city.path, peerGroup: null },
          source,
        );
        const staged = (await manager.query(
          `SELECT organization_id, row_to_json(f)::text AS row
             FROM freeze_inputs f ORDER BY organization_id`,
        )) as Staged;
        const [members] = (await manager.query(
          `SELECT (SELECT count(*)::int FROM freeze_members) AS n,
                  (SELECT reltuples::int FROM pg_class WHERE oid = 'freeze_members'::regclass) AS estimated`,
        )) as { n: number; estimated: number }[];
        const [flags] = (await manager.query(
          `SELECT (SELECT count(*)::int FROM freeze_flags) AS n,
                  (SELECT reltuples::int FROM pg_class WHERE oid = 'freeze_flags'::regclass) AS estimated,
                  EXISTS (SELECT 1 FROM pg_index
                           WHERE indrelid = 'freeze_inputs'::regclass AND indisprimary) AS keyed`,
        )) as { n: number; estimated: number; keyed: boolean }[];
        const joined = (await manager.query(
          `SELECT organization_id, flags::text AS flags FROM freeze_inputs
            WHERE flags <> '[]'::jsonb ORDER BY organization_id`,
        )) as { organization_id: string; flags: string }[];
        result = {
          staged,
          hash,
          members: members!.n,
          estimated: members!.estimated,
          flags: { n: flags!.n, estimated: flags!.estimated, joined },
          keyed: flags!.keyed,
        };
        throw new Error('rolled back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'rolled back') throw error;
      });
    return result!;
  }

  it('knows how many members it joins, so that a fresh result is not joined row by row', async () => {
    const { staged, members, estimated } = await stage([]);
    expect(members).toBeGreaterThan(100);
    expect(members).toBe(staged.length);
    expect(estimated).toBe(members);
  });

  it('stages the same members, fields and digests whatever the join methods', async () => {
    const planned = await stage([]);
    const nested = await stage([
      'SET LOCAL enable_hashjoin = off',
      'SET LOCAL enable_mergejoin = off',
    ]);
    expect(planned.staged.length).toBeGreaterThan(100);
    expect(nested.staged).toEqual(planned.staged);
    expect(nested.hash).toBe(planned.hash);
    const members = planned.staged.filter(
      (row) => (JSON.parse(row.row) as { member: boolean }).member,
    );
    expect(members.length).toBe(planned.staged.length);
  });

  it('stages the flags of the members in a table of their own, analyzed, and joins each its own', async () => {
    const { flags, staged } = await stage([]);
    expect(flags.n).toBeGreaterThan(0);
    expect(flags.estimated).toBe(flags.n);
    // one staged row per flagged member, holding that member's flags in the result's order
    expect(flags.joined).toHaveLength(flags.n);
    const expected = (await app.dataSource.query(
      `SELECT rf.organization_id,
              jsonb_agg(jsonb_build_object('id', rf.flag_id, 'severity', rf.severity)
                        ORDER BY rf.ordinal)::text AS flags
         FROM ranking_result_flags rf
        WHERE rf.result_id = $1 AND rf.organization_id = ANY($2::uuid[])
        GROUP BY rf.organization_id ORDER BY rf.organization_id`,
      [source.resultId, staged.map((row) => row.organization_id)],
    )) as { organization_id: string; flags: string }[];
    expect(
      flags.joined.map((row) => ({
        organization_id: row.organization_id,
        flags: (JSON.parse(row.flags) as { id: string; severity: string }[]).map(
          ({ id, severity }) => ({ id, severity }),
        ),
      })),
    ).toEqual(
      expected.map((row) => ({
        organization_id: row.organization_id,
        flags: JSON.parse(row.flags) as unknown,
      })),
    );
  });

  it('keys the staged rows only when some members may have a roster', async () => {
    const rostered = (await app.dataSource.query(ROSTERED_ORGANIZATIONS_SQL, [
      subtreePattern(city.path),
    ])) as unknown[];
    const { keyed } = await stage([]);
    expect(keyed).toBe(rostered.length > 0);
    // without candidates (their posts and roster edits hidden in the transaction) no key is built
    const { keyed: unkeyed, staged } = await stage([
      `CREATE TEMP VIEW post_assignment_terms AS
         SELECT * FROM public.post_assignment_terms WHERE false`,
      `CREATE TEMP VIEW post_vacancy_terms AS SELECT * FROM public.post_vacancy_terms WHERE false`,
      `CREATE TEMP VIEW audit_trail AS SELECT * FROM public.audit_trail WHERE false`,
    ]);
    expect(unkeyed).toBe(false);
    expect(staged.length).toBeGreaterThan(100);
  });
});
