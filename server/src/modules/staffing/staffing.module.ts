import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { ExportLogModule } from '../exports';
import { OrganizationsModule } from '../organizations';
import { RoundsModule } from '../rounds';
import { SubmissionsModule } from '../submissions';
import { DisclosurePostEntity } from './disclosure-post.entity';
import { PostAssignmentEntity } from './post-assignment.entity';
import { PostVacancyEntity } from './post-vacancy.entity';
import { RequiredPostsService } from './required-posts.service';
import { RosterCommands } from './roster-commands';
import { RosterPrefill } from './roster-prefill';
import { RosterQueries } from './roster-queries';
import { RosterService } from './roster.service';
import { StaffingPanelService } from './staffing-panel.service';
import { StaffingExportController } from './staffing-export.controller';
import { StaffingProfileEntity } from './staffing-profile.entity';
import { StaffingTrainingEntity } from './staffing-training.entity';
import { StaffingResolver } from './staffing.resolver';

/**
 * Disclosure posts: required posts per round and kind of organization, effective-dated
 * rosters, trainings, the leading group, report prefill, staffing flags and the region panel.
 * `RosterService.summaries` is the scoring module's roster hook (counts only); reads are
 * `RosterQueries`, report prefill `RosterPrefill`, edits `RosterCommands`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      DisclosurePostEntity,
      PostAssignmentEntity,
      PostVacancyEntity,
      StaffingTrainingEntity,
      StaffingProfileEntity,
    ]),
    OrganizationsModule,
    RoundsModule,
    SubmissionsModule,
    AuditModule,
    ExportLogModule,
  ],
  controllers: [StaffingExportController],
  providers: [
    RosterQueries,
    RosterPrefill,
    RosterCommands,
    RosterService,
    RequiredPostsService,
    StaffingPanelService,
    StaffingResolver,
  ],
  exports: [RosterService, StaffingPanelService],
})
export class StaffingModule {}
