import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { StaffingExportController } from './staffing-export.controller';
import { StaffingModule } from './staffing.module';

/**
 * The staffing download, apart from `StaffingModule` because it records into the export log:
 * exports → scoring → staffing already, so staffing itself must not import exports.
 */
@Module({
  imports: [StaffingModule, ExportsModule],
  controllers: [StaffingExportController],
})
export class StaffingExportModule {}
