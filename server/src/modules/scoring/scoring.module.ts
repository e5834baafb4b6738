import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundsModule } from '../rounds/rounds.module';
import { RosterService } from '../staffing/roster.service';
import { StaffingModule } from '../staffing/staffing.module';
import { FrozenRowsStore } from './frozen-rows.store';
import { RankingResultsFill } from './ranking-results.job';
import { RankingResultsStore } from './ranking-results.store';
import { RankingSnapshotEntity } from './ranking-snapshot.entity';
import { RankingSnapshotsService } from './ranking-snapshots.service';
import { RankingResolver, RankingSnapshotResolver } from './ranking.resolver';
import { RankingService } from './ranking.service';
import { ScoreBoardService } from './score-board.service';
import { ScoreSummariesService } from './score-summaries.service';
import { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';
import { ScoringStampEntity } from './scoring-stamp.entity';
import { ScoringInputsModule } from './scoring-inputs.module';
import { ROSTER_SUMMARY_PROVIDER } from './scoring-source.reader';
import { VersionInputsStore } from './version-inputs.store';
import { VersionScoringInputEntity } from './version-scoring-input.entity';

/** Scoring models, rankings, explanations, gap flags, what-if and frozen snapshots. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ScoringModelEntity,
      RankingSnapshotEntity,
      ScoringStampEntity,
      VersionScoringInputEntity,
    ]),
    AuditModule,
    NotificationsModule,
    OrganizationsModule,
    RoundsModule,
    StaffingModule,
    ScoringInputsModule,
  ],
  providers: [
    { provide: ROSTER_SUMMARY_PROVIDER, useExisting: RosterService },
    ScoringModelsService,
    ScoreBoardService,
    FrozenRowsStore,
    RankingResultsStore,
    RankingResultsFill,
    RankingService,
    ScoreSummariesService,
    RankingSnapshotsService,
    RankingResolver,
    RankingSnapshotResolver,
    VersionInputsStore,
  ],
  exports: [
    RankingService,
    ScoreSummariesService,
    RankingSnapshotsService,
    ScoringModelsService,
    FrozenRowsStore,
    VersionInputsStore,
  ],
})
export class ScoringModule {}
