import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { RoundsModule } from '../rounds';
import { BulkIngestService } from './bulk-ingest.service';
import { FindingJustificationEntity } from './finding-justification.entity';
import { PeerCorpusService } from './peer-corpus.service';
import { PeerKeysBackfill } from './peer-keys.backfill';
import { ReportFileEntity } from './report-file.entity';
import { ReportFilesController } from './report-files.controller';
import { ReportUploadService } from './report-upload.service';
import { SubmissionReturnEntity } from './submission-return.entity';
import { SubmissionVersionEntity } from './submission-version.entity';
import { SubmissionEntity } from './submission.entity';
import { RoundProgressResolver } from './round-progress.resolver';
import { SubmissionStatsResolver } from './submission-stats.resolver';
import { SubmissionStatsService } from './submission-stats.service';
import { SubmissionsResolver, SubmissionVersionsResolver } from './submissions.resolver';
import { SubmissionsService } from './submissions.service';
import { SubmissionAccess } from './submission-access';
import { SubmissionLifecycle } from './submission-lifecycle';
import { SubmissionLoaders } from './submission-loaders';
import { SubmissionQueries } from './submission-queries';
import { SubmissionVersions } from './submission-versions';
import { TemplatesController } from './templates.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SubmissionEntity,
      SubmissionVersionEntity,
      FindingJustificationEntity,
      ReportFileEntity,
      SubmissionReturnEntity,
    ]),
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5 },
      }),
    }),
    OrganizationsModule,
    RoundsModule,
    AuditModule,
  ],
  controllers: [ReportFilesController, TemplatesController],
  providers: [
    SubmissionAccess,
    SubmissionLoaders,
    SubmissionQueries,
    SubmissionVersions,
    SubmissionLifecycle,
    SubmissionsService,
    BulkIngestService,
    PeerCorpusService,
    PeerKeysBackfill,
    SubmissionStatsService,
    ReportUploadService,
    SubmissionsResolver,
    SubmissionVersionsResolver,
    SubmissionStatsResolver,
    RoundProgressResolver,
  ],
  exports: [SubmissionsService, SubmissionStatsService, BulkIngestService],
})
export class SubmissionsModule {}
