import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { ImportBatchEntity, ImportBatchItemEntity } from './import-batch.entity';
import { ImportBatchesController, MAX_UPLOAD_FILES } from './import-batches.controller';
import { ImportBatchesResolver, ImportBatchItemsResolver } from './import-batches.resolver';
import { ImportBatchesService } from './import-batches.service';

/** Batch import of published reports (reviewers, supervisors): `POST /api/import-batches`. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ImportBatchEntity, ImportBatchItemEntity]),
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.maxUploadBytes, files: MAX_UPLOAD_FILES, fields: 5 },
      }),
    }),
    AuditModule,
    NotificationsModule,
    OrganizationsModule,
    SubmissionsModule,
  ],
  controllers: [ImportBatchesController],
  providers: [ImportBatchesService, ImportBatchesResolver, ImportBatchItemsResolver],
  exports: [ImportBatchesService],
})
export class ImportBatchesModule {}
