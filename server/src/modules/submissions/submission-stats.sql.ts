import {
  effectiveDeadlineSql,
  expectedInRoundSql,
  inSubtreeSql,
  lateSql,
} from '../rounds/round-deadline.sql';
import { SubmissionStatus } from './submission.entity';

/**
 * The roster of a round under a node as SQL joins after `rounds r`: every body `o` expected in the
 * round (`expectedInRoundSql`) in the subtree of the path `path` (a text expression), with its
 * submission `s` in the round, the submitted version `v` and its extension `e` (LEFT JOINed). The
 * same rows as `SubmissionsService.latestForSubtree`, read where they are stored.
 */
export function rosterJoinsSql(path: string): string {
  return `JOIN organizations o ON ${inSubtreeSql('o', path)} AND ${expectedInRoundSql('r', 'o')}
    LEFT JOIN submissions s ON s.round_id = r.id AND s.organization_id = o.id
    LEFT JOIN submission_versions v ON v.id = s.submitted_version_id
    LEFT JOIN round_extensions e ON e.round_id = r.id AND e.organization_id = o.id`;
}

const SUBMITTED = 's.first_submitted_at IS NOT NULL';
const LATE = lateSql(effectiveDeadlineSql('r', 'o', 'e'), 's.first_submitted_at');
const APPROVED = `s.status IN ('${SubmissionStatus.APPROVED}', '${SubmissionStatus.PUBLISHED}')`;
const PUBLISHED = `s.status = '${SubmissionStatus.PUBLISHED}'`;

/**
 * The aggregates of `figures()` over roster rows (`rosterJoinsSql`): a body counts as submitted
 * once it first submitted; on time by its deadline (extension included) in Asia/Shanghai; complete
 * when its submitted version has no gap and no error; approved when approved or published. With
 * `withIds`, also the missing and late bodies' ids in path order.
 */
export function figuresSelectSql(withIds: boolean): string {
  const counts = `count(*)::int AS expected,
       count(*) FILTER (WHERE ${SUBMITTED})::int AS submitted,
       count(*) FILTER (WHERE ${SUBMITTED} AND NOT ${LATE})::int AS on_time,
       count(*) FILTER (WHERE ${SUBMITTED} AND v.gap_count = 0 AND v.error_count = 0)::int AS complete,
       count(*) FILTER (WHERE ${SUBMITTED} AND ${APPROVED})::int AS approved,
       count(*) FILTER (WHERE ${SUBMITTED} AND ${PUBLISHED})::int AS published`;
  if (!withIds) return counts;
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
