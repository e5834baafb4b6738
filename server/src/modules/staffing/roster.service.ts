import { isIsoDay } from '@gongkai/report-model';
import type { AnnualReport } from '@gongkai/report-model';
import {
  FLAG_CATALOGUE,
  flagOrganization,
  toShanghaiIso,
  type Flag,
  type RosterSummary,
} from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type FieldProblem,
  notFound,
} from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import { type OrganizationEntity, OrganizationsService } from '../organizations';
import { type RoundEntity, RoundsService } from '../rounds';
import { SubmissionsService } from '../submissions';
import { DEFAULT_POSTS } from './default-posts';
import { DisclosurePostEntity } from './disclosure-post.entity';
import { AssignmentSource, PostAssignmentEntity } from './post-assignment.entity';
import { PostVacancyEntity } from './post-vacancy.entity';
import { rosterDay, rosterInstant, updatedSinceFor } from './round-reference';
import {
  requirementsFor,
  rosterState,
  toRosterSummary,
  type PostRequirement,
  type RosterRows,
  type RosterState,
} from './roster-state';
import { StaffingProfileEntity } from './staffing-profile.entity';
import { StaffingTrainingEntity } from './staffing-training.entity';

/** Audit actions of roster edits start with this; the latest one is the roster's "last updated". */
export const ROSTER_ACTION_PREFIX = 'roster.';

const MAX_NAME = 60;
const MAX_PREFILL_PER_POST = 20;
const POST_KEY = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

export type LoadedRoster = RosterRows & {
  readonly profile: StaffingProfileEntity | null;
  readonly assignments: readonly PostAssignmentEntity[];
  readonly trainings: readonly StaffingTrainingEntity[];
};

/** A round as the roster reads it: the instant and day, the previous round's due date. */
export type RoundFrame = {
  readonly round: RoundEntity;
  readonly atMs: number;
  readonly day: string;
  readonly updatedSinceMs: number | null;
  readonly requirements: readonly PostRequirement[];
};

export type StaffingEvaluation = {
  readonly organization: OrganizationEntity;
  readonly state: RosterState;
  readonly summary: RosterSummary | null;
  readonly report: AnnualReport | null;
  readonly versionId: string | null;
  readonly flags: readonly Flag[];
};

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

function requireDay(problems: FieldProblem[], field: string, value: string | null | undefined) {
  if (value !== null && value !== undefined && !isIsoDay(value))
    problems.push({ field, message: 'must be a calendar date YYYY-MM-DD' });
}

function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Rosters of disclosure posts: effective-dated holdings, declared vacancies, trainings and the
 * leading group per organization; read as of a round (see `round-reference.ts`), reduced to
 * counts for scoring (`summaries`), shown with names only to callers whose scope holds the
 * organization. Every read for many organizations is a fixed number of queries.
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly submissions: SubmissionsService,
    private readonly audit: AuditService,
  ) {}

  // ---- reading, set-based ---------------------------------------------------------------------

  /** The scoring hook (ROSTER_SUMMARY_PROVIDER): counts only, organizations without a roster absent. */
  summaries(
    roundId: string,
    organizationIds: readonly string[],
  ): Promise<ReadonlyMap<string, RosterSummary>> {
    return this.summariesFor(roundId, organizationIds);
  }

  /** The scoring hook: rosters must have been updated since the previous round was due. */
  async updatedSince(roundId: string): Promise<string | null> {
    const frame = await this.frame(roundId);
    return frame.updatedSinceMs === null ? null : toShanghaiIso(frame.updatedSinceMs);
  }

  async summariesFor(
    roundId: string,
    organizationIds: readonly string[],
  ): Promise<Map<string, RosterSummary>> {
    const out = new Map<string, RosterSummary>();
    const ids = [...new Set(organizationIds.filter(isUuid))];
    if (ids.length === 0) return out;
    const frame = await this.frame(roundId);
    const [organizations, rows] = await Promise.all([
      this.organizations.findByIds(ids),
      this.load(ids, frame.atMs),
    ]);
    for (const organization of organizations) {
      const state = this.stateOf(frame, organization, rows.get(organization.id));
      const summary = toRosterSummary(state);
      if (summary) out.set(organization.id, summary);
    }
    return out;
  }

  /** The instant, day, requirements and previous round's due date of a round. */
  async frame(roundId: string, nowMs = Date.now()): Promise<RoundFrame> {
    const round = await this.rounds.get(roundId);
    const [previous, requirements] = await Promise.all([
      this.rounds.list(null, {
        scopeOrganizationId: round.scopeOrganizationId,
        year: round.year - 1,
      }),
      this.dataSource.manager.find(DisclosurePostEntity, {
        where: { roundId: round.id },
        order: { sortOrder: 'ASC', postKey: 'ASC' },
      }),
    ]);
    const atMs = rosterInstant(round, nowMs);
    return {
      round,
      atMs,
      day: rosterDay(atMs),
      updatedSinceMs: updatedSinceFor(previous[0] ?? null),
      requirements,
    };
  }

  stateOf(frame: RoundFrame, organization: OrganizationEntity, rows?: RosterRows): RosterState {
    return rosterState(
      requirementsFor(frame.requirements, organization),
      rows ?? EMPTY_ROWS,
      frame.day,
      frame.round.year,
    );
  }

  /** Every roster row of many organizations, and their last update at or before `atMs`. */
  async load(
    organizationIds: readonly string[],
    atMs: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, LoadedRoster>> {
    const ids = [...new Set(organizationIds)];
    const out = new Map<string, LoadedRoster>();
    if (ids.length === 0) return out;
    const [assignments, vacancies, trainings, profiles, updates] = await Promise.all([
      manager.find(PostAssignmentEntity, {
        where: { organizationId: In(ids) },
        order: { fromDate: 'ASC', createdAt: 'ASC' },
      }),
      manager.find(PostVacancyEntity, { where: { organizationId: In(ids) } }),
      manager.find(StaffingTrainingEntity, {
        where: { organizationId: In(ids) },
        order: { heldOn: 'DESC' },
      }),
      manager.find(StaffingProfileEntity, { where: { organizationId: In(ids) } }),
      manager.query(
        `SELECT organization_id AS id, max(created_at) AS at
           FROM audit_events
          WHERE organization_id = ANY($1::uuid[]) AND action LIKE $2 AND created_at <= $3
          GROUP BY organization_id`,
        [ids, `${ROSTER_ACTION_PREFIX}%`, new Date(atMs)],
      ) as Promise<{ id: string; at: Date }[]>,
    ]);
    const group = <T extends { organizationId: string }>(rows: readonly T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) {
        const list = map.get(row.organizationId);
        if (list) list.push(row);
        else map.set(row.organizationId, [row]);
      }
      return map;
    };
    const byAssignment = group(assignments);
    const byVacancy = group(vacancies);
    const byTraining = group(trainings);
    const profileOf = new Map(profiles.map((p) => [p.organizationId, p]));
    const updatedOf = new Map(updates.map((u) => [u.id, new Date(u.at)]));
    for (const id of ids) {
      const profile = profileOf.get(id) ?? null;
      const own = byAssignment.get(id) ?? [];
      const ownTrainings = byTraining.get(id) ?? [];
      out.set(id, {
        holdings: own,
        vacancies: byVacancy.get(id) ?? [],
        trainingDays: ownTrainings.map((t) => t.heldOn),
        leadingGroup: profile
          ? {
              establishedOn: profile.leadingGroupEstablishedOn,
              dissolvedOn: profile.leadingGroupDissolvedOn,
            }
          : null,
        lastUpdatedAt: updatedOf.get(id) ?? null,
        profile,
        assignments: own,
        trainings: ownTrainings,
      });
    }
    return out;
  }

  /**
   * Roster state, counts summary, the report's prose and the staffing flags (with evidence) of
   * every organization expected in a round under a node. Flags come from `@gongkai/scoring`, the
   * same code the ranking runs, judged at the round's roster instant.
   */
  async evaluate(
    frame: RoundFrame,
    nodeId: string,
  ): Promise<{ evaluations: StaffingEvaluation[]; rows: Map<string, LoadedRoster> }> {
    const { rows: expected } = await this.submissions.latestForSubtree(frame.round.id, nodeId);
    const rows = await this.load(
      expected.map((e) => e.organization.id),
      frame.atMs,
    );
    const asOf = toShanghaiIso(frame.atMs);
    const rosterUpdatedSince =
      frame.updatedSinceMs === null ? null : toShanghaiIso(frame.updatedSinceMs);
    const evaluations = expected.map((e): StaffingEvaluation => {
      const state = this.stateOf(frame, e.organization, rows.get(e.organization.id));
      const summary = toRosterSummary(state);
      const submitted =
        e.submission?.submittedVersionId && e.version?.id === e.submission.submittedVersionId
          ? e.version
          : null;
      const report = (submitted?.report as AnnualReport | undefined) ?? null;
      const flags = flagOrganization(
        {
          organizationId: e.organization.id,
          peerGroup: e.organization.peerGroup ?? '',
          regionPath: [],
          deadline: null,
          submission: null,
          report,
          findings: [],
          roster: summary,
        },
        { asOf, rosterUpdatedSince },
      ).filter((f) => f.id.startsWith('staffing.'));
      return {
        organization: e.organization,
        state,
        summary,
        report,
        versionId: submitted?.id ?? null,
        flags,
      };
    });
    return { evaluations, rows };
  }

  /** An organization the actor may see; NOT_FOUND otherwise (existence is not revealed). */
  async visibleOrganization(actor: Actor, organizationId: string): Promise<OrganizationEntity> {
    const organization = isUuid(organizationId)
      ? ((await this.organizations.findByIds([organizationId]))[0] ?? null)
      : null;
    if (!organization || !inScope(actor, organization)) throw notFound('organization');
    return organization;
  }

  /** The round, checked to cover the organization. */
  async roundFor(roundId: string, organization: OrganizationEntity): Promise<RoundFrame> {
    const frame = await this.frame(roundId);
    if (!organization.path.includes(`/${frame.round.scopeOrganizationId}/`))
      throw badInput('roundId', 'the organization does not report in this round', {
        key: 'staffing.notInRound',
      });
    return frame;
  }

  async roster(actor: Actor, organizationId: string, roundId: string) {
    const organization = await this.visibleOrganization(actor, organizationId);
    const frame = await this.roundFor(roundId, organization);
    const { evaluations, rows } = await this.evaluate(frame, organization.id);
    const evaluation =
      evaluations.find((e) => e.organization.id === organization.id) ??
      (await this.evaluateAlone(frame, organization));
    const loaded =
      rows.get(organization.id) ??
      (await this.load([organization.id], frame.atMs)).get(organization.id);
    return { frame, organization, evaluation, loaded: loaded ?? null };
  }

  /** An organization not expected in the round (closed, or not reporting): no report to read. */
  private async evaluateAlone(
    frame: RoundFrame,
    organization: OrganizationEntity,
  ): Promise<StaffingEvaluation> {
    const rows = await this.load([organization.id], frame.atMs);
    const state = this.stateOf(frame, organization, rows.get(organization.id));
    return {
      organization,
      state,
      summary: toRosterSummary(state),
      report: null,
      versionId: null,
      flags: [],
    };
  }

  // ---- prefill from the report ----------------------------------------------------------------

  async prefill(actor: Actor, organizationId: string, roundId: string): Promise<PrefillProposal> {
    const organization = await this.visibleOrganization(actor, organizationId);
    const frame = await this.roundFor(roundId, organization);
    return this.proposal(frame, organization);
  }

  private async proposal(
    frame: RoundFrame,
    organization: OrganizationEntity,
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
    const organization = await this.visibleOrganization(actor, input.organizationId);
    const frame = await this.roundFor(input.roundId, organization);
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
        const profile = await this.lockProfile(manager, organization.id);
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

  // ---- edits (the bureau's own roster; admins anywhere) ---------------------------------------

  private async knownPostKeys(organization: OrganizationEntity, manager: EntityManager) {
    const ancestors = organization.path.split('/').filter((s) => s !== '');
    const rows = (await manager.query(
      `SELECT DISTINCT p.post_key FROM disclosure_posts p JOIN rounds r ON r.id = p.round_id
        WHERE r.scope_organization_id = ANY($1::uuid[])`,
      [ancestors],
    )) as { post_key: string }[];
    return new Set([...DEFAULT_POSTS.map((p) => p.postKey), ...rows.map((r) => r.post_key)]);
  }

  private async checkPostKey(
    organization: OrganizationEntity,
    postKey: string,
    manager: EntityManager,
  ) {
    if (!POST_KEY.test(postKey) || !(await this.knownPostKeys(organization, manager)).has(postKey))
      throw badInput('input.postKey', 'not a post configured for this organization’s rounds', {
        key: 'staffing.unknownPost',
      });
  }

  async assign(
    actor: Actor,
    input: {
      organizationId: string;
      postKey: string;
      holderName: string;
      fullTime: boolean;
      fromDate: string;
      untilDate?: string | null;
    },
  ): Promise<PostAssignmentEntity> {
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
    const organization = await this.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      await this.checkPostKey(organization, input.postKey, manager);
      const saved = await manager.save(
        manager.create(PostAssignmentEntity, {
          organizationId: organization.id,
          postKey: input.postKey,
          holderName: name,
          fullTime: input.fullTime,
          fromDate: input.fromDate,
          untilDate: input.untilDate ?? null,
          source: AssignmentSource.MANUAL,
          createdById: actor.userId,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        action: 'roster.assign',
        data: { assignmentId: saved.id, postKey: saved.postKey, fromDate: saved.fromDate },
      });
      return saved;
    });
  }

  async updateAssignment(
    actor: Actor,
    input: {
      id: string;
      expectedRevision: number;
      holderName?: string | null;
      fullTime?: boolean | null;
      fromDate?: string | null;
      untilDate?: string | null;
      clearUntil?: boolean | null;
    },
  ): Promise<PostAssignmentEntity> {
    const problems: FieldProblem[] = [];
    const name = input.holderName == null ? null : cleanName(input.holderName);
    if (name !== null && name.length > MAX_NAME)
      problems.push({ field: 'input.holderName', message: `at most ${MAX_NAME} characters` });
    requireDay(problems, 'input.fromDate', input.fromDate);
    requireDay(problems, 'input.untilDate', input.untilDate);
    if (problems.length) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockAssignment(manager, actor, input.id);
      if (current.revision !== input.expectedRevision)
        throw conflict(
          `the holding was changed by someone else (revision ${current.revision}, you had ${input.expectedRevision})`,
          { key: 'staffing.holdingStale' },
        );
      if (name !== null && name !== '') current.holderName = name;
      if (input.fullTime != null) current.fullTime = input.fullTime;
      if (input.fromDate) current.fromDate = input.fromDate;
      if (input.clearUntil) current.untilDate = null;
      else if (input.untilDate) current.untilDate = input.untilDate;
      if (current.untilDate !== null && current.untilDate < current.fromDate)
        throw badInput('input.untilDate', 'cannot be before fromDate', {
          key: 'staffing.untilBeforeFrom',
          params: { from: current.fromDate },
        });
      const saved = await manager.save(current);
      await this.audit.record(manager, actor, {
        organizationId: saved.organizationId,
        action: 'roster.update',
        data: { assignmentId: saved.id, postKey: saved.postKey, untilDate: saved.untilDate },
      });
      return saved;
    });
  }

  async removeAssignment(actor: Actor, id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockAssignment(manager, actor, id);
      await manager.delete(PostAssignmentEntity, { id: current.id });
      await this.audit.record(manager, actor, {
        organizationId: current.organizationId,
        action: 'roster.remove',
        data: { assignmentId: current.id, postKey: current.postKey },
      });
      return current.id;
    });
  }

  async declareVacancy(
    actor: Actor,
    input: { organizationId: string; postKey: string; since?: string | null },
  ): Promise<string | null> {
    const problems: FieldProblem[] = [];
    requireDay(problems, 'input.since', input.since);
    if (problems.length) throw badInputs(problems);
    const organization = await this.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      await this.checkPostKey(organization, input.postKey, manager);
      await manager.delete(PostVacancyEntity, {
        organizationId: organization.id,
        postKey: input.postKey,
      });
      if (input.since)
        await manager.insert(PostVacancyEntity, {
          organizationId: organization.id,
          postKey: input.postKey,
          since: input.since,
        });
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        action: 'roster.vacancy',
        data: { postKey: input.postKey, since: input.since ?? null },
      });
      return input.since ?? null;
    });
  }

  async recordTraining(
    actor: Actor,
    input: { organizationId: string; heldOn: string; topic: string; hours: number },
  ): Promise<StaffingTrainingEntity> {
    const problems: FieldProblem[] = [];
    requireDay(problems, 'input.heldOn', input.heldOn);
    const topic = cleanName(input.topic ?? '');
    if (topic === '' || topic.length > 200)
      problems.push({ field: 'input.topic', message: '1–200 characters' });
    if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 1000)
      problems.push({ field: 'input.hours', message: 'must be more than 0 and at most 1000' });
    if (problems.length) throw badInputs(problems);
    const organization = await this.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(StaffingTrainingEntity, {
          organizationId: organization.id,
          heldOn: input.heldOn,
          topic,
          hours: Math.round(input.hours * 10) / 10,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        action: 'roster.training',
        data: { trainingId: saved.id, heldOn: saved.heldOn },
      });
      return saved;
    });
  }

  async removeTraining(actor: Actor, id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const found = isUuid(id)
        ? await manager.findOne(StaffingTrainingEntity, {
            where: { id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!found) throw notFound('training');
      await this.visibleOrganization(actor, found.organizationId).catch(() => {
        throw notFound('training');
      });
      await manager.delete(StaffingTrainingEntity, { id: found.id });
      await this.audit.record(manager, actor, {
        organizationId: found.organizationId,
        action: 'roster.training.remove',
        data: { trainingId: found.id },
      });
      return found.id;
    });
  }

  async updateLeadingGroup(
    actor: Actor,
    input: {
      organizationId: string;
      expectedRevision: number;
      establishedOn?: string | null;
      dissolvedOn?: string | null;
    },
  ): Promise<StaffingProfileEntity> {
    const problems: FieldProblem[] = [];
    requireDay(problems, 'input.establishedOn', input.establishedOn);
    requireDay(problems, 'input.dissolvedOn', input.dissolvedOn);
    if (input.dissolvedOn && !input.establishedOn)
      problems.push({ field: 'input.establishedOn', message: 'required with dissolvedOn' });
    if (input.dissolvedOn && input.establishedOn && input.dissolvedOn <= input.establishedOn)
      problems.push({ field: 'input.dissolvedOn', message: 'must be after establishedOn' });
    if (problems.length) throw badInputs(problems);
    const organization = await this.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const profile = await this.lockProfile(manager, organization.id);
      if ((profile.revision ?? 0) !== input.expectedRevision)
        throw conflict(
          `the leading group was changed by someone else (revision ${profile.revision ?? 0}, you had ${input.expectedRevision})`,
          { key: 'staffing.leadingGroupStale' },
        );
      profile.leadingGroupEstablishedOn = input.establishedOn ?? null;
      profile.leadingGroupDissolvedOn = input.dissolvedOn ?? null;
      const saved = await manager.save(profile);
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        action: 'roster.leadingGroup',
        data: {
          establishedOn: saved.leadingGroupEstablishedOn,
          dissolvedOn: saved.leadingGroupDissolvedOn,
        },
      });
      return saved;
    });
  }

  /** "Checked, still current": counts as an update of the roster. */
  async confirm(actor: Actor, organizationId: string): Promise<Date> {
    const organization = await this.visibleOrganization(actor, organizationId);
    return this.dataSource.transaction(async (manager) => {
      const profile = await this.lockProfile(manager, organization.id);
      profile.confirmedAt = new Date();
      const saved = await manager.save(profile);
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        action: 'roster.confirm',
        data: {},
      });
      return saved.confirmedAt as Date;
    });
  }

  private async lockAssignment(manager: EntityManager, actor: Actor, id: string) {
    const found = isUuid(id)
      ? await manager.findOne(PostAssignmentEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!found) throw notFound('holding');
    await this.visibleOrganization(actor, found.organizationId).catch(() => {
      throw notFound('holding');
    });
    return found;
  }

  /** The profile row, created (unsaved, revision 0) when missing, locked when present. */
  private async lockProfile(manager: EntityManager, organizationId: string) {
    const found = await manager.findOne(StaffingProfileEntity, {
      where: { organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    return (
      found ??
      manager.create(StaffingProfileEntity, {
        organizationId,
        leadingGroupEstablishedOn: null,
        leadingGroupDissolvedOn: null,
        confirmedAt: null,
        revision: 0,
      })
    );
  }
}

const EMPTY_ROWS: RosterRows = {
  holdings: [],
  vacancies: [],
  trainingDays: [],
  leadingGroup: null,
  lastUpdatedAt: null,
};

/** Flag labels for a flag id (catalogue lookup). */
export function flagLabels(flag: Flag): { labelZh: string; labelEn: string } {
  const descriptor = FLAG_CATALOGUE[flag.id];
  return { labelZh: descriptor.labelZh, labelEn: descriptor.labelEn };
}
