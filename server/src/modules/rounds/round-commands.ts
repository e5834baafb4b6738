import {
  isIsoDay,
  isTemplateId,
  shanghaiYear,
  statutoryDeadline,
  templatesForYear,
} from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type FieldProblem,
  forbidden,
  notFound,
} from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import {
  GOVERNMENT_LEVELS,
  isActiveIn,
  type OrganizationEntity,
  OrganizationsService,
} from '../organizations';
import { baseDeadline } from './round-deadline';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity, RoundStatus } from './round.entity';
import { RoundQueries } from './round-queries';

export type CreateRoundInput = {
  year: number;
  scopeOrganizationId: string;
  template?: string | null;
  departmentDeadline?: string | null;
  governmentDeadline?: string | null;
  status?: RoundStatus;
  isDemo?: boolean;
};

export type UpdateRoundInput = {
  id: string;
  expectedRevision: number;
  departmentDeadline?: string | null;
  governmentDeadline?: string | null;
  status?: RoundStatus | null;
};

const STATUS_MOVES: Record<RoundStatus, readonly RoundStatus[]> = {
  [RoundStatus.PLANNED]: [RoundStatus.OPEN],
  [RoundStatus.OPEN]: [RoundStatus.CLOSED],
  [RoundStatus.CLOSED]: [RoundStatus.OPEN],
};

/** Changing rounds: create, deadlines and status, extensions; one transaction and audit event each. */
@Injectable()
export class RoundCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RoundQueries,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates a round (PLANNED unless the caller says otherwise). `actor` null is the system (demo
   * data, tests): no access check and no limit on the year.
   */
  async create(actor: Actor | null, input: CreateRoundInput): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.organizations.get(input.scopeOrganizationId, manager).catch(() => {
        throw badInput('input.scopeOrganizationId', 'no such organization', {
          key: 'round.noSuchGovernment',
        });
      });
      if (actor) this.assertManages(actor, scope);
      if (!GOVERNMENT_LEVELS.has(scope.level))
        throw badInput(
          'input.scopeOrganizationId',
          'a round is run by a government (province, city or county)',
          { key: 'round.scopeNotGovernment', params: { name: scope.name } },
        );
      const problems: FieldProblem[] = [];
      const latest = shanghaiYear(new Date()) + 1;
      if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100)
        problems.push({
          field: 'input.year',
          message: 'must be a statistics year between 2008 and 2100',
          reason: { key: 'round.yearInvalid' },
        });
      else if (actor && input.year > latest)
        problems.push({
          field: 'input.year',
          message: `a round can be prepared at most for next year (${latest})`,
          reason: { key: 'round.yearTooLate', params: { year: input.year, latest } },
        });
      const defaultTemplate = templatesForYear(input.year)[0] ?? '2021';
      const template = input.template?.trim() || defaultTemplate;
      if (!isTemplateId(template))
        problems.push({
          field: 'input.template',
          message: `unknown template ${template}`,
          reason: { key: 'round.templateUnknown', params: { template } },
        });
      else if (!templatesForYear(input.year).includes(template))
        problems.push({
          field: 'input.template',
          message: `template ${template} is not used for ${input.year} reports`,
          reason: { key: 'round.templateNotOfYear', params: { template, year: input.year } },
        });
      else if (actor && actor.role !== Role.ADMIN && template !== defaultTemplate)
        problems.push({
          field: 'input.template',
          message: 'only an admin may choose another template than the year’s',
          reason: { key: 'round.templateAdminOnly' },
        });
      const departmentDeadline =
        input.departmentDeadline || statutoryDeadline(input.year, 'department');
      const governmentDeadline =
        input.governmentDeadline || statutoryDeadline(input.year, 'government');
      if (problems.length === 0)
        problems.push(...this.checkDeadlines(input.year, departmentDeadline, governmentDeadline));
      if (problems.length > 0) throw badInputs(problems);
      if (
        await manager.exists(RoundEntity, {
          where: { scopeOrganizationId: scope.id, year: input.year },
        })
      )
        throw conflict(`a ${input.year} round already exists for ${scope.name}`, {
          key: 'round.duplicate',
          params: { year: input.year, name: scope.name },
        });
      const round = await manager.save(
        manager.create(RoundEntity, {
          year: input.year,
          template: template as RoundEntity['template'],
          scopeOrganizationId: scope.id,
          status: input.status ?? RoundStatus.PLANNED,
          departmentDeadline,
          governmentDeadline,
          isDemo: input.isDemo ?? false,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.create',
        toStatus: round.status,
        data: { year: round.year, scopeName: scope.name },
      });
      return round;
    });
  }

  /** Deadlines and status (open, close, reopen) under the optimistic lock; one audit event. */
  async update(actor: Actor, input: UpdateRoundInput): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = isUuid(input.id)
        ? await manager.findOne(RoundEntity, {
            where: { id: input.id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!round) throw notFound('round');
      const scope = await this.organizations.get(round.scopeOrganizationId, manager);
      this.assertManages(actor, scope);
      if (round.revision !== input.expectedRevision)
        throw conflict(
          `the round was changed by someone else (revision ${round.revision}, you had ${input.expectedRevision})`,
          { key: 'round.stale', params: { year: round.year, name: scope.name } },
        );
      const before = { ...round };
      if (input.departmentDeadline) round.departmentDeadline = input.departmentDeadline;
      if (input.governmentDeadline) round.governmentDeadline = input.governmentDeadline;
      const problems = this.checkDeadlines(
        round.year,
        round.departmentDeadline,
        round.governmentDeadline,
      );
      if (problems.length > 0) throw badInputs(problems);
      if (input.status != null && input.status !== round.status) {
        if (!STATUS_MOVES[round.status].includes(input.status))
          throw conflict(
            `a ${round.status.toLowerCase()} round cannot become ${input.status.toLowerCase()}`,
            { key: `round.move.${round.status}.${input.status}` },
          );
        round.status = input.status;
      }
      const changes: Record<string, [string, string]> = {};
      for (const key of ['status', 'departmentDeadline', 'governmentDeadline'] as const)
        if (before[key] !== round[key]) changes[key] = [before[key], round[key]];
      if (Object.keys(changes).length === 0) return round;
      const saved = await manager.save(round);
      await this.audit.record(manager, actor, {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.update',
        fromStatus: before.status,
        toStatus: saved.status,
        data: { year: round.year, scopeName: scope.name, changes },
      });
      return saved;
    });
  }

  /**
   * A later deadline for one body expected in the round, with a reason (replaces an earlier
   * extension of the same body). The date must be after the body's base deadline.
   */
  async grantExtension(
    actor: Actor,
    input: { roundId: string; organizationId: string; deadline: string; reason: string },
  ): Promise<RoundExtensionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.queries.get(input.roundId, manager);
      const scope = await this.organizations.get(round.scopeOrganizationId, manager);
      const organization = await this.organizations
        .get(input.organizationId, manager)
        .catch(() => null);
      // An office may extend the deadline of any body in its own scope, also in a wider round.
      if (!organization || !inScope(actor, organization)) throw notFound('organization');
      if (actor.role !== Role.ADMIN && actor.role !== Role.REVIEWER)
        throw forbidden('only a review office (or an admin) may extend a deadline', {
          key: 'round.notYourRound',
        });
      if (
        !organization.path.startsWith(scope.path) ||
        !organization.reports ||
        !isActiveIn(organization, round.year)
      )
        throw badInput(
          'input.organizationId',
          `${organization.name} is not expected in the round`,
          {
            key: 'round.extensionOutsideRound',
            params: { name: organization.name, year: round.year, scope: scope.name },
          },
        );
      if (!isIsoDay(input.deadline))
        throw badInput('input.deadline', 'must be a date YYYY-MM-DD', {
          key: 'round.dateInvalid',
        });
      const reason = input.reason.trim();
      if (!reason)
        throw badInput('input.reason', 'say why the extension is granted', {
          key: 'round.extensionReasonRequired',
        });
      if (reason.length > 2000)
        throw badInput('input.reason', 'at most 2000 characters', {
          key: 'round.extensionReasonTooLong',
          params: { max: 2000 },
        });
      const base = baseDeadline(round, organization);
      if (input.deadline <= base)
        throw badInput('input.deadline', `must be after the round's deadline ${base}`, {
          key: 'round.extensionNotLater',
          params: { base, name: organization.name },
        });
      const existing = await manager.findOne(RoundExtensionEntity, {
        where: { roundId: round.id, organizationId: organization.id },
      });
      const saved = await manager.save(
        Object.assign(
          existing ??
            manager.create(RoundExtensionEntity, {
              roundId: round.id,
              organizationId: organization.id,
            }),
          { deadline: input.deadline, reason, grantedById: actor.userId },
        ),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        roundId: round.id,
        action: 'round.extend',
        reason: saved.reason,
        data: {
          year: round.year,
          organizationName: organization.name,
          deadline: saved.deadline,
          reason: saved.reason,
        },
      });
      return saved;
    });
  }

  private assertManages(actor: Actor, scope: OrganizationEntity): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role !== Role.REVIEWER || !inScope(actor, scope))
      throw forbidden('only the office running the round (or an admin) may change it', {
        key: 'round.notYourRound',
      });
  }

  private checkDeadlines(year: number, department: string, government: string): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const [field, value] of [
      ['departmentDeadline', department],
      ['governmentDeadline', government],
    ] as const) {
      if (!isIsoDay(value))
        problems.push({
          field: `input.${field}`,
          message: 'must be a date YYYY-MM-DD',
          reason: { key: 'round.dateInvalid' },
        });
      else if (value < `${year + 1}-01-01`)
        problems.push({
          field: `input.${field}`,
          message: `a ${year} report cannot be due before ${year + 1}-01-01`,
          reason: {
            key: 'round.deadlineTooEarly',
            params: { year, first: `${year + 1}-01-01`, date: value },
          },
        });
    }
    if (problems.length === 0 && government < department)
      problems.push({
        field: 'input.governmentDeadline',
        message: `the governments' deadline ${government} is before the departments' ${department}`,
        reason: { key: 'round.deadlinesOverlap', params: { government, department } },
      });
    return problems;
  }
}
