import { shanghaiDayNumber, shanghaiEndOfDay, toShanghaiIso } from '@gongkai/report-model';
import {
  DEFAULT_MODEL,
  boardOfRows,
  explain,
  measuredRowOf,
  rankList,
  rowContributionPoints,
  scoreAll,
  toEpochMs,
  type ModelIndicator,
  type Normalisation,
  type ScoringInput,
  type ScoringModel,
} from '@gongkai/scoring';
import fc from 'fast-check';
import { Client } from 'pg';
import { findingsArbitrary } from '../../packages/scoring/src/testing/finding.arbitrary';
import {
  aPost,
  aReport,
  aRoster,
  withCell,
} from '../../packages/scoring/src/testing/scoring-input.factory';
import { measuredOf, pointsOfStored } from '../src/modules/scoring/ranking-rows.reader';
import { measureArraysSql, rankingSql } from '../src/modules/scoring/ranking.sql';
import {
  MEASURE_INDEX,
  absentMeasures,
  rosterStaffingMeasure,
  versionScoringInputs,
} from '../src/modules/scoring/version-inputs';

/**
 * The SQL ranking equals `scoreAll` + `rankList` of `@gongkai/scoring` on random populations:
 * the inputs go through what is stored per version (`versionScoringInputs`, or what an
 * organization without a report measures), the dates as day numbers, a roster's staffing as
 * `roundSourceSql` puts it in place of the stored one (bodies with and without a report, before
 * and after the deadline), and PostgreSQL scores and ranks them with the statement generated
 * from the (random) model.
 */

const DAY_MS = 86_400_000;
const DEADLINE_DATE = '2024-01-31';
const DEADLINE_MS = toEpochMs(shanghaiEndOfDay(DEADLINE_DATE));
const REGIONS = [
  ['p', 'c1', 'a'],
  ['p', 'c1', 'b'],
  ['p', 'c2', 'a'],
];

type Org = {
  peerGroup: string;
  region: number;
  deadline: 'round' | 'extended' | 'none';
  submittedOffsetMin: number | null;
  report: boolean;
  granted: number;
  backlog: number;
  findings: ScoringInput['findings'];
  previous: { error: number; warning: number } | null;
  roster: {
    fullTime: number;
    leadingGroup: boolean | null;
    trainings: number | null;
    filled: number;
  } | null;
};

const rosterArbitrary = fc.record({
  fullTime: fc.nat({ max: 2 }),
  leadingGroup: fc.option(fc.boolean()),
  trainings: fc.option(fc.nat({ max: 2 })),
  filled: fc.nat({ max: 2 }),
});

const orgArbitrary: fc.Arbitrary<Org> = fc.record({
  peerGroup: fc.constantFrom('a', 'b', 'c'),
  region: fc.nat({ max: REGIONS.length - 1 }),
  deadline: fc.constantFrom('round', 'round', 'extended', 'none'),
  // minutes around the deadline, −10 days … +20 days
  submittedOffsetMin: fc.option(fc.integer({ min: -14_400, max: 28_800 }), { freq: 4 }),
  report: fc.boolean(),
  granted: fc.integer({ min: 0, max: 6 }),
  backlog: fc.integer({ min: 0, max: 4 }),
  findings: findingsArbitrary,
  previous: fc.option(fc.record({ error: fc.nat({ max: 4 }), warning: fc.nat({ max: 4 }) })),
  roster: fc.option(rosterArbitrary, { freq: 2 }),
});

/** A roster summary: two required posts, `filled` of them held. */
function rosterOf(roster: NonNullable<Org['roster']>): NonNullable<ScoringInput['roster']> {
  return aRoster({
    fullTimeStaff: roster.fullTime,
    leadingGroup: roster.leadingGroup,
    trainingsInRound: roster.trainings,
    posts: [
      aPost({ holders: roster.filled >= 1 ? 1 : 0 }),
      aPost({ postId: 'liaison', holders: roster.filled >= 2 ? 1 : 0 }),
    ],
  });
}

const normalisationArbitrary: fc.Arbitrary<Normalisation> = fc.oneof(
  fc.constant<Normalisation>({ kind: 'minMax' }),
  fc.constant<Normalisation>({ kind: 'percentile' }),
  fc.constant<Normalisation>({ kind: 'linear', min: 0, max: 7 }),
  fc.constant<Normalisation>({ kind: 'bands', breaks: [0, 1, 3], scores: [1, 0.7, 0.3, 0] }),
);

/** Band scores follow the indicator's direction (a model rule). */
function directed(normalisation: Normalisation, entry: ModelIndicator): Normalisation {
  if (normalisation.kind !== 'bands' || entry.direction === 'lowerIsBetter') return normalisation;
  return { ...normalisation, scores: [...normalisation.scores].reverse() };
}

/** The default model with random weights and, for some indicators, other normalisations. */
const modelArbitrary: fc.Arbitrary<ScoringModel> = fc
  .record({
    weights: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 50, noNaN: true })), {
      minLength: DEFAULT_MODEL.indicators.length,
      maxLength: DEFAULT_MODEL.indicators.length,
    }),
    normalisations: fc.array(fc.option(normalisationArbitrary, { freq: 2 }), {
      minLength: DEFAULT_MODEL.indicators.length,
      maxLength: DEFAULT_MODEL.indicators.length,
    }),
    peerScope: fc.constantFrom<'peerGroup' | 'all'>('peerGroup', 'all'),
  })
  .filter(({ weights }) => weights.some((w) => w > 0))
  .map(({ weights, normalisations, peerScope }) => ({
    ...DEFAULT_MODEL,
    peerScope,
    indicators: DEFAULT_MODEL.indicators.map((entry, j): ModelIndicator => ({
      ...entry,
      weight: weights[j] as number,
      normalisation: directed(normalisations[j] ?? entry.normalisation, entry),
    })),
  }));

function deadlineMs(org: Org): number | null {
  if (org.deadline === 'none') return null;
  return org.deadline === 'extended' ? DEADLINE_MS + 5 * DAY_MS : DEADLINE_MS;
}

function toInput(org: Org, i: number): ScoringInput {
  const deadline = deadlineMs(org);
  const submittedMs =
    org.submittedOffsetMin === null ? null : DEADLINE_MS + org.submittedOffsetMin * 60_000;
  let report = withCell(aReport(), 'applications.granted.total', org.granted);
  report = withCell(report, 'applications.carriedForward.total', org.backlog);
  return {
    organizationId: `org-${String(i).padStart(3, '0')}`,
    peerGroup: org.peerGroup,
    regionPath: REGIONS[org.region] as string[],
    deadline: deadline === null ? null : toShanghaiIso(deadline),
    submission:
      submittedMs === null
        ? null
        : { status: 'submitted', firstSubmittedAt: toShanghaiIso(submittedMs), returnedAt: null },
    report: org.report ? report : null,
    findings: org.report ? org.findings : [],
    previous: { findingCounts: org.previous, report: null },
    roster: org.roster === null ? null : rosterOf(org.roster),
  };
}

/** What the round's source statement would give for the input (`roundSourceSql`'s columns). */
function toSourceRow(input: ScoringInput, position: number, asOfMs: number, inPopulation: boolean) {
  const deadline = input.deadline === null ? null : toEpochMs(input.deadline);
  const submitted = input.submission?.firstSubmittedAt ?? null;
  const stored = input.report
    ? versionScoringInputs({
        report: input.report,
        findings: input.findings,
        previousReport: null,
        previousVersionId: input.previous?.findingCounts ? 'previous' : null,
        previousErrors: input.previous?.findingCounts?.error ?? null,
        previousWarnings: input.previous?.findingCounts?.warning ?? null,
        sameProse: null,
        sameTables: null,
      })
    : {
        statuses: absentMeasures(Boolean(input.previous?.findingCounts)),
        values: absentMeasures(false).map(() => null),
        staffing: null,
      };
  const statuses: number[] = [...stored.statuses];
  const values: (number | null)[] = [...stored.values];
  if (input.roster) {
    // roundSourceSql: the roster's staffing measure replaces the stored one
    const [status, value] = rosterStaffingMeasure(stored.staffing, input.roster);
    statuses[MEASURE_INDEX.staffing] = status;
    values[MEASURE_INDEX.staffing] = value;
  }
  return {
    organization_id: input.organizationId,
    peer_group: input.peerGroup,
    position,
    in_population: inPopulation,
    deadline_day: deadline === null ? null : shanghaiDayNumber(deadline),
    submitted_day: submitted === null ? null : shanghaiDayNumber(toEpochMs(submitted)),
    deadline_passed: deadline !== null && asOfMs > deadline,
    has_report: input.report !== null,
    statuses,
    vals: values,
  };
}

const SOURCE = `SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(organization_id text,
  peer_group text, position bigint, in_population boolean, deadline_day int, submitted_day int,
  deadline_passed boolean, has_report boolean, statuses smallint[], vals float8[])`;

type SqlRow = {
  organization_id: string;
  score: number | null;
  rank: number | null;
  tied: boolean;
  list_position: number;
  awaiting_report: boolean;
  statuses: number[];
  raws: (number | null)[];
  norms: (number | null)[];
};

describe('rankings in SQL', () => {
  let client: Client;

  beforeAll(async () => {
    const url = process.env.GONGKAI_TEST_ADMIN_URL;
    if (!url) throw new Error('GONGKAI_TEST_ADMIN_URL is not set: run through jest.config.js');
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  async function compare(
    orgs: Org[],
    model: ScoringModel,
    asOfOffsetDays: number,
    regionPrefix: readonly string[],
    peerGroup: string | null,
  ): Promise<void> {
    const asOfMs = DEADLINE_MS + asOfOffsetDays * DAY_MS - 3_600_000;
    const inputs = orgs.map(toInput);
    const board = scoreAll(inputs, model, { asOf: asOfMs });
    const expected = rankList(board, {
      filter: { regionPrefix, ...(peerGroup !== null ? { peerGroup } : {}) },
    }).toArray();
    const inPopulation = (input: ScoringInput) =>
      regionPrefix.every((segment, p) => input.regionPath[p] === segment) &&
      (peerGroup === null || input.peerGroup === peerGroup);
    const rows = inputs.map((input, q) => toSourceRow(input, q, asOfMs, inPopulation(input)));
    const result = await client.query<SqlRow>(
      `SELECT w.*, ${measureArraysSql(model.indicators.length, 'w')}
         FROM (${rankingSql(model, SOURCE)}) w ORDER BY w.list_position`,
      [JSON.stringify(rows)],
    );
    // the measurements the stored result keeps are the package's: statuses, raw values where
    // there is a value, normalised scores; and points and explanations computed from them alone
    const stored = result.rows.map((row) => ({
      organizationId: row.organization_id,
      peerGroup: board.rows[board.rowIndex.get(row.organization_id) as number]?.peerGroup ?? '',
      statuses: row.statuses,
      raws: row.raws,
      norms: row.norms,
      awaitingReport: row.awaiting_report,
    }));
    const points = pointsOfStored(model, stored, new Date(asOfMs));
    stored.forEach((row, i) => {
      const at = board.rowIndex.get(row.organizationId) as number;
      const expectedRow = measuredRowOf(board, at);
      const measured = { ...measuredOf(row), awaitingReport: row.awaitingReport };
      expect(row.awaitingReport).toBe(board.rows[at]?.awaitingReport === true);
      expect(measured.status).toEqual(expectedRow.status);
      expect(measured.normalised).toEqual(expectedRow.normalised);
      expect(measured.raw.map((raw, j) => (measured.status[j] === 'value' ? raw : null))).toEqual(
        expectedRow.raw,
      );
      expect(points[i]).toEqual(rowContributionPoints(board, at));
      const one = boardOfRows(model, [measured], { asOf: asOfMs });
      expect(explain(one, row.organizationId)).toEqual(explain(board, row.organizationId));
    });
    expect(
      result.rows.map((row) => ({
        organizationId: row.organization_id,
        score: row.score,
        rank: row.rank,
        tied: row.tied,
      })),
    ).toEqual(
      expected.map((entry) => ({
        organizationId: entry.organizationId,
        score: entry.score,
        rank: entry.rank,
        tied: entry.tied,
      })),
    );
  }

  it('scores and ranks the default model like scoreAll on a hand-made population', async () => {
    const base: Org = {
      peerGroup: 'a',
      region: 0,
      deadline: 'round',
      submittedOffsetMin: -600,
      report: true,
      granted: 3,
      backlog: 1,
      findings: [],
      previous: null,
      roster: null,
    };
    const staffed = { fullTime: 1, leadingGroup: true, trainings: 1, filled: 2 };
    const orgs: Org[] = [
      base,
      { ...base, submittedOffsetMin: 3 * 1440 },
      { ...base, report: false, submittedOffsetMin: null },
      { ...base, granted: 5, previous: { error: 2, warning: 1 } },
      { ...base, peerGroup: 'b', region: 2 },
      { ...base },
      // rosters on bodies without a report: unranked while the deadline is open, scored after
      { ...base, report: false, submittedOffsetMin: null, roster: staffed },
      { ...base, report: false, submittedOffsetMin: null, roster: { ...staffed, filled: 0 } },
      { ...base, report: false, submittedOffsetMin: null, deadline: 'none', roster: staffed },
      { ...base, report: false, submittedOffsetMin: -600, roster: staffed },
      { ...base, roster: staffed },
    ];
    await compare(orgs, DEFAULT_MODEL, 30, ['p'], null);
    await compare(orgs, DEFAULT_MODEL, -3, ['p', 'c1'], 'a');
    await compare(orgs, DEFAULT_MODEL, -3, ['p'], null);
    await compare(orgs, DEFAULT_MODEL, 3, ['p'], null);
  });

  it('equals scoreAll / rankList on random populations and models', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orgArbitrary, { minLength: 1, maxLength: 25 }),
        modelArbitrary,
        fc.integer({ min: -12, max: 25 }),
        fc.constantFrom(['p'], ['p', 'c1'], ['p', 'c2', 'a']),
        fc.constantFrom(null, 'a', 'b'),
        async (orgs, model, asOfOffsetDays, regionPrefix, peerGroup) => {
          await compare(orgs, model, asOfOffsetDays, regionPrefix, peerGroup);
        },
      ),
      { numRuns: 150 },
    );
  });
});
