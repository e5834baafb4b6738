import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoundsModule } from '../rounds/rounds.module';
import { RankingSnapshotEntity } from './ranking-snapshot.entity';
import { RankingSnapshotsService } from './ranking-snapshots.service';
import { RankingResolver, RankingSnapshotResolver } from './ranking.resolver';
import { RankingService } from './ranking.service';
import { ScoreBoardService } from './score-board.service';
import { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';
import { ScoringStampEntity } from './scoring-stamp.entity';

/** Scoring models, rankings, explanations, gap flags, what-if and frozen snapshots (issue 6). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ScoringModelEntity, RankingSnapshotEntity, ScoringStampEntity]),
    OrganizationsModule,
    RoundsModule,
  ],
  providers: [
    ScoringModelsService,
    ScoreBoardService,
    RankingService,
    RankingSnapshotsService,
    RankingResolver,
    RankingSnapshotResolver,
  ],
  exports: [RankingService, RankingSnapshotsService, ScoringModelsService],
})
export class ScoringModule {}
