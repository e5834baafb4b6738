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
import { PostAssignmentEntity } from './post-assignment.entity';
import { cleanName, MAX_NAME, requireDay } from './roster-input';
import { RosterQueries } from './roster-queries';
import { checkHolding, checkLeadingGroupDays, checkTraining, rosterWrites } from './roster-writes';
import type { StaffingProfileEntity } from './staffing-profile.entity';
import { StaffingTrainingEntity } from './staffing-training.entity';

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
    checkHolding(input);
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction((manager) =>
      rosterWrites.assign(this.audit.contextFor(manager, actor), organization, input),
    );
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
    return this.dataSource.transaction((manager) =>
      rosterWrites.declareVacancy(this.audit.contextFor(manager, actor), organization, input),
    );
  }

  async recordTraining(
    actor: Actor,
    input: { organizationId: string; heldOn: string; topic: string; hours: number },
  ): Promise<StaffingTrainingEntity> {
    checkTraining(input);
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction((manager) =>
      rosterWrites.recordTraining(this.audit.contextFor(manager, actor), organization, input),
    );
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
    checkLeadingGroupDays(input);
    const organization = await this.queries.visibleOrganization(actor, input.organizationId);
    return this.dataSource.transaction((manager) =>
      rosterWrites.setLeadingGroup(
        this.audit.contextFor(manager, actor),
        organization,
        input,
        (profile) => {
          if ((profile.revision ?? 0) !== input.expectedRevision)
            throw conflict(
              `the leading group was changed by someone else (revision ${profile.revision ?? 0}, you had ${input.expectedRevision})`,
              { key: 'staffing.leadingGroupStale' },
            );
        },
      ),
    );
  }

  /** "Checked, still current": counts as an update of the roster. */
  async confirm(actor: Actor, organizationId: string): Promise<Date> {
    const organization = await this.queries.visibleOrganization(actor, organizationId);
    return this.dataSource.transaction((manager) =>
      rosterWrites.confirm(this.audit.contextFor(manager, actor), organization),
    );
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
