import { isOnTime } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { notFound } from '../../common/domain-error';
import { OrganizationsService } from '../organizations';
import { SubmissionStatus } from './submission.entity';
import { RoundsService } from '../rounds';
import {
  type FiguresRow,
  figuresSelectSql,
  rosterJoinsSql,
  rosterWithSql,
} from './submission-stats.sql';
import type { RosterSubmission } from './submissions.service';

export type RoundStatsFigures = {
  nodeId: string;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  complete: number;
  approved: number;
  published: number;
  submittedRate: number;
  onTimeRate: number;
  completeRate: number;
  approvedRate: number;
  missingOrganizationIds: string[];
  lateOrganizationIds: string[];
};

export type RoundStats = RoundStatsFigures & { roundId: string; children: RoundStatsFigures[] };

const rate = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;

/**
 * Completeness and timeliness, computed objectively from the expected roster: every figure
 * counts organizations of the roster, so no rate can exceed 100%. The definition over rows
 * loaded into Node; the overview counts the same in PostgreSQL (`figuresSelectSql`), and
 * `server/test/overview-sql.test.ts` holds the two equal.
 */
export function figures(nodeId: string, rows: readonly RosterSubmission[]): RoundStatsFigures {
  let submitted = 0;
  let onTime = 0;
  let complete = 0;
  let approved = 0;
  let published = 0;
  const missing: string[] = [];
  const late: string[] = [];
  for (const row of rows) {
    const s = row.submission;
    if (!s?.firstSubmittedAt) {
      missing.push(row.organization.id);
      continue;
    }
    submitted++;
    if (isOnTime(s.firstSubmittedAt, row.deadline)) onTime++;
    else late.push(row.organization.id);
    const submittedVersion =
      row.version && row.version.id === s.submittedVersionId ? row.version : null;
    if (submittedVersion && submittedVersion.gapCount === 0 && submittedVersion.errorCount === 0)
      complete++;
    if (s.status === SubmissionStatus.APPROVED || s.status === SubmissionStatus.PUBLISHED)
      approved++;
    if (s.status === SubmissionStatus.PUBLISHED) published++;
  }
  return assemble(nodeId, {
    expected: rows.length,
    submitted,
    onTime,
    complete,
    approved,
    published,
    missing,
    late,
  });
}

/** `RoundStatsFigures` from a row of `figuresSelectSql`. */
export function figuresFromRow(nodeId: string, row: FiguresRow | undefined): RoundStatsFigures {
  return assemble(nodeId, {
    expected: row?.expected ?? 0,
    submitted: row?.submitted ?? 0,
    onTime: row?.on_time ?? 0,
    complete: row?.complete ?? 0,
    approved: row?.approved ?? 0,
    published: row?.published ?? 0,
    missing: row?.missing_ids ?? [],
    late: row?.late_ids ?? [],
  });
}

/** The figures and rates from the counts and the missing and late bodies. */
function assemble(
  nodeId: string,
  c: {
    expected: number;
    submitted: number;
    onTime: number;
    complete: number;
    approved: number;
    published: number;
    missing: string[];
    late: string[];
  },
): RoundStatsFigures {
  return {
    nodeId,
    expected: c.expected,
    submitted: c.submitted,
    onTime: c.onTime,
    late: c.late.length,
    missing: c.missing.length,
    complete: c.complete,
    approved: c.approved,
    published: c.published,
    submittedRate: rate(c.submitted, c.expected),
    onTimeRate: rate(c.onTime, c.expected),
    completeRate: rate(c.complete, c.expected),
    approvedRate: rate(c.approved, c.expected),
    missingOrganizationIds: c.missing,
    lateOrganizationIds: c.late,
  };
}

@Injectable()
export class SubmissionStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
  ) {}

  /**
   * Figures for a node of a round and (unless `withChildren` is false) for each of its direct
   * children's subtrees that hold an expected body, in path order: one aggregate in PostgreSQL
   * over the node's subtree (grouping sets: the node, then each child), whatever its size.
   */
  async roundStats(
    actor: Actor,
    roundId: string,
    nodeId: string,
    options: { withChildren?: boolean } = {},
  ): Promise<RoundStats> {
    const node = await this.organizations.get(nodeId);
    if (!inScope(actor, node)) throw notFound('organization');
    const round = await this.rounds.get(roundId);
    const withChildren = options.withChildren ?? true;
    // The direct child whose subtree holds the row ('' for the node itself).
    const child = `split_part(substr(o.path, length($2::text) + 1), '/', 1)`;
    const rows = (await this.dataSource.query(
      `WITH ${rosterWithSql('$2::text', 'ARRAY[$1::uuid]')}
       SELECT ${withChildren ? `GROUPING(${child}) = 0` : 'false'} AS is_child,
              ${withChildren ? child : "''"} AS child_id,
              ${figuresSelectSql({ ids: true, complete: true })}
         FROM round_directory r
         ${rosterJoinsSql('$2::text', { versions: true })}
        WHERE r.id = $1
        ${withChildren ? `GROUP BY GROUPING SETS ((), (${child})) ORDER BY min(o.path)` : ''}`,
      [round.id, node.path],
    )) as (FiguresRow & { is_child: boolean; child_id: string })[];
    const total = rows.find((r) => !r.is_child);
    const children = rows
      .filter((r) => r.is_child && r.child_id !== '')
      .map((r) => figuresFromRow(r.child_id, r));
    return { roundId: round.id, ...figuresFromRow(node.id, total), children };
  }
}
