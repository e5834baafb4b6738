import { effectiveDeadlineSql, expectedInRoundSql, inSubtreeSql, lateSql } from '../rounds';
import { SubmissionStatus } from './submission.entity';

/**
 * The `WITH` clauses the roster reads from: `subtree`, the reporting bodies under the region's path
 * `regionPath` (a range of the path index, which carries the columns read here, so the bodies'
 * rows are not visited), and `subs`, their submissions in the rounds `roundIds` (a `uuid[]`
 * expression), one probe of the organization index per body (it carries the columns read here).
 * Both are materialised: a region is read once, whatever the number of rounds counted over it.
 */
export function rosterWithSql(regionPath: string, roundIds: string): string {
  return `subtree AS MATERIALIZED (
      SELECT o.id, o.path, o.level, o.reports, o.active_from_year, o.active_to_year
        FROM organization_directory o
       WHERE ${inSubtreeSql('o', regionPath)} AND o.reports),
    subs AS MATERIALIZED (
      SELECT s.round_id, s.organization_id, s.status, s.first_submitted_at, s.submitted_version_id
        FROM subtree t JOIN submission_states s ON s.organization_id = t.id
       WHERE s.round_id = ANY(${roundIds}))`;
}

/**
 * The roster of a round as SQL joins after `rounds r` (under `WITH ${rosterWithSql(…)}`): every
 * body `o` expected in the round (`expectedInRoundSql`) in the subtree of the path `path` (a text
 * expression inside the region), with its submission `s` in the round, the submitted version `v`
 * and its extension `e` (LEFT JOINed). The same rows as `SubmissionsService.latestForSubtree`,
 * read where they are stored. Without `versions` the version is not joined (and
 * `figuresSelectSql` must not count `complete`).
 */
export function rosterJoinsSql(path: string, options: { versions: boolean }): string {
  return `JOIN subtree o ON ${inSubtreeSql('o', path)} AND ${expectedInRoundSql('r', 'o')}
    LEFT JOIN subs s ON s.round_id = r.id AND s.organization_id = o.id
    ${options.versions ? 'LEFT JOIN submission_versions v ON v.id = s.submitted_version_id' : ''}
    LEFT JOIN round_extension_deadlines e ON e.round_id = r.id AND e.organization_id = o.id`;
}

const SUBMITTED = 's.first_submitted_at IS NOT NULL';
const LATE = lateSql(effectiveDeadlineSql('r', 'o', 'e'), 's.first_submitted_at');
const APPROVED = `s.status IN ('${SubmissionStatus.APPROVED}', '${SubmissionStatus.PUBLISHED}')`;
const PUBLISHED = `s.status = '${SubmissionStatus.PUBLISHED}'`;

/**
 * The aggregates of `figures()` over roster rows (`rosterJoinsSql`): a body counts as submitted
 * once it first submitted; on time by its deadline (extension included) in Asia/Shanghai; complete
 * when its submitted version has no gap and no error (with `complete`: needs the versions
 * joined); approved when approved or published. With `ids`, also the missing and late bodies'
 * ids in path order.
 */
export function figuresSelectSql(options: { ids: boolean; complete: boolean }): string {
  const counts = `count(*)::int AS expected,
       count(*) FILTER (WHERE ${SUBMITTED})::int AS submitted,
       count(*) FILTER (WHERE ${SUBMITTED} AND NOT ${LATE})::int AS on_time,
       ${options.complete ? `count(*) FILTER (WHERE ${SUBMITTED} AND v.gap_count = 0 AND v.error_count = 0)::int` : '0'} AS complete,
       count(*) FILTER (WHERE ${SUBMITTED} AND ${APPROVED})::int AS approved,
       count(*) FILTER (WHERE ${SUBMITTED} AND ${PUBLISHED})::int AS published`;
  if (!options.ids) return counts;
  return `${counts},
       COALESCE(array_agg(o.id::text ORDER BY o.path) FILTER (WHERE NOT ${SUBMITTED}), '{}') AS missing_ids,
       COALESCE(array_agg(o.id::text ORDER BY o.path) FILTER (WHERE ${SUBMITTED} AND ${LATE}), '{}') AS late_ids`;
}

/** A row of `figuresSelectSql` as PostgreSQL returns it. */
export type FiguresRow = {
  expected: number;
  submitted: number;
  on_time: number;
  complete: number;
  approved: number;
  published: number;
  missing_ids?: string[];
  late_ids?: string[];
};
