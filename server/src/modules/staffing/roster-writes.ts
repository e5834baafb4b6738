import type { CommandContext } from '../audit';
import type { OrganizationRow } from '../organizations';
import type { PostAssignmentRow } from './post-assignment.entity';
import {
  assignAll,
  confirmAll,
  declareVacancies,
  type NewHolding,
  type NewTraining,
  recordTrainings,
  setLeadingGroups,
} from './roster-write-lists';
import type { StaffingProfileRow } from './staffing-profile.entity';
import type { StaffingTrainingRow } from './staffing-training.entity';

export {
  checkHolding,
  checkLeadingGroupDays,
  checkTraining,
  type NewHolding,
  type NewTraining,
} from './roster-write-lists';

/**
 * The commands that write an organization's roster — holdings, vacancies, trainings, the leading
 * group and the "still current" confirmation — with their rules and `roster.*` audit events,
 * inside the caller's transaction and after its access checks (`RosterCommands` for the bureau,
 * the demo seed for its history, back-dated by `context.at`). The list forms (`assignAll`,
 * `declareVacancies`, `recordTrainings`, `setLeadingGroups`, `confirmAll`) write many rosters' rows of a kind at once;
 * the single forms are their one-item case.
 */
export const rosterWrites = {
  assignAll,
  declareVacancies,
  recordTrainings,
  setLeadingGroups,
  confirmAll,

  async assign(
    context: CommandContext,
    organization: OrganizationRow,
    input: NewHolding,
  ): Promise<PostAssignmentRow> {
    const [saved] = await assignAll([{ context, organization, input }]);
    return saved!;
  },

  /** Declares the post vacant since a day, or (since null) withdraws the declaration. */
  async declareVacancy(
    context: CommandContext,
    organization: OrganizationRow,
    input: { postKey: string; since?: string | null },
  ): Promise<string | null> {
    const [since] = await declareVacancies([{ context, organization, input }]);
    return since ?? null;
  },

  async recordTraining(
    context: CommandContext,
    organization: OrganizationRow,
    input: NewTraining,
  ): Promise<StaffingTrainingRow> {
    const [saved] = await recordTrainings([{ context, organization, input }]);
    return saved!;
  },

  /**
   * The leading group's days (dissolved after established), under the profile's optimistic lock
   * when `expectedRevision` is given.
   */
  async setLeadingGroup(
    context: CommandContext,
    organization: OrganizationRow,
    input: { establishedOn?: string | null; dissolvedOn?: string | null },
    staleUnless?: (profile: StaffingProfileRow) => void,
  ): Promise<StaffingProfileRow> {
    const [saved] = await setLeadingGroups([{ context, organization, input, staleUnless }]);
    return saved!;
  },

  /** "Checked, still current": counts as an update of the roster. */
  async confirm(context: CommandContext, organization: OrganizationRow): Promise<Date> {
    const [confirmedAt] = await confirmAll([{ context, organization }]);
    return confirmedAt!;
  },
};
