import type { AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, badInputs, conflict, type FieldProblem } from '../../common/domain-error';
import { AuditService } from '../audit';
import type { OrganizationRow } from '../organizations';
import { SubmissionsService } from '../submissions';
import { DEFAULT_POSTS } from './default-posts';
import { AssignmentSource, PostAssignmentEntity } from './post-assignment.entity';
import { cleanName, lockProfile, MAX_NAME, requireDay } from './roster-input';
import { RosterQueries, type RoundFrame } from './roster-queries';
import { requirementsFor, type PostRequirement } from './roster-state';

const MAX_PREFILL_PER_POST = 20;

export type PrefillProposal = {
  versionId: string | null;
  staffing: AnnualReport['staffing'] | null;
  holders: {
    postKey: string;
    fullTime: boolean;
    path: string;
    line: number | null;
    confidence: number | null;
  }[];
  leadingGroup: boolean | null;
  leadingGroupLine: number | null;
  trainings: number | null;
};

/** Roster proposals from the report's staffing facts (with provenance), and their confirmation. */
@Injectable()
export class RosterPrefill {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RosterQueries,
    private readonly submissions: SubmissionsService,
    private readonly audit: AuditService,
  ) {}

  async prefill(actor: Actor, organizationId: string, roundId: string): Promise<PrefillProposal> {
    const organization = await this.queries.visibleOrganization(actor, organizationId);
    const frame = await this.queries.roundFor(roundId, organization);
    return this.proposal(frame, organization);
  }

  private async proposal(
    frame: RoundFrame,
    organization: OrganizationRow,
  ): Promise<PrefillProposal> {
    const { rows } = await this.submissions.latestForSubtree(frame.round.id, organization.id);
    const version = rows.find((r) => r.organization.id === organization.id)?.version ?? null;
    const report = (version?.report as AnnualReport | undefined) ?? null;
    const staffing = report?.staffing ?? null;
    const provenance = report?.provenance ?? {};
    const requirements = requirementsFor(frame.requirements, organization);
    const staffPosts =
      requirements.length > 0 ? requirements : (DEFAULT_POSTS as PostRequirement[]);
    const fullTimePost =
      staffPosts.find((p) => p.countsAsStaff && p.fullTimeRequired)?.postKey ?? 'dedicatedStaff';
    const partTimePost =
      staffPosts.find((p) => p.countsAsStaff && !p.fullTimeRequired)?.postKey ?? 'liaison';
    const holders: PrefillProposal['holders'] = [];
    const add = (
      count: number | null | undefined,
      postKey: string,
      fullTime: boolean,
      path: string,
    ) => {
      const n = Math.min(MAX_PREFILL_PER_POST, Math.max(0, count ?? 0));
      const source = provenance[path];
      for (let i = 0; i < n; i += 1)
        holders.push({
          postKey,
          fullTime,
          path,
          line: source?.line ?? null,
          confidence: source?.confidence ?? null,
        });
    };
    add(staffing?.dedicatedStaff, fullTimePost, true, 'staffing.dedicatedStaff');
    add(staffing?.partTimeStaff, partTimePost, false, 'staffing.partTimeStaff');
    return {
      versionId: version?.id ?? null,
      staffing,
      holders,
      leadingGroup: staffing?.leadingGroup ?? null,
      leadingGroupLine: provenance['staffing.leadingGroup']?.line ?? null,
      trainings: staffing?.trainings ?? null,
    };
  }

  /**
   * The bureau confirms the proposal: each proposed person becomes a holding from `fromDate`
   * (source REPORT, with the version, fact and line), and a stated leading group is recorded as
   * established by `fromDate` when none is recorded. Refused when this version was applied.
   */
  async applyPrefill(
    actor: Actor,
    input: {
      organizationId: string;
      roundId: string;
      fromDate: string;
      names?: { postKey: string; holderName: string }[] | null;
    },
  ): Promise<PostAssignmentEntity[]> {
    const problems: FieldProblem[] = [];
    requireDay(problems, 'input.fromDate', input.fromDate);
    for (const [i, n] of (input.names ?? []).entries())
      if (cleanName(n.holderName).length > MAX_NAME)
        problems.push({
          field: `input.names.${i}.holderName`,
          message: `at most ${MAX_NAME} characters`,
        });
    if (problems.length) throw badInputs(problems);
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
    const frame = await this.queries.roundFor(input.roundId, organization);
    const proposal = await this.proposal(frame, organization);
    if (proposal.versionId === null)
      throw badInput('input.roundId', 'no report in this round to prefill from', {
        key: 'staffing.noReportToPrefill',
      });
    if (proposal.holders.length === 0 && proposal.leadingGroup !== true)
      throw badInput('input.roundId', 'the report states no staffing facts to prefill', {
        key: 'staffing.nothingToPrefill',
      });
    return this.dataSource.transaction(async (manager) => {
      const already = await manager.exists(PostAssignmentEntity, {
        where: { organizationId: organization.id, sourceVersionId: proposal.versionId! },
      });
      if (already)
        throw conflict('this report has already been applied to the roster', {
          key: 'staffing.prefillApplied',
        });
      const names = new Map<string, string[]>();
      for (const n of input.names ?? []) {
        const list = names.get(n.postKey) ?? [];
        list.push(cleanName(n.holderName));
        names.set(n.postKey, list);
      }
      const rows = proposal.holders.map((h) =>
        manager.create(PostAssignmentEntity, {
          organizationId: organization.id,
          postKey: h.postKey,
          holderName: names.get(h.postKey)?.shift() ?? '',
          fullTime: h.fullTime,
          fromDate: input.fromDate,
          untilDate: null,
          source: AssignmentSource.REPORT,
          sourceVersionId: proposal.versionId,
          sourcePath: h.path,
          sourceLine: h.line,
          createdById: actor.userId,
        }),
      );
      const saved = rows.length ? await manager.save(rows) : [];
      if (proposal.leadingGroup === true) {
        const profile = await lockProfile(manager, organization.id);
        if (profile.leadingGroupEstablishedOn === null) {
          profile.leadingGroupEstablishedOn = input.fromDate;
          await manager.save(profile);
        }
      }
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        roundId: frame.round.id,
        action: 'roster.prefill',
        data: {
          versionId: proposal.versionId,
          holders: saved.map((a) => ({ id: a.id, postKey: a.postKey, fullTime: a.fullTime })),
          leadingGroup: proposal.leadingGroup,
        },
      });
      return saved;
    });
  }
}
