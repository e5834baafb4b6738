import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CURSOR_BY_TIME, type Connection, pagedComplexity, pageOf } from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { ExportLogEntity } from './export-log.entity';
import { ExportLog, ExportLogConnection } from './export-log.model';
import { ExportLogService } from './export-log.service';

@Resolver(() => ExportLog)
export class ExportLogsResolver {
  constructor(private readonly exports: ExportLogService) {}

  @Query(() => ExportLogConnection, {
    description: 'Downloads of what you may see (who, when, which snapshot), newest first',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.AuditRead)
  exportLogs(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID, nullable: true }) roundId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<ExportLogEntity>> {
    return this.exports.list(
      actor,
      { roundId: roundId ?? null },
      pageOf({ first, after }, CURSOR_BY_TIME),
    );
  }
}
