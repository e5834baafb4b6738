import { isOnTime } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { type Actor, inScope } from '../../common/actor';
import { notFound } from '../../common/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { SubmissionStatus } from './submission.entity';
import { type RosterSubmission, SubmissionsService } from './submissions.service';

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
 * counts organizations of the roster, so no rate can exceed 100%.
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
  const expected = rows.length;
  return {
    nodeId,
    expected,
    submitted,
    onTime,
    late: late.length,
    missing: missing.length,
    complete,
    approved,
    published,
    submittedRate: rate(submitted, expected),
    onTimeRate: rate(onTime, expected),
    completeRate: rate(complete, expected),
    approvedRate: rate(approved, expected),
    missingOrganizationIds: missing,
    lateOrganizationIds: late,
  };
}

@Injectable()
export class SubmissionStatsService {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Figures for a node of a round and for each of its direct children's subtrees. */
  async roundStats(actor: Actor, roundId: string, nodeId: string): Promise<RoundStats> {
    const node = await this.organizations.get(nodeId);
    if (!inScope(actor, node)) throw notFound('organization');
    const { round, rows } = await this.submissions.latestForSubtree(roundId, nodeId);
    const childIds = [
      ...new Set(
        rows
          .map((r) => r.organization.path.slice(node.path.length).split('/')[0])
          .filter((id): id is string => !!id),
      ),
    ];
    const children = childIds.map((id) =>
      figures(
        id,
        rows.filter((r) => r.organization.path.startsWith(`${node.path}${id}/`)),
      ),
    );
    return { roundId: round.id, ...figures(node.id, rows), children };
  }
}
