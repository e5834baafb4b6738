import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { RequiredPostsService } from './required-posts.service';
import { RosterCommands } from './roster-commands';
import { RosterPrefill } from './roster-prefill';
import { RosterQueries } from './roster-queries';
import { StaffingPanelService } from './staffing-panel.service';
import { holder, toStaffingPrefill, toStaffingRoster } from './staffing-roster.view';
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

@Resolver()
export class StaffingResolver {
  constructor(
    private readonly rosters: RosterQueries,
    private readonly prefills: RosterPrefill,
    private readonly edits: RosterCommands,
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
    return toStaffingRoster(await this.rosters.roster(actor, organizationId, roundId));
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
    return toStaffingPrefill(
      organizationId,
      roundId,
      await this.prefills.prefill(actor, organizationId, roundId),
    );
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
    return holder(await this.edits.assign(actor, input));
  }

  @Mutation(() => PostHolder)
  @RequirePermission(Permission.StaffingEdit)
  async updatePostAssignment(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdatePostAssignmentInput,
  ): Promise<PostHolder> {
    return holder(await this.edits.updateAssignment(actor, input));
  }

  @Mutation(() => ID, {
    description: 'Deletes a holding entered by mistake (ending one: set untilDate)',
  })
  @RequirePermission(Permission.StaffingEdit)
  removePostAssignment(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveStaffingEntryInput,
  ): Promise<string> {
    return this.edits.removeAssignment(actor, input.id);
  }

  @Mutation(() => String, { nullable: true, description: 'Declares (or clears) "vacant since"' })
  @RequirePermission(Permission.StaffingEdit)
  declarePostVacancy(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeclareVacancyInput,
  ): Promise<string | null> {
    return this.edits.declareVacancy(actor, input);
  }

  @Mutation(() => StaffingTraining)
  @RequirePermission(Permission.StaffingEdit)
  recordTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordTrainingInput,
  ): Promise<StaffingTraining> {
    return this.edits.recordTraining(actor, input);
  }

  @Mutation(() => ID)
  @RequirePermission(Permission.StaffingEdit)
  removeTraining(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveStaffingEntryInput,
  ): Promise<string> {
    return this.edits.removeTraining(actor, input.id);
  }

  @Mutation(() => Int, { description: 'Returns the new revision of the leading group record' })
  @RequirePermission(Permission.StaffingEdit)
  async updateLeadingGroup(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateLeadingGroupInput,
  ): Promise<number> {
    return (await this.edits.updateLeadingGroup(actor, input)).revision;
  }

  @Mutation(() => String, { description: 'Confirms the roster is current; returns the instant' })
  @RequirePermission(Permission.StaffingEdit)
  async confirmRoster(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConfirmRosterInput,
  ): Promise<string> {
    return (await this.edits.confirm(actor, input.organizationId)).toISOString();
  }

  @Mutation(() => [PostHolder], { description: 'Confirms the report prefill into the roster' })
  @RequirePermission(Permission.StaffingEdit)
  async applyStaffingPrefill(
    @CurrentActor() actor: Actor,
    @Args('input') input: ApplyStaffingPrefillInput,
  ): Promise<PostHolder[]> {
    return (await this.prefills.applyPrefill(actor, input)).map(holder);
  }
}
