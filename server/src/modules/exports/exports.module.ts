import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RollupModule } from '../rollup/rollup.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ScoringModule } from '../scoring/scoring.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { ExportLogEntity } from './export-log.entity';
import { ExportLogsResolver } from './export-logs.resolver';
import { ExportsController } from './exports.controller';
import { RollupExportController } from './rollup-export.controller';
import { ExportsService } from './exports.service';

/** Ranking sheets (.xlsx, .csv) and report workbooks, streamed, with an export log. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ExportLogEntity]),
    ScoringModule,
    SubmissionsModule,
    OrganizationsModule,
    RoundsModule,
    RollupModule,
  ],
  controllers: [ExportsController, RollupExportController],
  providers: [ExportsService, ExportLogsResolver],
  exports: [ExportsService],
})
export class ExportsModule {}
