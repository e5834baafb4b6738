import { shanghaiEndOfDay, toShanghaiIso } from '@gongkai/report-model';
import { FLAG_CATALOGUE } from '@gongkai/scoring';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { CurrentInputsReader } from '../src/modules/scoring/current-inputs.reader';
import { FrozenRowsStore } from '../src/modules/scoring/frozen-rows.store';
import {
  canonicalRefSql,
  refDigestSql,
  shanghaiIsoSql,
} from '../src/modules/scoring/frozen-rows.sql';
import { refDigest, type InputRef } from '../src/modules/scoring/input-ref';
import { InputRefsStore } from '../src/modules/scoring/input-refs.store';
import { ResultPointsStore } from '../src/modules/scoring/result-points.store';
import { RankingFreezeService } from '../src/modules/scoring/ranking-freeze.service';
import type { RankingRow } from '../src/modules/scoring/ranking-row';
import { RankingRowsReader } from '../src/modules/scoring/ranking-rows.reader';
import type { RankingScope } from '../src/modules/scoring/ranking.service';
import { rowsToFreeze } from '../src/modules/scoring/rows-to-freeze';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters JSON escapes, or that other writers might: quotes, controls, separators, astral. */
const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\r',
  '\b',
  '\f',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u00e9',
  '局',
  '县',
  '😀',
  '<',
  '&',
  "'",
  '{',
  ',',
  ':',
];

function text(next: () => number, max = 12): string {
  const n = Math.floor(next() * max);
  let out = '';
  for (let i = 0; i < n; i += 1) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A random instant with microseconds, as PostgreSQL reads it and as the driver's Date holds it. */
function instant(next: () => number): { sql: string; iso: string } | null {
  if (next() < 0.2) return null;
  const ms = Math.floor(Date.UTC(1984, 0, 1) + next() * 60 * 365 * 86_400_000);
  const micros = Math.floor(next() * 1000);
  const utc = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  return { sql: `${utc}${String(micros).padStart(3, '0')}+00`, iso: toShanghaiIso(ms) };
}

describe('a freeze written in PostgreSQL', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ hooks: demoDataHooks() });
  }, 300_000);
  afterAll(() => app?.close());

  it('builds each input and its digest as toInputRef and refDigest do, on random references', async () => {
    const next = random(20261207);
    const columns = [
      'organization_id',
      'organization_name',
      'region_name',
      'path',
      'peer_group',
      'kind',
      'deadline',
      'status',
      'first_at',
      'last_at',
      'returned_at',
      'version_id',
      'previous_id',
    ] as const;
    const values: Record<(typeof columns)[number], (string | null)[]> = Object.fromEntries(
      columns.map((c) => [c, []]),
    ) as never;
    const expected: InputRef[] = [];
    for (let i = 0; i < 400; i += 1) {
      const orNull = (value: string) => (next() < 0.25 ? null : value);
      const segments = Array.from({ length: Math.floor(next() * 4) }, () =>
        next() < 0.7 ? uuid(next) : text(next, 5).replace(/\//g, '') || 'x',
      );
      const path = `/${segments.join('/')}${segments.length > 0 ? '/' : ''}`;
      const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(next() * 12_000) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const [first, last, returned] = [instant(next), instant(next), instant(next)];
      const ref: InputRef = {
        organizationId: uuid(next),
        organizationName: text(next, 20),
        regionName: orNull(text(next)),
        regionPath: path.split('/').filter((segment) => segment !== ''),
        peerGroup: text(next, 8),
        departmentType: orNull(text(next)),
        deadline: shanghaiEndOfDay(day),
        status: orNull(['SUBMITTED', 'RETURNED', 'APPROVED', text(next)][i % 4]!),
        firstSubmittedAt: first?.iso ?? null,
        lastSubmittedAt: last?.iso ?? null,
        returnedAt: returned?.iso ?? null,
        versionId: orNull(uuid(next)),
        previousVersionId: orNull(uuid(next)),
        roster: null,
      };
      expected.push(ref);
      values.organization_id.push(ref.organizationId);
      values.organization_name.push(ref.organizationName);
      values.region_name.push(ref.regionName);
      values.path.push(path);
      values.peer_group.push(ref.peerGroup);
      values.kind.push(ref.departmentType);
      values.deadline.push(day);
      values.status.push(ref.status);
      values.first_at.push(first?.sql ?? null);
      values.last_at.push(last?.sql ?? null);
      values.returned_at.push(returned?.sql ?? null);
      values.version_id.push(ref.versionId);
      values.previous_id.push(ref.previousVersionId);
    }
    const fields = {
      organizationId: 't.organization_id::uuid::text',
      organizationName: 't.organization_name',
      regionName: 't.region_name',
      regionPath: `array_remove(string_to_array(t.path, '/'), '')`,
      peerGroup: 't.peer_group',
      departmentType: 't.kind',
      deadline: `t.deadline::date::text || 'T23:59:59.999+08:00'`,
      status: 't.status',
      firstSubmittedAt: shanghaiIsoSql('t.first_at::timestamptz'),
      lastSubmittedAt: shanghaiIsoSql('t.last_at::timestamptz'),
      returnedAt: shanghaiIsoSql('t.returned_at::timestamptz'),
      versionId: 't.version_id::uuid::text',
      previousVersionId: 't.previous_id::uuid::text',
    };
    const rows = (await app.dataSource.query(
      `SELECT ${refDigestSql(canonicalRefSql(fields))} AS digest,
              (${canonicalRefSql(fields)})::jsonb AS input
         FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')})
           WITH ORDINALITY AS t(${columns.join(', ')}, n)
        ORDER BY t.n`,
      columns.map((c) => values[c]),
    )) as { digest: string; input: InputRef }[];
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      expect(row.input).toEqual(expected[i]);
      expect(row.digest).toBe(refDigest(expected[i]!));
    });
  });

  describe('on the demo city', () => {
    let actor: Actor;
    let roundId: string;
    let cityId: string;
    let districtId: string;
    let peerGroup: string;

    beforeAll(async () => {
      const [scope] = (await app.dataSource.query(
        `SELECT r.id AS round_id, o.id, o.path, u.id AS user_id,
                (SELECT c.id FROM organizations c WHERE c.parent_id = o.id AND c.level <> 'DEPARTMENT'
                  ORDER BY c.name LIMIT 1) AS child
           FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
           JOIN users u ON u.username = 'demo-supervisor'
          WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id)
          ORDER BY r.year DESC LIMIT 1`,
      )) as { round_id: string; id: string; path: string; child: string; user_id: string }[];
      roundId = scope!.round_id;
      cityId = scope!.id;
      districtId = scope!.child;
      actor = {
        userId: scope!.user_id,
        username: 'demo-supervisor',
        role: Role.SUPERVISOR,
        organizationId: scope!.id,
        organizationPath: scope!.path,
        sessionId: 'test',
      };
      const rows = await app.app
        .get(RankingRowsReader)
        .page(actor, { roundId, regionId: cityId }, { first: 200 });
      const groups = new Map<string, number>();
      for (const row of rows.rows) groups.set(row.peerGroup, (groups.get(row.peerGroup) ?? 0) + 1);
      peerGroup = [...groups].sort((a, b) => b[1] - a[1])[0]![0];
    });

    /**
     * Freezes a population and compares the snapshot with what the rows and inputs read in Node
     * give (the live ranking's rows, `CurrentInputsReader`'s references and digests) and with
     * its result's stored rows and flags, field by field.
     */
    async function freezeAndCompare(
      scope: RankingScope,
      title: string,
    ): Promise<{ count: number; rostered: number; flagged: number }> {
      const reader = app.app.get(RankingRowsReader);
      const source = await reader.source(actor, scope);
      const live: RankingRow[] = [];
      for await (const row of reader.rows(source)) live.push(row);
      const region = source.region;
      const population = { roundId, regionPath: region.path, peerGroup: scope.peerGroup ?? null };
      const inputs = new Map<string, { ref: InputRef; digest: string }>();
      for await (const batch of app.app.get(CurrentInputsReader).batches(population))
        for (const input of batch) inputs.set(input.ref.organizationId, input);
      const hash = await app.app.get(CurrentInputsReader).computeHash(population);

      const snapshot = await app.app.get(RankingFreezeService).freeze(actor, { ...scope, title });
      expect(snapshot.entryCount).toBe(live.length);
      expect(snapshot.inputsHash).toBe(hash.hash);
      const frozen: RankingRow[] = [];
      for await (const row of app.app.get(FrozenRowsStore).rows(snapshot.id)) frozen.push(row);
      expect(frozen).toEqual(live);

      const stored = (await app.dataSource.query(
        `SELECT s.position, s.organization_id, s.rank, s.tied, s.score, s.peer_group, s.flags,
                s.version_id, s.input_digest, s.input, x.cents, x.peer_group AS result_peer_group,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.flag_id, 'severity', f.severity)
                                           ORDER BY f.ordinal)
                            FROM ranking_result_flags f
                           WHERE f.result_id = $2 AND f.organization_id = s.organization_id),
                         '[]') AS result_flags
           FROM ranking_snapshot_rows s
           JOIN ranking_result_rows x ON x.result_id = $2 AND x.organization_id = s.organization_id
          WHERE s.snapshot_id = $1 ORDER BY s.position`,
        [snapshot.id, source.result.id],
      )) as {
        position: number;
        organization_id: string;
        rank: number | null;
        tied: boolean;
        score: number | null;
        peer_group: string;
        flags: { id: string; severity: string; labelZh: string }[];
        version_id: string | null;
        input_digest: string;
        input: InputRef;
        cents: number | null;
        result_peer_group: string;
        result_flags: { id: string; severity: string }[];
      }[];
      expect(stored.map((row) => row.position)).toEqual(live.map((_, i) => i));
      for (const row of stored) {
        expect(row.score).toBe(row.cents === null ? null : row.cents / 100);
        expect(row.peer_group).toBe(row.result_peer_group);
        expect(row.flags).toEqual(
          row.result_flags.map((flag) => ({
            ...flag,
            labelZh: FLAG_CATALOGUE[flag.id as keyof typeof FLAG_CATALOGUE].labelZh,
          })),
        );
        const input = inputs.get(row.organization_id);
        expect(input).toBeDefined();
        expect(row.input).toEqual(input!.ref);
        expect(row.input_digest).toBe(input!.digest);
        expect(row.version_id).toBe(input!.ref.versionId);
      }
      return {
        count: stored.length,
        rostered: stored.filter((row) => row.input.roster !== null).length,
        flagged: stored.filter((row) => row.flags.length > 0).length,
      };
    }

    /**
     * What a freeze of `scope` stages (`freeze_inputs`, every column, and the inputs' hash), in a
     * transaction rolled back: from the round's kept inputs (`kept`, which must be current) or
     * built now.
     */
    async function staged(
      scope: RankingScope,
      kept: boolean,
    ): Promise<{ hash: string; count: number; rows: Record<string, unknown>[] }> {
      const reader = app.app.get(RankingRowsReader);
      const source = await rowsToFreeze(app.dataSource, reader, actor, scope);
      const peer = scope.peerGroup ?? null;
      const population = { roundId, regionPath: source.region.path, peerGroup: peer };
      const counters = await app.app.get(CurrentInputsReader).counters(population);
      let found: { hash: string; count: number; rows: Record<string, unknown>[] } | null = null;
      const rollback = new Error('rollback');
      await app.dataSource
        .transaction(async (manager) => {
          const held = await app.app
            .get(InputRefsStore)
            .holdCurrent(manager, roundId, counters!.stamps);
          if (kept) expect(held).toBe(true);
          const hash = await app.app.get(FrozenRowsStore).stageInputs(
            manager,
            population,
            {
              resultId: source.resultId,
              population: source.population,
              regionPattern: source.regionPattern,
              peerGroup: peer,
              previousSnapshotId: source.previousSnapshotId,
              withFlags: reader.hasFlags,
            },
            kept ? counters!.stamps : null,
          );
          const rows = (await manager.query(
            'SELECT * FROM freeze_inputs ORDER BY organization_id',
          )) as Record<string, unknown>[];
          found = { ...hash, rows };
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      return found!;
    }

    /** Stages each scope from the kept inputs and built now, and holds the two equal. */
    async function keptEqualsBuilt(scopes: readonly RankingScope[]): Promise<number> {
      let compared = 0;
      for (const scope of scopes) {
        const built = await staged(scope, false);
        const kept = await staged(scope, true);
        expect(kept.rows.length).toBeGreaterThan(3);
        expect(kept).toEqual(built);
        compared += kept.rows.length;
      }
      return compared;
    }

    it("stages from the round's kept inputs exactly what it builds now: the round, a peer group, a district", async () => {
      const refs = app.app.get(InputRefsStore);
      await app.dataSource.query('DELETE FROM round_input_refs');
      const kept = await refs.refresh(roundId);
      expect(kept?.count).toBeGreaterThan(40);
      // kept under the counters a freeze reads: not computed again while they stay
      expect(await refs.refresh(roundId)).toBeNull();
      const scopes: RankingScope[] = [
        { roundId, regionId: cityId },
        { roundId, regionId: cityId, peerGroup },
        { roundId, regionId: districtId },
      ];
      expect(await keptEqualsBuilt(scopes)).toBeGreaterThan(50);
      // rostered members (their summaries added after the staging) are among them
      const city = await staged(scopes[0]!, true);
      expect(
        city.rows.filter((row) => (row.input as InputRef).roster !== null).length,
      ).toBeGreaterThan(0);
    }, 120_000);

    it('stores exactly the rows, flags and inputs read in Node: the round, a peer group, a district', async () => {
      // from the round's kept inputs and the result's kept points
      const source = await app.app
        .get(RankingRowsReader)
        .source(actor, { roundId, regionId: cityId });
      const points = app.app.get(ResultPointsStore);
      expect(await points.keep(source.result.id)).toBe(source.result.organizationCount);
      expect(await points.keep(source.result.id)).toBeNull();
      await app.app.get(InputRefsStore).refresh(roundId);
      const held = jest.spyOn(app.app.get(InputRefsStore), 'holdCurrent');
      const kept = jest.spyOn(points, 'kept');
      const city = await freezeAndCompare({ roundId, regionId: cityId }, '全市');
      await expect(held.mock.results[0]!.value).resolves.toBe(true);
      await expect(kept.mock.results[0]!.value).resolves.toBe(true);
      held.mockRestore();
      kept.mockRestore();
      expect(city.count).toBeGreaterThan(40);
      // the roster summaries added in Node and the flags read in SQL are both exercised
      expect(city.rostered).toBeGreaterThan(0);
      expect(city.flagged).toBeGreaterThan(0);
      const peers = await freezeAndCompare({ roundId, regionId: cityId, peerGroup }, '同类组');
      expect(peers.count).toBeGreaterThan(5);
      const district = await freezeAndCompare({ roundId, regionId: districtId }, '区');
      expect(district.count).toBeGreaterThan(3);
    }, 120_000);

    it('stays identical on random variations: names, instants to the microsecond, extensions', async () => {
      for (const seed of [1, 2, 3]) {
        const next = random(seed);
        await app.app.get(InputRefsStore).refresh(roundId);
        const members = (await app.dataSource.query(
          `SELECT o.id, s.id AS submission_id FROM organizations o
             LEFT JOIN submissions s ON s.organization_id = o.id AND s.round_id = $1
            WHERE o.reports AND o.path LIKE $2 || '%' ORDER BY o.id`,
          [roundId, actor.organizationPath],
        )) as { id: string; submission_id: string | null }[];
        for (const member of members) {
          if (next() < 0.3)
            await app.dataSource.query('UPDATE organizations SET name = $2 WHERE id = $1', [
              member.id,
              `${text(next, 6)}局${seed}${member.id.slice(0, 4)}`,
            ]);
          if (member.submission_id && next() < 0.3)
            await app.dataSource.query(
              `UPDATE submissions
                  SET first_submitted_at = first_submitted_at + $2 * interval '1 microsecond',
                      last_submitted_at = last_submitted_at + $2 * interval '1 microsecond'
                WHERE id = $1 AND first_submitted_at IS NOT NULL`,
              [member.submission_id, Math.floor(next() * 86_400_000_000)],
            );
          if (next() < 0.05)
            await app.dataSource.query(
              `INSERT INTO round_extensions (round_id, organization_id, deadline, reason, granted_by_id)
               VALUES ($1, $2, DATE '2031-01-01' + $3::int, 'test', $4)
               ON CONFLICT DO NOTHING`,
              [roundId, member.id, Math.floor(next() * 300), actor.userId],
            );
        }
        const scopes: RankingScope[] = [
          { roundId, regionId: cityId },
          { roundId, regionId: cityId, peerGroup },
          { roundId, regionId: districtId },
        ];
        const scope = scopes[seed % scopes.length]!;
        // the set kept before the changes is not read: the snapshot equals what Node reads now
        const held = jest.spyOn(app.app.get(InputRefsStore), 'holdCurrent');
        try {
          expect((await freezeAndCompare(scope, `变化 ${seed}`)).count).toBeGreaterThan(3);
          expect(held).toHaveBeenCalledTimes(1);
          await expect(held.mock.results[0]!.value).resolves.toBe(false);
        } finally {
          held.mockRestore();
        }
        // kept again, it stages what is built now
        expect(await app.app.get(InputRefsStore).refresh(roundId)).not.toBeNull();
        expect(await keptEqualsBuilt(scopes)).toBeGreaterThan(10);
      }
    }, 300_000);
  });
});
