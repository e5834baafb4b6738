import { FLAG_CATALOGUE } from '@gongkai/scoring';
import type { PostAssignmentEntity } from './post-assignment.entity';
import type { PrefillProposal } from './roster-prefill';
import type { RosterQueries } from './roster-queries';
import type { PostHolder, StaffingPrefill, StaffingRoster } from './staffing.model';

/** A holding as the API shows it. */
export function holder(a: PostAssignmentEntity): PostHolder {
  return {
    id: a.id,
    postKey: a.postKey,
    holderName: a.holderName,
    fullTime: a.fullTime,
    fromDate: a.fromDate,
    untilDate: a.untilDate,
    source: a.source,
    sourceVersionId: a.sourceVersionId,
    sourcePath: a.sourcePath,
    sourceLine: a.sourceLine,
    revision: a.revision,
  };
}

/** An organization's roster for a round (`RosterQueries.roster`) as the API shows it. */
export function toStaffingRoster({
  frame,
  organization,
  evaluation,
  loaded,
}: Awaited<ReturnType<RosterQueries['roster']>>): StaffingRoster {
  const state = evaluation.state;
  const declared = new Map((loaded?.vacancies ?? []).map((v) => [v.postKey, v.since]));
  const staffing = evaluation.report?.staffing ?? null;
  return {
    organizationId: organization.id,
    roundId: frame.round.id,
    year: frame.round.year,
    asOf: new Date(frame.atMs).toISOString(),
    asOfDate: frame.day,
    present: state.present,
    lastUpdatedAt: state.lastUpdatedAt?.toISOString() ?? null,
    updatedSince:
      frame.updatedSinceMs === null ? null : new Date(frame.updatedSinceMs).toISOString(),
    posts: state.posts.map((p) => ({
      postKey: p.requirement.postKey,
      labelZh: p.requirement.labelZh,
      labelEn: p.requirement.labelEn,
      minCount: p.requirement.minCount,
      fullTimeRequired: p.requirement.fullTimeRequired,
      holders: (p.holders as PostAssignmentEntity[]).map(holder),
      fullTimeHolders: p.fullTimeHolders,
      vacant: p.vacant,
      vacantSince: p.vacantSince,
      daysVacant: p.daysVacant,
      declaredVacantSince: declared.get(p.requirement.postKey) ?? null,
    })),
    fullTimeStaff: state.fullTimeStaff,
    partTimeStaff: state.partTimeStaff,
    leadingGroup: state.leadingGroup,
    leadingGroupEstablishedOn: loaded?.profile?.leadingGroupEstablishedOn ?? null,
    leadingGroupDissolvedOn: loaded?.profile?.leadingGroupDissolvedOn ?? null,
    profileRevision: loaded?.profile?.revision ?? 0,
    trainingsInYear: state.trainingsInYear,
    trainings: (loaded?.trainings ?? []).map((t) => ({
      id: t.id,
      heldOn: t.heldOn,
      topic: t.topic,
      hours: t.hours,
    })),
    history: (loaded?.assignments ?? []).map(holder),
    reportStaffing: evaluation.versionId
      ? {
          versionId: evaluation.versionId,
          leadingGroup: staffing?.leadingGroup ?? null,
          dedicatedStaff: staffing?.dedicatedStaff ?? null,
          partTimeStaff: staffing?.partTimeStaff ?? null,
          trainings: staffing?.trainings ?? null,
        }
      : null,
    flags: evaluation.flags.map((f) => ({
      id: f.id,
      severity: f.severity,
      labelZh: FLAG_CATALOGUE[f.id].labelZh,
      labelEn: FLAG_CATALOGUE[f.id].labelEn,
      message: f.message,
      messageEn: f.messageEn,
      evidence: f.evidence,
    })),
  };
}

/** The report prefill proposal as the API shows it. */
export function toStaffingPrefill(
  organizationId: string,
  roundId: string,
  p: PrefillProposal,
): StaffingPrefill {
  return {
    organizationId,
    roundId,
    versionId: p.versionId,
    reportStaffing: p.staffing
      ? {
          versionId: p.versionId,
          leadingGroup: p.staffing.leadingGroup ?? null,
          dedicatedStaff: p.staffing.dedicatedStaff ?? null,
          partTimeStaff: p.staffing.partTimeStaff ?? null,
          trainings: p.staffing.trainings ?? null,
        }
      : null,
    holders: p.holders,
    leadingGroup: p.leadingGroup,
    leadingGroupLine: p.leadingGroupLine,
    trainings: p.trainings,
  };
}
