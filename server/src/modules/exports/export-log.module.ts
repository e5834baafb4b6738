import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportLogEntity } from './export-log.entity';
import { ExportLogService } from './export-log.service';

/**
 * The export log alone, without what exports read: every module with a download of its own
 * (staffing) records it here without depending on rankings.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ExportLogEntity])],
  providers: [ExportLogService],
  exports: [ExportLogService],
})
export class ExportLogModule {}
