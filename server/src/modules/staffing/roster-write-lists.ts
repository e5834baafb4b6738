import { type EntityManager, In } from 'typeorm';
import { isIsoDay } from '@gongkai/report-model';
import { badInput, badInputs, type FieldProblem } from '../../common/domain-error';
import { type CommandContext, listManager, recordEach } from '../audit';
import type { OrganizationRow } from '../organizations';
import { DEFAULT_POSTS } from './default-posts';
import {
  AssignmentSource,
  PostAssignmentEntity,
  type PostAssignmentRow,
} from './post-assignment.entity';
import { PostVacancyEntity } from './post-vacancy.entity';
import { cleanName, MAX_NAME, requireDay } from './roster-input';
import { StaffingProfileEntity, type StaffingProfileRow } from './staffing-profile.entity';
import { StaffingTrainingEntity, type StaffingTrainingRow } from './staffing-training.entity';

/**
 * The list forms of the roster commands: many rosters' rows of one kind in one statement per
 * table, so the rosters' statement-level triggers run once per list. Each item carries its own
 * context (who acts, when) and organization; every context of one call shares the caller's
 * manager. `rosterWrites`' single forms are the one-item lists (one definition of each rule);
 * every item is checked before anything is written. Items apply in order.
 */

type Item = { readonly context: CommandContext; readonly organization: OrganizationRow };

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

/**
 * Refuses a post key that is not a post configured for the rounds of the item's organization or
 * its ancestors (the default posts always are): one read for the whole list.
 */
async function checkPostKeys(
  manager: EntityManager,
  items: readonly (Item & { input: { postKey: string } })[],
): Promise<void> {
  const ancestorsOf = (o: OrganizationRow) => o.path.split('/').filter((s) => s !== '');
  const scopes = [...new Set(items.flatMap((i) => ancestorsOf(i.organization)))];
  const rows = (await manager.query(
    `SELECT DISTINCT r.scope_organization_id AS scope, p.post_key
       FROM disclosure_posts p JOIN round_directory r ON r.id = p.round_id
      WHERE r.scope_organization_id = ANY($1::uuid[])`,
    [scopes],
  )) as { scope: string; post_key: string }[];
  const defaults = new Set(DEFAULT_POSTS.map((p) => p.postKey));
  for (const { organization, input } of items) {
    const ancestors = new Set(ancestorsOf(organization));
    const known =
      defaults.has(input.postKey) ||
      rows.some((r) => r.post_key === input.postKey && ancestors.has(r.scope));
    if (!POST_KEY.test(input.postKey) || !known)
      throw badInput('input.postKey', 'not a post configured for this organization’s rounds', {
        key: 'staffing.unknownPost',
      });
  }
}

export async function assignAll(
  items: readonly (Item & { input: NewHolding })[],
): Promise<PostAssignmentRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const names = items.map(({ input }) => checkHolding(input));
  await checkPostKeys(manager, items);
  const rows = items.map(({ context, organization, input }, i) =>
    manager.create(PostAssignmentEntity, {
      organizationId: organization.id,
      postKey: input.postKey,
      holderName: names[i]!,
      fullTime: input.fullTime,
      fromDate: input.fromDate,
      untilDate: input.untilDate ?? null,
      source: AssignmentSource.MANUAL,
      createdById: context.actorId,
      ...(context.at ? { createdAt: context.at, updatedAt: context.at } : {}),
    }),
  );
  await manager.insert(PostAssignmentEntity, rows);
  await recordEach(
    items.map(({ context, organization }, i) => ({
      context,
      event: {
        organizationId: organization.id,
        action: 'roster.assign',
        data: { assignmentId: rows[i]!.id, postKey: rows[i]!.postKey, fromDate: rows[i]!.fromDate },
      },
    })),
  );
  return rows;
}

/**
 * Declares posts vacant since a day, or (since null) withdraws the declarations: one DELETE of
 * the posts' declarations, one INSERT of the new ones (the last item of a post wins).
 */
export async function declareVacancies(
  items: readonly (Item & { input: { postKey: string; since?: string | null } })[],
): Promise<(string | null)[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const problems: FieldProblem[] = [];
  for (const { input } of items) requireDay(problems, 'input.since', input.since);
  if (problems.length) throw badInputs(problems);
  await checkPostKeys(manager, items);
  await manager.query(
    `DELETE FROM post_vacancies v
      USING unnest($1::uuid[], $2::text[]) AS d(organization_id, post_key)
      WHERE v.organization_id = d.organization_id AND v.post_key = d.post_key`,
    [items.map((i) => i.organization.id), items.map((i) => i.input.postKey)],
  );
  const last = new Map<string, (typeof items)[number]>();
  for (const item of items) last.set(`${item.organization.id}:${item.input.postKey}`, item);
  const kept = [...last.values()].filter((i) => i.input.since);
  if (kept.length > 0)
    await manager.insert(
      PostVacancyEntity,
      kept.map(({ context, organization, input }) => ({
        organizationId: organization.id,
        postKey: input.postKey,
        since: input.since!,
        ...(context.at ? { createdAt: context.at } : {}),
      })),
    );
  await recordEach(
    items.map(({ context, organization, input }) => ({
      context,
      event: {
        organizationId: organization.id,
        action: 'roster.vacancy',
        data: { postKey: input.postKey, since: input.since ?? null },
      },
    })),
  );
  return items.map((i) => i.input.since ?? null);
}

export async function recordTrainings(
  items: readonly (Item & { input: NewTraining })[],
): Promise<StaffingTrainingRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const topics = items.map(({ input }) => checkTraining(input));
  const rows = items.map(({ context, organization, input }, i) =>
    manager.create(StaffingTrainingEntity, {
      organizationId: organization.id,
      heldOn: input.heldOn,
      topic: topics[i]!,
      hours: Math.round(input.hours * 10) / 10,
      ...(context.at ? { createdAt: context.at } : {}),
    }),
  );
  await manager.insert(StaffingTrainingEntity, rows);
  await recordEach(
    items.map(({ context, organization }, i) => ({
      context,
      event: {
        organizationId: organization.id,
        action: 'roster.training',
        data: { trainingId: rows[i]!.id, heldOn: rows[i]!.heldOn },
      },
    })),
  );
  return rows;
}

/**
 * The leading groups' days (dissolved after established): the profiles locked in one read, each
 * item's `staleUnless` run on its profile as it stands (the service's optimistic lock), then the
 * rows created or updated in one statement, each revision moving on once per item (a profile
 * created here starts at revision 0, the revision its unsaved row had).
 */
export async function setLeadingGroups(
  items: readonly (Item & {
    input: { establishedOn?: string | null; dissolvedOn?: string | null };
    staleUnless?: (profile: StaffingProfileRow) => void;
  })[],
): Promise<StaffingProfileRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  for (const { input } of items) checkLeadingGroupDays(input);
  const ids = [...new Set(items.map((i) => i.organization.id))];
  const found = await manager.find(StaffingProfileEntity, {
    where: { organizationId: In(ids) },
    lock: { mode: 'pessimistic_write' },
  });
  const profiles = new Map(found.map((p) => [p.organizationId, p]));
  const counts = new Map<string, { n: number; at: Date | null }>();
  for (const { context, organization, input, staleUnless } of items) {
    const profile =
      profiles.get(organization.id) ??
      manager.create(StaffingProfileEntity, {
        organizationId: organization.id,
        leadingGroupEstablishedOn: null,
        leadingGroupDissolvedOn: null,
        confirmedAt: null,
        revision: 0,
      });
    profiles.set(organization.id, profile);
    staleUnless?.(profile);
    profile.leadingGroupEstablishedOn = input.establishedOn ?? null;
    profile.leadingGroupDissolvedOn = input.dissolvedOn ?? null;
    const seen = counts.get(organization.id);
    counts.set(organization.id, { n: (seen?.n ?? 0) + 1, at: context.at ?? null });
  }
  const written = [...counts].map(([id, c]) => ({ profile: profiles.get(id)!, ...c }));
  const rows = (await manager.query(
    `INSERT INTO staffing_profiles (organization_id, leading_group_established_on,
            leading_group_dissolved_on, revision, updated_at)
     SELECT organization_id, established_on, dissolved_on, n - 1, coalesce(at, now())
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::int[], $5::timestamptz[])
            AS u(organization_id, established_on, dissolved_on, n, at)
     ON CONFLICT (organization_id) DO UPDATE
        SET leading_group_established_on = EXCLUDED.leading_group_established_on,
            leading_group_dissolved_on = EXCLUDED.leading_group_dissolved_on,
            revision = staffing_profiles.revision + EXCLUDED.revision + 1,
            updated_at = EXCLUDED.updated_at
     RETURNING organization_id, revision, updated_at, confirmed_at`,
    [
      written.map((w) => w.profile.organizationId),
      written.map((w) => w.profile.leadingGroupEstablishedOn),
      written.map((w) => w.profile.leadingGroupDissolvedOn),
      written.map((w) => w.n),
      written.map((w) => w.at),
    ],
  )) as {
    organization_id: string;
    revision: number;
    updated_at: Date;
    confirmed_at: Date | null;
  }[];
  for (const row of rows) {
    const profile = profiles.get(row.organization_id)!;
    profile.revision = row.revision;
    profile.updatedAt = row.updated_at;
    profile.confirmedAt = row.confirmed_at;
  }
  await recordEach(
    items.map(({ context, organization, input }) => ({
      context,
      event: {
        organizationId: organization.id,
        action: 'roster.leadingGroup',
        data: {
          establishedOn: input.establishedOn ?? null,
          dissolvedOn: input.dissolvedOn ?? null,
        },
      },
    })),
  );
  return items.map((i) => profiles.get(i.organization.id)!);
}

/**
 * "Checked, still current", each counting as an update of its roster: the profile rows created or
 * updated in one statement, each revision moving on once per item. Returns each confirmation's
 * instant.
 */
export async function confirmAll(items: readonly Item[]): Promise<Date[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const instants = items.map(({ context }) => context.at ?? new Date());
  const last = new Map<string, { i: number; n: number }>();
  for (const [i, { organization }] of items.entries())
    last.set(organization.id, { i, n: (last.get(organization.id)?.n ?? 0) + 1 });
  const rows = [...last].map(([organizationId, { i, n }]) => ({ organizationId, i, n }));
  const written = (await manager.query(
    `INSERT INTO staffing_profiles (organization_id, confirmed_at, revision, updated_at)
     SELECT organization_id, confirmed_at, n, coalesce(at, now())
       FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::timestamptz[])
            AS u(organization_id, confirmed_at, n, at)
     ON CONFLICT (organization_id) DO UPDATE
        SET confirmed_at = EXCLUDED.confirmed_at,
            revision = staffing_profiles.revision + EXCLUDED.revision,
            updated_at = EXCLUDED.updated_at
     RETURNING organization_id, confirmed_at`,
    [
      rows.map((r) => r.organizationId),
      rows.map((r) => instants[r.i]),
      rows.map((r) => r.n),
      rows.map((r) => items[r.i]!.context.at ?? null),
    ],
  )) as { organization_id: string; confirmed_at: Date }[];
  const stored = new Map(written.map((w) => [w.organization_id, w.confirmed_at]));
  await recordEach(
    items.map(({ context, organization }) => ({
      context,
      event: { organizationId: organization.id, action: 'roster.confirm', data: {} },
    })),
  );
  return items.map(({ organization }, i) =>
    last.get(organization.id)!.i === i ? stored.get(organization.id)! : instants[i]!,
  );
}
