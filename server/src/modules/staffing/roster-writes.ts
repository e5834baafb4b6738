import { isIsoDay } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import { badInput, badInputs, type FieldProblem } from '../../common/domain-error';
import type { CommandContext } from '../audit';
import type { OrganizationEntity } from '../organizations';
import { DEFAULT_POSTS } from './default-posts';
import { AssignmentSource, PostAssignmentEntity } from './post-assignment.entity';
import { PostVacancyEntity } from './post-vacancy.entity';
import { cleanName, lockProfile, MAX_NAME, requireDay } from './roster-input';
import type { StaffingProfileEntity } from './staffing-profile.entity';
import { StaffingTrainingEntity } from './staffing-training.entity';

const POST_KEY = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

export type NewHolding = {
  postKey: string;
  holderName: string;
  fullTime: boolean;
  fromDate: string;
  untilDate?: string | null;
};

export type NewTraining = { heldOn: string; topic: string; hours: number };

/** A new holding's own fields: the name (cleaned), the days, until not before from. */
export function checkHolding(input: NewHolding): string {
  const name = cleanName(input.holderName ?? '');
  const problems: FieldProblem[] = [];
  if (name === '') problems.push({ field: 'input.holderName', message: 'required' });
  if (name.length > MAX_NAME)
    problems.push({ field: 'input.holderName', message: `at most ${MAX_NAME} characters` });
  requireDay(problems, 'input.fromDate', input.fromDate);
  requireDay(problems, 'input.untilDate', input.untilDate);
  if (input.untilDate && isIsoDay(input.fromDate) && input.untilDate < input.fromDate)
    problems.push({ field: 'input.untilDate', message: 'cannot be before fromDate' });
  if (problems.length) throw badInputs(problems);
  return name;
}

/** A training's own fields: the day, the topic (cleaned), the hours. */
export function checkTraining(input: NewTraining): string {
  const problems: FieldProblem[] = [];
  requireDay(problems, 'input.heldOn', input.heldOn);
  const topic = cleanName(input.topic ?? '');
  if (topic === '' || topic.length > 200)
    problems.push({ field: 'input.topic', message: '1–200 characters' });
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 1000)
    problems.push({ field: 'input.hours', message: 'must be more than 0 and at most 1000' });
  if (problems.length) throw badInputs(problems);
  return topic;
}

async function knownPostKeys(manager: EntityManager, organization: OrganizationEntity) {
  const ancestors = organization.path.split('/').filter((s) => s !== '');
  const rows = (await manager.query(
    `SELECT DISTINCT p.post_key FROM disclosure_posts p JOIN round_directory r ON r.id = p.round_id
      WHERE r.scope_organization_id = ANY($1::uuid[])`,
    [ancestors],
  )) as { post_key: string }[];
  return new Set([...DEFAULT_POSTS.map((p) => p.postKey), ...rows.map((r) => r.post_key)]);
}

async function checkPostKey(
  manager: EntityManager,
  organization: OrganizationEntity,
  postKey: string,
) {
  if (!POST_KEY.test(postKey) || !(await knownPostKeys(manager, organization)).has(postKey))
    throw badInput('input.postKey', 'not a post configured for this organization’s rounds', {
      key: 'staffing.unknownPost',
    });
}

/**
 * The commands that write an organization's roster — holdings, vacancies, trainings, the leading
 * group and the "still current" confirmation — with their rules and `roster.*` audit events,
 * inside the caller's transaction and after its access checks (`RosterCommands` for the bureau,
 * the demo seed for its history, back-dated by `context.at`).
 */
/** Refuses a leading group's days that are not days, or dissolved without or before established. */
export function checkLeadingGroupDays(input: {
  establishedOn?: string | null;
  dissolvedOn?: string | null;
}): void {
  const problems: FieldProblem[] = [];
  requireDay(problems, 'input.establishedOn', input.establishedOn);
  requireDay(problems, 'input.dissolvedOn', input.dissolvedOn);
  if (input.dissolvedOn && !input.establishedOn)
    problems.push({ field: 'input.establishedOn', message: 'required with dissolvedOn' });
  if (input.dissolvedOn && input.establishedOn && input.dissolvedOn <= input.establishedOn)
    problems.push({ field: 'input.dissolvedOn', message: 'must be after establishedOn' });
  if (problems.length) throw badInputs(problems);
}

export const rosterWrites = {
  async assign(
    context: CommandContext,
    organization: OrganizationEntity,
    input: NewHolding,
  ): Promise<PostAssignmentEntity> {
    const { manager } = context;
    const name = checkHolding(input);
    await checkPostKey(manager, organization, input.postKey);
    const saved = await manager.save(
      manager.create(PostAssignmentEntity, {
        organizationId: organization.id,
        postKey: input.postKey,
        holderName: name,
        fullTime: input.fullTime,
        fromDate: input.fromDate,
        untilDate: input.untilDate ?? null,
        source: AssignmentSource.MANUAL,
        createdById: context.actorId,
        ...(context.at ? { createdAt: context.at, updatedAt: context.at } : {}),
      }),
    );
    await context.record([
      {
        organizationId: organization.id,
        action: 'roster.assign',
        data: { assignmentId: saved.id, postKey: saved.postKey, fromDate: saved.fromDate },
      },
    ]);
    return saved;
  },

  /** Declares the post vacant since a day, or (since null) withdraws the declaration. */
  async declareVacancy(
    context: CommandContext,
    organization: OrganizationEntity,
    input: { postKey: string; since?: string | null },
  ): Promise<string | null> {
    const { manager } = context;
    const problems: FieldProblem[] = [];
    requireDay(problems, 'input.since', input.since);
    if (problems.length) throw badInputs(problems);
    await checkPostKey(manager, organization, input.postKey);
    await manager.delete(PostVacancyEntity, {
      organizationId: organization.id,
      postKey: input.postKey,
    });
    if (input.since)
      await manager.insert(PostVacancyEntity, {
        organizationId: organization.id,
        postKey: input.postKey,
        since: input.since,
        ...(context.at ? { createdAt: context.at } : {}),
      });
    await context.record([
      {
        organizationId: organization.id,
        action: 'roster.vacancy',
        data: { postKey: input.postKey, since: input.since ?? null },
      },
    ]);
    return input.since ?? null;
  },

  async recordTraining(
    context: CommandContext,
    organization: OrganizationEntity,
    input: NewTraining,
  ): Promise<StaffingTrainingEntity> {
    const { manager } = context;
    const topic = checkTraining(input);
    const saved = await manager.save(
      manager.create(StaffingTrainingEntity, {
        organizationId: organization.id,
        heldOn: input.heldOn,
        topic,
        hours: Math.round(input.hours * 10) / 10,
        ...(context.at ? { createdAt: context.at } : {}),
      }),
    );
    await context.record([
      {
        organizationId: organization.id,
        action: 'roster.training',
        data: { trainingId: saved.id, heldOn: saved.heldOn },
      },
    ]);
    return saved;
  },

  /**
   * The leading group's days (dissolved after established), under the profile's optimistic lock
   * when `expectedRevision` is given.
   */
  async setLeadingGroup(
    context: CommandContext,
    organization: OrganizationEntity,
    input: { establishedOn?: string | null; dissolvedOn?: string | null },
    staleUnless?: (profile: StaffingProfileEntity) => void,
  ): Promise<StaffingProfileEntity> {
    checkLeadingGroupDays(input);
    const profile = await lockProfile(context.manager, organization.id);
    staleUnless?.(profile);
    profile.leadingGroupEstablishedOn = input.establishedOn ?? null;
    profile.leadingGroupDissolvedOn = input.dissolvedOn ?? null;
    if (context.at) profile.updatedAt = context.at;
    const saved = await context.manager.save(profile);
    await context.record([
      {
        organizationId: organization.id,
        action: 'roster.leadingGroup',
        data: {
          establishedOn: saved.leadingGroupEstablishedOn,
          dissolvedOn: saved.leadingGroupDissolvedOn,
        },
      },
    ]);
    return saved;
  },

  /** "Checked, still current": counts as an update of the roster. */
  async confirm(context: CommandContext, organization: OrganizationEntity): Promise<Date> {
    // the profile row created or updated in one statement (its revision moves on)
    const [row] = (await context.manager.query(
      `INSERT INTO staffing_profiles (organization_id, confirmed_at, revision, updated_at)
       VALUES ($1, $2, 1, coalesce($3::timestamptz, now()))
       ON CONFLICT (organization_id) DO UPDATE
          SET confirmed_at = EXCLUDED.confirmed_at, revision = staffing_profiles.revision + 1,
              updated_at = EXCLUDED.updated_at
       RETURNING confirmed_at`,
      [organization.id, context.at ?? new Date(), context.at ?? null],
    )) as { confirmed_at: Date }[];
    await context.record([{ organizationId: organization.id, action: 'roster.confirm', data: {} }]);
    return row!.confirmed_at;
  },
};
