import type { AnnualReport } from '@gongkai/report-model';
import { flagOrganization, toShanghaiIso, type Flag, type RosterSummary } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { type RoundRow, RoundsService } from '../rounds';
import { SubmissionsService } from '../submissions';
import { DisclosurePostEntity } from './disclosure-post.entity';
import { PostAssignmentEntity } from './post-assignment.entity';
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

export type LoadedRoster = RosterRows & {
  readonly profile: StaffingProfileEntity | null;
  readonly assignments: readonly PostAssignmentEntity[];
  readonly trainings: readonly StaffingTrainingEntity[];
};

/** A round as the roster reads it: the instant and day, the previous round's due date. */
export type RoundFrame = {
  readonly round: RoundRow;
  readonly atMs: number;
  readonly day: string;
  readonly updatedSinceMs: number | null;
  readonly requirements: readonly PostRequirement[];
};

export type StaffingEvaluation = {
  readonly organization: OrganizationRow;
  readonly state: RosterState;
  readonly summary: RosterSummary | null;
  readonly report: AnnualReport | null;
  readonly versionId: string | null;
  readonly flags: readonly Flag[];
};

/**
 * Reading rosters of disclosure posts: effective-dated holdings, declared vacancies, trainings
 * and the leading group per organization, read as of a round (see `round-reference.ts`), reduced
 * to counts for scoring (`summariesFor`), evaluated with the staffing flags, shown with names only
 * to callers whose scope holds the organization. Every read for many organizations is a fixed
 * number of queries.
 */
@Injectable()
export class RosterQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly rounds: RoundsService,
    private readonly submissions: SubmissionsService,
  ) {}

  /** Counts only, per organization; organizations without a roster are absent. */
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

  /** Rosters must have been updated since the previous round was due (Asia/Shanghai instant). */
  async updatedSince(roundId: string): Promise<string | null> {
    const frame = await this.frame(roundId);
    return frame.updatedSinceMs === null ? null : toShanghaiIso(frame.updatedSinceMs);
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

  stateOf(frame: RoundFrame, organization: OrganizationRow, rows?: RosterRows): RosterState {
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
           FROM audit_trail
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
  async visibleOrganization(actor: Actor, organizationId: string): Promise<OrganizationRow> {
    const organization = isUuid(organizationId)
      ? ((await this.organizations.findByIds([organizationId]))[0] ?? null)
      : null;
    if (!organization || !inScope(actor, organization)) throw notFound('organization');
    return organization;
  }

  /** The round, checked to cover the organization. */
  async roundFor(roundId: string, organization: OrganizationRow): Promise<RoundFrame> {
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
    organization: OrganizationRow,
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
}

const EMPTY_ROWS: RosterRows = {
  holdings: [],
  vacancies: [],
  trainingDays: [],
  leadingGroup: null,
  lastUpdatedAt: null,
};
