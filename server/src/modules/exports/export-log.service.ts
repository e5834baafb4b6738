import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Actor, scopeCondition } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { type Connection, type Page } from '../../common/pagination';
import { newestFirstPage } from '../../common/newest-first-page';
import { isUuid } from '../../common/uuid';
import { ExportLogEntity, type ExportKind } from './export-log.entity';

export type ExportLogInput = {
  kind: ExportKind;
  scopeOrganizationId: string;
  roundId?: string | null;
  snapshotId?: string | null;
  submissionId?: string | null;
  fileName: string;
  rowCount: number;
  completed: boolean;
  /** Holders' names included (staffing exports; a supervisor's explicit choice). */
  includeNames?: boolean;
};

/** The export log: every download recorded (who, what, how many rows), and read back in scope. */
@Injectable()
export class ExportLogService {
  constructor(
    @InjectRepository(ExportLogEntity) private readonly logs: Repository<ExportLogEntity>,
  ) {}

  async record(actor: Actor, input: ExportLogInput): Promise<void> {
    await this.logs.insert({
      kind: input.kind,
      actorId: actor.userId,
      scopeOrganizationId: input.scopeOrganizationId,
      roundId: input.roundId ?? null,
      snapshotId: input.snapshotId ?? null,
      submissionId: input.submissionId ?? null,
      fileName: input.fileName.slice(0, 255),
      rowCount: input.rowCount,
      completed: input.completed,
      includeNames: input.includeNames ?? false,
    });
  }

  /** Exports of what the actor may see (by the region or organization exported), newest first. */
  async list(
    actor: Actor,
    filter: { roundId?: string | null },
    page: Page,
  ): Promise<Connection<ExportLogEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.logs
      .createQueryBuilder('e')
      .innerJoin('organization_directory', 'o', 'o.id = e.scope_organization_id')
      .where(scope.sql, scope.params);
    if (filter.roundId) {
      if (!isUuid(filter.roundId))
        throw badInput('roundId', 'not a round id', { key: 'common.notAnId' });
      qb.andWhere('e.round_id = :roundId', { roundId: filter.roundId });
    }
    return newestFirstPage(qb, page);
  }
}
