import { isIsoDay } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type FieldProblem,
  notFound,
} from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import type { OrganizationEntity } from '../organizations';
import { DEFAULT_POSTS } from './default-posts';
import { AssignmentSource, PostAssignmentEntity } from './post-assignment.entity';
import { PostVacancyEntity } from './post-vacancy.entity';
import { cleanName, lockProfile, MAX_NAME, requireDay } from './roster-input';
import { RosterQueries } from './roster-queries';
import type { StaffingProfileEntity } from './staffing-profile.entity';
import { StaffingTrainingEntity } from './staffing-training.entity';

const POST_KEY = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/**
 * Edits of a roster (the bureau's own; admins anywhere): holdings, vacancies, trainings, the
 * leading group and the "still current" confirmation. One transaction and one audit event each.
 */
@Injectable()
export class RosterCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RosterQueries,
    private readonly audit: AuditService,
  ) {}

  private async knownPostKeys(organization: OrganizationEntity, manager: EntityManager) {
    const ancestors = organization.path.split('/').filter((s) => s !== '');
    const rows = (await manager.query(
      `SELECT DISTINCT p.post_key FROM disclosure_posts p JOIN round_directory r ON r.id = p.round_id
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
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
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
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
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
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
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
      await this.queries.visibleOrganization(actor, found.organizationId).catch(() => {
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
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction(async (manager) => {
      const profile = await lockProfile(manager, organization.id);
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
    const organization = await this.queries.visibleOrganization(actor, organizationId);
    return this.dataSource.transaction(async (manager) => {
      const profile = await lockProfile(manager, organization.id);
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
    await this.queries.visibleOrganization(actor, found.organizationId).catch(() => {
      throw notFound('holding');
    });
    return found;
  }
}
