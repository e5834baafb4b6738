import { assertValidModel, type ModelIndicator, type ScoringModel } from '@gongkai/scoring';
import { escapeLike } from '../../common/actor';
import { deadlineDayEndSql, effectiveDeadlineSql, expectedInRoundSql } from '../rounds';
import {
  DATE_INDICATORS,
  MEASURE_INDEX,
  STORED_ABSENT,
  STORED_MISSING,
  STORED_NOT_APPLICABLE,
  STORED_VALUE,
  absentMeasures,
} from './version-inputs';

/**
 * Scoring and ranking as one SQL statement, generated from a model. `@gongkai/scoring` stays the
 * one definition of the maths: what the package measures is stored per version
 * (`version-inputs.ts`); this statement only repeats its arithmetic in the same order on
 * float8, so PostgreSQL reaches the same doubles (`ranking-sql.test.ts` checks it against
 * `scoreAll` / `rankList` on random populations):
 *
 * - the instant-dependent parts from the stored dates: days late (Asia/Shanghai calendar days
 *   of the first submission after the deadline day), a report absent (not applicable while the
 *   deadline is open, missing after), and the package's `awaitingReport` — nothing submitted
 *   while the deadline is open: every indicator not applicable (a roster's staffing too), so no
 *   score;
 * - fixed normalisations (`bands`, `linear`) as expressions; peer-relative ones (`minMax`,
 *   `percentile`) as window aggregates within the peer group over every organization of the
 *   round (as the board normalises);
 * - `computeScores`: Σ wᵢ·sᵢ and Σ wᵢ accumulated indicator by indicator, `100 × Σ ÷ Σ`,
 *   rounded to cents as `toCents` (`Math.round(x · 100 + 1e-7)`);
 * - ranks as `rankList`: equal cents share the competition rank, `tied` when more than one
 *   scored organization has them, organizations without a score last and unranked; within a
 *   score, the order of `position`.
 */

/**
 * Columns the scored source must have (one row per organization expected in the round):
 * organization_id, peer_group text, position bigint (order within a score), in_population
 * boolean (region subtree × peer group), deadline_day int (Asia/Shanghai day number of the
 * deadline's day; null = none), submitted_day int (of the first submission; null = never),
 * deadline_passed boolean (at the scoring instant), has_report boolean (a submitted version),
 * statuses smallint[], vals float8[] (stored measures, `INDICATOR_IDS` order).
 */
export const SCORED_SOURCE_COLUMNS = [
  'organization_id',
  'peer_group',
  'position',
  'in_population',
  'deadline_day',
  'submitted_day',
  'deadline_passed',
  'has_report',
  'statuses',
  'vals',
] as const;

/** A float8 literal that PostgreSQL reads back as exactly the same double. */
export function float8(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `'${String(value)}'::float8`;
}

/** `awaitingReport`: no submitted version, no first submission, the deadline still open. */
function awaitingSql(a: string): string {
  return `(NOT ${a}.has_report AND ${a}.submitted_day IS NULL AND ${a}.deadline_day IS NOT NULL AND NOT ${a}.deadline_passed)`;
}

const ABSENT = `(CASE WHEN s.deadline_day IS NOT NULL AND NOT s.deadline_passed THEN ${STORED_NOT_APPLICABLE} ELSE ${STORED_MISSING} END)`;

function statusSql(entry: ModelIndicator): string {
  if (DATE_INDICATORS.has(entry.indicatorId)) {
    return `(CASE WHEN s.submitted_day IS NOT NULL THEN ${STORED_VALUE} ELSE ${ABSENT} END)`;
  }
  const stored = `s.statuses[${MEASURE_INDEX[entry.indicatorId] + 1}]`;
  return `(CASE WHEN s.awaiting_report THEN ${STORED_NOT_APPLICABLE}
                WHEN ${stored} = ${STORED_ABSENT} THEN ${ABSENT} ELSE ${stored} END)`;
}

function rawSql(entry: ModelIndicator): string {
  if (DATE_INDICATORS.has(entry.indicatorId)) {
    // timeliness: days late (0 on time or without a deadline, else ≥ 1)
    return `(CASE WHEN s.submitted_day IS NULL THEN NULL WHEN s.deadline_day IS NULL THEN 0::float8
                 ELSE greatest(0, s.submitted_day - s.deadline_day)::float8 END)`;
  }
  return `s.vals[${MEASURE_INDEX[entry.indicatorId] + 1}]`;
}

/** The normalised score (0–1) of indicator j where it has a value. */
function normalisedValueSql(entry: ModelIndicator, j: number): string {
  const raw = `m.raw_${j}`;
  const higher = entry.direction === 'higherIsBetter';
  const norm = entry.normalisation;
  switch (norm.kind) {
    case 'bands': {
      const cases = norm.breaks
        .map((b, i) => `WHEN ${raw} <= ${float8(b)} THEN ${float8(norm.scores[i] as number)}`)
        .join(' ');
      return `(CASE ${cases} ELSE ${float8(norm.scores[norm.breaks.length] as number)} END)`;
    }
    case 'linear': {
      const share = `((${raw} - ${float8(norm.min)}) / (${float8(norm.max)} - ${float8(norm.min)}))`;
      const clamped = `(CASE WHEN ${share} < 0 THEN 0::float8 WHEN ${share} > 1 THEN 1::float8 ELSE ${share} END)`;
      return higher ? clamped : `(1::float8 - ${clamped})`;
    }
    case 'minMax': {
      const span = `(m.max_${j} - m.min_${j})`;
      const scaled = higher ? `(${raw} - m.min_${j}) / ${span}` : `(m.max_${j} - ${raw}) / ${span}`;
      return `(CASE WHEN ${span} = 0 THEN 1::float8 ELSE ${scaled} END)`;
    }
    case 'percentile': {
      const worse = higher ? `m.below_${j}` : `(m.n_${j} - m.below_${j} - m.equal_${j})`;
      return `(CASE WHEN m.n_${j} = 1 THEN 1::float8
                   ELSE (${worse}::float8 + (m.equal_${j} - 1)::float8 / 2::float8) / (m.n_${j} - 1)::float8 END)`;
    }
  }
}

/** Window aggregates a peer-relative indicator needs, over the values of its peer group. */
function peerAggregatesSql(entry: ModelIndicator, j: number, peerKey: string): string[] {
  const values = `PARTITION BY ${peerKey}, (st_${j} = ${STORED_VALUE})`;
  switch (entry.normalisation.kind) {
    case 'minMax':
      return [
        `min(raw_${j}) OVER (${values}) AS min_${j}`,
        `max(raw_${j}) OVER (${values}) AS max_${j}`,
      ];
    case 'percentile':
      return [
        `count(*) OVER (${values}) AS n_${j}`,
        `(rank() OVER (${values} ORDER BY raw_${j}) - 1) AS below_${j}`,
        `count(*) OVER (${values}, raw_${j}) AS equal_${j}`,
      ];
    default:
      return [];
  }
}

/**
 * The statement that scores and ranks `source` (a relation with `SCORED_SOURCE_COLUMNS`) under
 * `model`. Returns, for the rows in the population, in ranked order: organization_id, score
 * (float8, null when nothing applies), cents, rank (null when unscored), tied, list_position
 * (1-based), awaiting_report (unranked: nothing submitted while the deadline is open),
 * normalised_j / status_j / raw_j per model indicator. Throws ModelValidationError for an
 * invalid model.
 */
export function rankingSql(model: ScoringModel, source: string): string {
  assertValidModel(model);
  const peerKey = model.peerScope === 'all' ? `''::text` : 'peer_group';
  const k = model.indicators.length;
  const js = Array.from({ length: k }, (_, j) => j);
  const measured = js.flatMap((j) => {
    const entry = model.indicators[j] as ModelIndicator;
    return [`${statusSql(entry)}::int AS st_${j}`, `${rawSql(entry)} AS raw_${j}`];
  });
  const aggregates = js.flatMap((j) =>
    peerAggregatesSql(model.indicators[j] as ModelIndicator, j, peerKey),
  );
  const normalised = js.map((j) => {
    const entry = model.indicators[j] as ModelIndicator;
    return `(CASE m.st_${j} WHEN ${STORED_VALUE} THEN ${normalisedValueSql(entry, j)}
                 WHEN ${STORED_MISSING} THEN 0::float8 END) AS norm_${j}`;
  });
  // computeScores: accumulate in model order; an indicator that does not apply adds 0 (x + 0 = x)
  const weighted = js.reduce(
    (sum, j) =>
      `(${sum} + COALESCE(${float8(model.indicators[j]?.weight as number)} * n.norm_${j}, 0::float8))`,
    '0::float8',
  );
  const applicable = js.reduce(
    (sum, j) =>
      `(${sum} + (CASE WHEN n.norm_${j} IS NULL THEN 0::float8 ELSE ${float8(model.indicators[j]?.weight as number)} END))`,
    '0::float8',
  );
  const columns = js.flatMap((j) => [`st_${j}`, `raw_${j}`, `norm_${j}`]);
  return `
WITH s0 AS (${source}),
s AS (
  SELECT s0.*, ${awaitingSql('s0')} AS awaiting_report
    FROM s0
),
m0 AS (
  SELECT s.organization_id, s.peer_group, s.position, s.in_population, s.awaiting_report,
         ${measured.join(', ')}
    FROM s
  OFFSET 0
),
m AS (
  SELECT m0.*${aggregates.length > 0 ? `, ${aggregates.join(', ')}` : ''}
    FROM m0
),
n AS (
  SELECT m.organization_id, m.position, m.in_population, m.awaiting_report,
         ${js.flatMap((j) => [`m.st_${j}`, `m.raw_${j}`]).join(', ')}${k > 0 ? ',' : ''}
         ${normalised.join(',\n         ')}
    FROM m
   WHERE m.in_population
  OFFSET 0
),
w AS (
  SELECT n.*, ${weighted} AS weighted, ${applicable} AS applicable
    FROM n
  OFFSET 0
),
e AS (
  SELECT w.*, CASE WHEN w.applicable > 0
                   THEN (100::float8 * w.weighted) / w.applicable * 100::float8 + 1e-7::float8 END AS x
    FROM w
  OFFSET 0
),
c AS (
  SELECT e.*, CASE WHEN e.x IS NULL THEN NULL
                   WHEN e.x - floor(e.x) >= 0.5::float8 THEN floor(e.x) + 1::float8
                   ELSE floor(e.x) END AS cents
    FROM e
  OFFSET 0
)
SELECT c.organization_id, c.cents / 100::float8 AS score, c.cents,
       CASE WHEN c.cents IS NOT NULL THEN rank() OVER (ORDER BY c.cents DESC NULLS LAST) END::int AS rank,
       (c.cents IS NOT NULL AND count(*) OVER (PARTITION BY c.cents) > 1) AS tied,
       row_number() OVER (ORDER BY c.cents DESC NULLS LAST, c.position)::int AS list_position,
       c.awaiting_report, ${columns.map((column) => `c.${column}`).join(', ')}
  FROM c
 ORDER BY list_position`;
}

/**
 * Expected organizations of a round (reporting bodies of the round scope's subtree active in
 * its year), as SQL `FROM … WHERE` over aliases r, o, p (parent), x (extension), s (submission),
 * i (the submitted version's stored inputs), ps (last year's submission). $1 round id, $5 the
 * round scope's path pattern.
 */
const EXPECTED_FROM = `
  FROM round_directory r
  JOIN organization_directory o ON o.path LIKE $5 AND ${expectedInRoundSql('r', 'o')}
  LEFT JOIN organization_directory p ON p.id = o.parent_id
  LEFT JOIN round_extension_deadlines x ON x.round_id = r.id AND x.organization_id = o.id
  LEFT JOIN submission_states s ON s.round_id = r.id AND s.organization_id = o.id
  LEFT JOIN version_scoring_inputs i ON i.version_id = s.submitted_version_id
  LEFT JOIN round_directory pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submission_states ps ON ps.round_id = pr.id AND ps.organization_id = o.id
 WHERE r.id = $1`;

/** An organization's peer group: its own, else `<parent level>-<level>` (as the board reads it). */
export const PEER_GROUP_SQL = `COALESCE(o.peer_group,
         CASE WHEN p.level IS NULL THEN lower(o.level::text)
              ELSE lower(p.level::text) || '-' || lower(o.level::text) END)`;

/**
 * Organizations of a subtree ($1, a path pattern) that may have a roster: a roster is present
 * only where a post was ever held or vacant or the roster was ever edited (an audit event
 * `roster.*`, read along a partial index), so the others are never asked about — the roster
 * module has nothing for them, and a national round has ~120,000 of them.
 */
export const ROSTERED_ORGANIZATIONS_SQL = `
SELECT o.id FROM organization_directory o
 WHERE o.path LIKE $1
   AND o.id IN (SELECT organization_id FROM post_assignment_terms
                UNION SELECT organization_id FROM post_vacancy_terms
                UNION SELECT organization_id FROM audit_trail
                       WHERE action LIKE 'roster.%' AND organization_id IS NOT NULL)`;

/**
 * The listed organizations ($3, `uuid[]`) expected in a round, with the prose staffing facts of
 * their submitted versions (null without one), for the roster's staffing measure. Parameters
 * as `roundSourceSql`'s $1, $5 (as $2).
 */
export function expectedOrganizationsSql(): string {
  return `SELECT o.id, i.staffing, s.submitted_version_id IS NOT NULL AS has_report
  ${EXPECTED_FROM.replace('$5', '$2')}
   AND o.id = ANY($3::uuid[])`;
}

/**
 * The scored source of a round read from the tables: every expected organization, its
 * effective deadline, first submission and the stored inputs of its submitted version (or what
 * the package measures without a report: `absentMeasures`). Parameters: $1 round id, $2 the
 * population's region path pattern, $3 its peer group (null = all), $4 the scoring instant
 * (timestamptz), $5 the round scope's path pattern, $6 staffing measured from rosters
 * (`[{ organization_id, st, val }]`, jsonb), which replaces the stored one.
 */
export function roundSourceSql(): string {
  const staffing = MEASURE_INDEX.staffing + 1;
  const width = Object.keys(MEASURE_INDEX).length;
  const absentWithPrevious = `'{${absentMeasures(true).join(',')}}'::smallint[]`;
  const absentWithout = `'{${absentMeasures(false).join(',')}}'::smallint[]`;
  const statuses = `COALESCE(i.statuses, CASE WHEN ps.submitted_version_id IS NOT NULL
                                 THEN ${absentWithPrevious} ELSE ${absentWithout} END)`;
  const vals = `COALESCE(i.vals, array_fill(NULL::float8, ARRAY[${width}]))`;
  const deadline = effectiveDeadlineSql('r', 'o', 'x');
  return `
SELECT o.id AS organization_id, ${PEER_GROUP_SQL} AS peer_group,
       row_number() OVER (ORDER BY o.name COLLATE "zh-x-icu", o.id) AS position,
       (o.path LIKE $2 AND ($3::text IS NULL OR ${PEER_GROUP_SQL} = $3)) AS in_population,
       (${deadline} - DATE '1970-01-01') AS deadline_day,
       ((s.first_submitted_at AT TIME ZONE 'Asia/Shanghai')::date - DATE '1970-01-01') AS submitted_day,
       ($4::timestamptz >= ${deadlineDayEndSql(deadline)}) AS deadline_passed,
       (s.submitted_version_id IS NOT NULL) AS has_report,
       CASE WHEN ro.st IS NULL THEN ${statuses}
            ELSE (${statuses})[1:${staffing - 1}] || ro.st || (${statuses})[${staffing + 1}:] END AS statuses,
       CASE WHEN ro.st IS NULL THEN ${vals}
            ELSE (${vals})[1:${staffing - 1}] || ro.val || (${vals})[${staffing + 1}:] END AS vals
  ${EXPECTED_FROM.replace(
    ' WHERE r.id = $1',
    `  LEFT JOIN jsonb_to_recordset($6::jsonb) AS ro(organization_id uuid, st smallint, val float8)
    ON ro.organization_id = o.id
 WHERE r.id = $1`,
  )}`;
}

/**
 * Whether one organization ($3) expected in a round awaits its report at an instant ($4):
 * nothing submitted while its effective deadline is open (`awaitingReport`, as the ranking
 * statement decides it). $1 round id, $2 the round scope's path pattern; no row when the
 * organization is not expected in the round.
 */
export function awaitingReportSql(): string {
  const deadline = effectiveDeadlineSql('r', 'o', 'x');
  return `SELECT (s.submitted_version_id IS NULL AND s.first_submitted_at IS NULL
          AND ${deadline} IS NOT NULL AND $4::timestamptz < ${deadlineDayEndSql(deadline)}) AS awaiting
  ${EXPECTED_FROM.replace('$5', '$2')}
   AND o.id = $3`;
}

/** `LIKE` pattern of a region subtree. */
export function subtreePattern(path: string): string {
  return `${escapeLike(path)}%`;
}

/**
 * The measurements of a row of `rankingSql` (aliased `alias`) for `k` model indicators as three
 * arrays in model order: statuses in the package's codes (0 value, 1 not applicable, 2
 * missing), raw values and normalised scores (`statuses`, `raws`, `norms`).
 */
export function measureArraysSql(k: number, alias: string): string {
  const js = Array.from({ length: k }, (_, j) => j);
  const status = (j: number): string =>
    `(CASE ${alias}.st_${j} WHEN ${STORED_VALUE} THEN 0 WHEN ${STORED_MISSING} THEN 2 ELSE 1 END)`;
  const array = (items: string[], type: string): string =>
    items.length === 0 ? `'{}'::${type}[]` : `ARRAY[${items.join(', ')}]::${type}[]`;
  return [
    `${array(js.map(status), 'smallint')} AS statuses`,
    `${array(
      js.map((j) => `${alias}.raw_${j}`),
      'float8',
    )} AS raws`,
    `${array(
      js.map((j) => `${alias}.norm_${j}`),
      'float8',
    )} AS norms`,
  ].join(', ');
}
