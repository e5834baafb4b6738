import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, badInputs, conflict, forbidden, notFound } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity, RoundStatus } from './round.entity';
import { RoundQueries } from './round-queries';
import { checkDeadlines, type CreateRoundInput, roundWrites } from './round-writes';

export type { CreateRoundInput } from './round-writes';

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
      return roundWrites.create(this.audit.contextFor(manager, actor), actor, scope, input);
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
      const problems = checkDeadlines(
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
      return roundWrites.extend(this.audit.contextFor(manager, actor), round, scope, organization, {
        deadline: input.deadline,
        reason: input.reason,
      });
    });
  }

  private assertManages(actor: Actor, scope: OrganizationRow): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role !== Role.REVIEWER || !inScope(actor, scope))
      throw forbidden('only the office running the round (or an admin) may change it', {
        key: 'round.notYourRound',
      });
  }
}
