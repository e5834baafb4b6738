import { FLAG_CATALOGUE } from '@gongkai/scoring';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { PostAssignmentEntity } from './post-assignment.entity';
import { RequiredPostsService } from './required-posts.service';
import { RosterService } from './roster.service';
import { StaffingPanelService } from './staffing-panel.service';
import {
  ApplyStaffingPrefillInput,
  AssignPostInput,
  ConfirmRosterInput,
  DeclareVacancyInput,
  RecordTrainingInput,
  RemoveStaffingEntryInput,
  SetRequiredPostsInput,
  UpdateLeadingGroupInput,
  UpdatePostAssignmentInput,
} from './staffing.inputs';
import {
  PostHolder,
  RequiredPost,
  StaffingPanel,
  StaffingPrefill,
  StaffingRoster,
  StaffingTraining,
} from './staffing.model';

function holder(a: PostAssignmentEntity): PostHolder {
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

@Resolver()
export class StaffingResolver {
  constructor(
    private readonly roster: RosterService,
    private readonly posts: RequiredPostsService,
    private readonly panels: StaffingPanelService,
  ) {}

  @Query(() => [RequiredPost], { description: 'The posts a round requires (directory data)' })
  @RequirePermission(Permission.StaffingRead)
  requiredPosts(@Args('roundId', { type: () => ID }) roundId: string): Promise<RequiredPost[]> {
    return this.posts.list(roundId);
  }

  @Query(() => StaffingRoster, {
    description:
      "An organization's roster as it stood for a round, with its staffing flags; names only within scope",
  })
  @RequirePermission(Permission.StaffingRead)
  async staffingRoster(
    @CurrentActor() actor: Actor,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<StaffingRoster> {
    const { frame, organization, evaluation, loaded } = await this.roster.roster(
      actor,
      organizationId,
      roundId,
    );
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

  @Query(() => StaffingPrefill, {
    description: "Roster proposals from the report's staffing facts, with provenance",
  })
  @RequirePermission(Permission.StaffingRead)
  async staffingPrefill(
    @CurrentActor() actor: Actor,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('roundId', { type: () => ID }) roundId: string,
  ): Promise<StaffingPrefill> {
    const p = await this.roster.prefill(actor, organizationId, roundId);
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

  @Query(() => StaffingPanel, { description: 'Staffing of a region in a round (counts only)' })
  @RequirePermission(Permission.StaffingOverview)
  staffingPanel(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('nodeId', { type: () => ID }) nodeId: string,
  ): Promise<StaffingPanel> {
    return this.panels.panel(actor, roundId, nodeId);
  }

  @Mutation(() => [RequiredPost])
  @RequirePermission(Permission.StaffingConfigure)
  setRequiredPosts(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetRequiredPostsInput,
  ): Promise<RequiredPost[]> {
    return this.posts.set(actor, input);
  }

  @Mutation(() => PostHolder)
  @RequirePermission(Permission.StaffingEdit)
  async assignPost(
    @CurrentActor() actor: Actor,
    @Args('input') input: AssignPostInput,
  ): Promise<PostHolder> {
    return holder(await this.roster.assign(actor, input));
  }

  @Mutation(() => PostHolder)
  @RequirePermission(Permission.StaffingEdit)
  async updatePostAssignment(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdatePostAssignmentInput,
  ): Promise<PostHolder> {
    return holder(await this.roster.updateAssignment(actor, input));
  }

  @Mutation(() => ID, {
    description: 'Deletes a holding entered by mistake (ending one: set untilDate)',
  })
  @RequirePermission(Permission.StaffingEdit)
  removePostAssignment(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveStaffingEntryInput,
  ): Promise<string> {
    return this.roster.removeAssignment(actor, input.id);
  }

  @Mutation(() => String, { nullable: true, description: 'Declares (or clears) "vacant since"' })
  @RequirePermission(Permission.StaffingEdit)
  declarePostVacancy(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeclareVacancyInput,
  ): Promise<string | null> {
    return this.roster.declareVacancy(actor, input);
  }

  @Mutation(() => StaffingTraining)
  @RequirePermission(Permission.StaffingEdit)
  recordTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordTrainingInput,
  ): Promise<StaffingTraining> {
    return this.roster.recordTraining(actor, input);
  }

  @Mutation(() => ID)
  @RequirePermission(Permission.StaffingEdit)
  removeTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveStaffingEntryInput,
  ): Promise<string> {
    return this.roster.removeTraining(actor, input.id);
  }

  @Mutation(() => Int, { description: 'Returns the new revision of the leading group record' })
  @RequirePermission(Permission.StaffingEdit)
  async updateLeadingGroup(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateLeadingGroupInput,
  ): Promise<number> {
    return (await this.roster.updateLeadingGroup(actor, input)).revision;
  }

  @Mutation(() => String, { description: 'Confirms the roster is current; returns the instant' })
  @RequirePermission(Permission.StaffingEdit)
  async confirmRoster(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConfirmRosterInput,
  ): Promise<string> {
    return (await this.roster.confirm(actor, input.organizationId)).toISOString();
  }

  @Mutation(() => [PostHolder], { description: 'Confirms the report prefill into the roster' })
  @RequirePermission(Permission.StaffingEdit)
  async applyStaffingPrefill(
    @CurrentActor() actor: Actor,
    @Args('input') input: ApplyStaffingPrefillInput,
  ): Promise<PostHolder[]> {
    return (await this.roster.applyPrefill(actor, input)).map(holder);
  }
}
