import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { OrganizationsModule } from '../organizations';
import { SubmissionsModule } from '../submissions';
import { ImportBatchEntity, ImportBatchItemEntity } from './import-batch.entity';
import { ImportBatchesController, MAX_UPLOAD_FILES } from './import-batches.controller';
import { ImportBatchesResolver, ImportBatchItemsResolver } from './import-batches.resolver';
import { ImportBatchQueries } from './import-batch.queries';
import { ImportBatchesService } from './import-batches.service';
import { ImportItemReader } from './import-item.reader';

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
    AuthModule,
    OrganizationsModule,
    SubmissionsModule,
  ],
  controllers: [ImportBatchesController],
  providers: [
    ImportBatchesService,
    ImportBatchQueries,
    ImportItemReader,
    ImportBatchesResolver,
    ImportBatchItemsResolver,
  ],
  exports: [ImportBatchesService],
})
export class ImportBatchesModule {}
