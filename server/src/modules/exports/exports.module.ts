import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations';
import { RollupModule } from '../rollup';
import { RoundsModule } from '../rounds';
import { ScoringModule } from '../scoring';
import { SubmissionsModule } from '../submissions';
import { ExportLogModule } from './export-log.module';
import { ExportLogsResolver } from './export-logs.resolver';
import { ExportsController } from './exports.controller';
import { RollupExportController } from './rollup-export.controller';
import { ExportsService } from './exports.service';
import { RankingExportThreads } from './ranking-export.thread';

/** Ranking sheets (.xlsx, .csv) and report workbooks, streamed, with an export log. */
@Module({
  imports: [
    ExportLogModule,
    ScoringModule,
    SubmissionsModule,
    OrganizationsModule,
    RoundsModule,
    RollupModule,
  ],
  controllers: [ExportsController, RollupExportController],
  providers: [ExportsService, ExportLogsResolver, RankingExportThreads],
  exports: [ExportsService],
})
export class ExportsModule {}
