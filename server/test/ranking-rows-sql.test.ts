import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_MODEL,
  explain,
  rowContributionPoints,
  whatIf,
  type ScoringModel,
} from '@gongkai/scoring';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { runCli } from '../src/cli/main';
import { RankingExplainService } from '../src/modules/scoring/ranking-explain.service';
import type { RankingRow } from '../src/modules/scoring/ranking-row';
import { RankingRowsReader } from '../src/modules/scoring/ranking-rows.reader';
import {
  RankingService,
  type DisplayFilter,
  type RankingScope,
} from '../src/modules/scoring/ranking.service';
import { ScoringModelsService } from '../src/modules/scoring/scoring-models.service';
import {
  previousRanks,
  referenceRanking,
  referenceRound,
  referenceRow,
  rowOf,
} from './support/reference-scoring';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';

/**
 * Every field of the ranking's rows (flags aside: they come through another port), the
 * explanation and the what-if read from PostgreSQL — the stored ranking result, the package's
 * points on boards of the stored rows, the ranking statement with re-weighted models — equal
 * what `@gongkai/scoring` computes over the whole reports of the same rounds
 * (`support/reference-scoring.ts`): on the demo city and on a generated nation, under the
 * default model and one with peer-relative normalisations.
 */
describe('ranking rows, explanation and what-if from PostgreSQL equal the package', () => {
  let app: TestApp;
  let rankings: RankingService;
  let reader: RankingRowsReader;
  let explaining: RankingExplainService;
  let relativeModelId: string;
  type Case = { name: string; actor: Actor; roundId: string; regionIds: string[] };
  const cases: Case[] = [];

  const withoutFlags = ({ flags: _flags, ...row }: RankingRow) => row;

  const actorAt = (organization: { id: string; path: string }, role = Role.SUPERVISOR): Actor => ({
    userId: 'test',
    username: 'test',
    role,
    organizationId: organization.id,
    organizationPath: organization.path,
    sessionId: 'test',
  });

  /** A population ranked by the package over the whole reports, with its last year's ranks. */
  async function reference(actor: Actor, scope: RankingScope) {
    const { round, region } = await rankings.resolveScope(actor, scope);
    const scored = await referenceRound(app.app, round.id, scope.modelId ?? null);
    const previous = await previousRanks(app.app, round, region.id, scope.peerGroup ?? null);
    const population = {
      regionPath: region.path,
      peerGroup: scope.peerGroup ?? null,
      previousRanks: previous,
    };
    return { scored, population, entries: referenceRanking(scored, population) };
  }

  /** The package's rows of a population with the display filters (ranks unchanged). */
  async function packageRows(actor: Actor, scope: RankingScope & DisplayFilter) {
    const { scored, entries } = await reference(actor, scope);
    const search = scope.search?.trim() || null;
    const all = entries.map((entry) => referenceRow(scored, entry));
    const rows = all.filter(
      (row) =>
        (!scope.departmentType || row.departmentType === scope.departmentType) &&
        (search === null || row.organizationName.includes(search)),
    );
    return {
      rows,
      rankedCount: entries.filter((entry) => entry.rank !== null).length,
      populationCount: entries.length,
    };
  }

  /** The same rows read from PostgreSQL, page by page along the cursor. */
  async function sqlRows(actor: Actor, scope: RankingScope & DisplayFilter, first = 17) {
    const rows: RankingRow[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await reader.page(actor, scope, { first, afterOrganizationId: after });
      for (const { listPosition: _position, ...row } of page.rows) rows.push(row);
      if (page.rows.length === first) {
        after = page.rows.at(-1)?.organizationId ?? null;
        continue;
      }
      const { rankedCount, populationCount, totalCount } = page;
      return { rows, rankedCount, populationCount, totalCount };
    }
  }

  async function comparePopulation(actor: Actor, scope: RankingScope & DisplayFilter) {
    const expected = await packageRows(actor, scope);
    const sql = await sqlRows(actor, scope);
    expect(sql.rows.map(withoutFlags)).toEqual(expected.rows.map(withoutFlags));
    expect(sql.totalCount).toBe(expected.rows.length);
    expect(sql.rankedCount).toBe(expected.rankedCount);
    expect(sql.populationCount).toBe(expected.populationCount);
    return expected.rows;
  }

  beforeAll(async () => {
    app = await createTestApp({ hooks: demoDataHooks() });
    const seeded = await runCli(
      [
        'seed',
        ...['--orgs', '160', '--years', '2', '--seed', '23', '--defects-rate', '0.3'],
        ...['--manifest', join(await mkdtemp(join(tmpdir(), 'gongkai-seed-')), 'manifest.json')],
      ],
      {
        io: { out: () => undefined, err: () => undefined },
        env: {
          NODE_ENV: 'test',
          GONGKAI_DEMO_DATA: 'false',
          GONGKAI_JOBS: 'false',
          DATABASE_URL: app.databaseUrl,
        },
        readStdin: async () => '',
      },
    );
    if (seeded !== 0) throw new Error('the synthetic nation could not be seeded');
    rankings = app.app.get(RankingService);
    reader = app.app.get(RankingRowsReader);
    explaining = app.app.get(RankingExplainService);
    const [admin] = (await app.dataSource.query(
      `SELECT id FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1`,
    )) as { id: string }[];
    const relative: ScoringModel = {
      ...DEFAULT_MODEL,
      id: 'relative-test',
      version: '1.0.0',
      indicators: DEFAULT_MODEL.indicators.map((entry, j) =>
        j % 3 === 0
          ? { ...entry, normalisation: { kind: 'percentile' } }
          : j % 3 === 1
            ? { ...entry, normalisation: { kind: 'minMax' } }
            : entry,
      ),
    };
    relativeModelId = (
      await app.app
        .get(ScoringModelsService)
        .create({ ...actorAt({ id: 'x', path: '/' }, Role.ADMIN), userId: admin!.id }, relative)
    ).id;
    const scopes = (await app.dataSource.query(
      `SELECT DISTINCT ON (o.id) r.id AS round_id, o.id, o.path, o.code,
              ARRAY(SELECT c.id FROM organizations c WHERE c.parent_id = o.id AND c.level <> 'DEPARTMENT'
                     ORDER BY c.name LIMIT 1) AS children
         FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
        WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id)
        ORDER BY o.id, r.year DESC`,
    )) as { round_id: string; id: string; path: string; code: string; children: string[] }[];
    for (const scope of scopes)
      cases.push({
        name: scope.code.startsWith('DEMO') ? `demo ${scope.code}` : `generated ${scope.code}`,
        actor: actorAt(scope),
        roundId: scope.round_id,
        regionIds: [scope.id, ...scope.children],
      });
    expect(cases.some((c) => c.name.startsWith('demo'))).toBe(true);
    expect(cases.some((c) => c.name.startsWith('generated'))).toBe(true);
  }, 300_000);
  afterAll(() => app.close());

  it('gives every field of every row as the package does: populations, filters, pages, models', async () => {
    for (const c of cases) {
      for (const modelId of [null, relativeModelId]) {
        for (const regionId of c.regionIds) {
          const scope = { roundId: c.roundId, regionId, modelId };
          const rows = await comparePopulation(c.actor, scope);
          expect(rows.length).toBeGreaterThan(0);
          expect(rows.some((row) => row.points.some((points) => points !== null))).toBe(true);
          const peerGroup = rows[rows.length - 1]!.peerGroup;
          await comparePopulation(c.actor, { ...scope, peerGroup });
          const type = rows.find((row) => row.departmentType)?.departmentType ?? null;
          await comparePopulation(c.actor, { ...scope, departmentType: type });
          const name = rows[Math.floor(rows.length / 2)]!.organizationName;
          await comparePopulation(c.actor, { ...scope, search: name.slice(-2) });
          // the last places
          const last = await reader.page(c.actor, scope, { first: 5, fromEnd: true });
          expect(last.rows.map(({ listPosition: _p, ...row }) => withoutFlags(row))).toEqual(
            rows.slice(-5).map(withoutFlags),
          );
        }
      }
    }
  }, 300_000);

  it('explains each organization as the package does, from its stored row', async () => {
    for (const c of cases) {
      for (const modelId of [null, relativeModelId]) {
        const { scored, entries } = await reference(c.actor, {
          roundId: c.roundId,
          regionId: c.regionIds[0]!,
          modelId,
        });
        const ids = entries.map((entry) => entry.organizationId);
        for (const organizationId of ids.filter((_, i) => i % 7 === 0 || i === ids.length - 1)) {
          const input = { roundId: c.roundId, organizationId, modelId };
          const sql = await explaining.explanation(c.actor, input);
          expect(sql.explanation).toEqual(explain(scored.board, organizationId));
          expect(sql.organizationName).toBe(
            scored.items[rowOf(scored, organizationId)]!.ref.organizationName,
          );
        }
      }
    }
  }, 300_000);

  it('re-ranks under other weights as the package does, with points under those weights', async () => {
    const weightSets = [
      [{ indicatorId: 'timeliness', weight: 60 }],
      [
        { indicatorId: DEFAULT_MODEL.indicators[1]!.indicatorId, weight: 0 },
        { indicatorId: DEFAULT_MODEL.indicators[2]!.indicatorId, weight: 3.5 },
      ],
    ];
    for (const c of cases) {
      for (const modelId of [null, relativeModelId]) {
        for (const regionId of c.regionIds) {
          for (const weights of weightSets) {
            const input = { roundId: c.roundId, regionId, modelId, weights };
            const { scored, population, entries } = await reference(c.actor, input);
            const overrides = Object.fromEntries(weights.map((w) => [w.indicatorId, w.weight]));
            const reweighted = whatIf(scored.board, overrides);
            const base = new Map(entries.map((entry) => [entry.row, entry]));
            const ranked = referenceRanking(scored, population, reweighted);
            const sql = await explaining.whatIf(c.actor, input);
            expect(sql.rows).toEqual(
              ranked.map((entry) => ({
                organizationId: entry.organizationId,
                organizationName: scored.items[entry.row]!.ref.organizationName,
                rank: entry.rank,
                tied: entry.tied,
                score: entry.score,
                points: rowContributionPoints(reweighted, entry.row),
                baseRank: base.get(entry.row)?.rank ?? null,
                baseScore: base.get(entry.row)?.score ?? null,
              })),
            );
            expect([...sql.weights]).toEqual(
              reweighted.model.indicators.map((entry) => [entry.indicatorId, entry.weight]),
            );
            expect(sql.movedCount).toBe(
              ranked.filter((entry) => base.get(entry.row)?.rank !== entry.rank).length,
            );
          }
        }
      }
    }
  }, 300_000);

  it('gives a stored result its instant and size whether a request fills it or finds it', async () => {
    const c = cases[0]!;
    await app.dataSource.query('DELETE FROM ranking_results');
    const asOf = new Date();
    const filled = await reader.source(
      c.actor,
      { roundId: c.roundId, regionId: c.regionIds[0]! },
      asOf,
    );
    const found = await reader.source(c.actor, { roundId: c.roundId, regionId: c.regionIds[0]! });
    expect(found.result).toEqual(filled.result);
    expect(filled.result.asOf.getTime()).toBe(asOf.getTime());
    const [stored] = (await app.dataSource.query(
      'SELECT count(*)::int AS n FROM ranking_result_rows WHERE result_id = $1',
      [filled.result.id],
    )) as { n: number }[];
    expect(filled.result.organizationCount).toBe(stored!.n);
    expect(stored!.n).toBeGreaterThan(0);
  });

  it('streams a population in rank order through the row cursor, page after page', async () => {
    let longest = 0;
    for (const c of cases) {
      const scope = { roundId: c.roundId, regionId: c.regionIds[0]!, modelId: relativeModelId };
      const expected = await packageRows(c.actor, scope);
      const streamed: RankingRow[] = [];
      for await (const row of reader.rows(await reader.source(c.actor, scope), 7))
        streamed.push(row);
      expect(streamed.map(withoutFlags)).toEqual(expected.rows.map(withoutFlags));
      longest = Math.max(longest, streamed.length);
    }
    expect(longest).toBeGreaterThan(7 * 3);
  });
});
