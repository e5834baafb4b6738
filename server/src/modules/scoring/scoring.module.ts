import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { RoundsModule } from '../rounds';
import { CurrentInputsReader } from './current-inputs.reader';
import { FrozenRowsStore } from './frozen-rows.store';
import { InputRefsStore } from './input-refs.store';
import { ResultPointsStore } from './result-points.store';
import { RankingFlagsResolver } from './ranking-flags.resolver';
import { RankingFlagsService } from './ranking-flags.service';
import { RankingExplainService } from './ranking-explain.service';
import { RankingFreezeResolver } from './ranking-freeze.resolver';
import { RankingFreezeService } from './ranking-freeze.service';
import { RankingResultsFill } from './ranking-results.job';
import { RankingResultsStore } from './ranking-results.store';
import { RankingRowsReader } from './ranking-rows.reader';
import { RankingSnapshotEntity } from './ranking-snapshot.entity';
import { RankingSnapshotsService } from './ranking-snapshots.service';
import { RankingResolver, RankingSnapshotResolver } from './ranking.resolver';
import { RankingService } from './ranking.service';
import { SnapshotStaleness } from './snapshot-staleness';
import { ScoreSummariesService } from './score-summaries.service';
import { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';
import { ScoringStampEntity } from './scoring-stamp.entity';
import { RESULT_FLAGS } from './result-flags.port';
import { ResultFlagsStore } from './result-flags.store';
import { ScoringInputsModule } from './scoring-inputs.module';
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
    OrganizationsModule,
    RoundsModule,
    ScoringInputsModule,
  ],
  providers: [
    ScoringModelsService,
    FrozenRowsStore,
    ResultFlagsStore,
    { provide: RESULT_FLAGS, useExisting: ResultFlagsStore },
    RankingResultsStore,
    RankingResultsFill,
    RankingService,
    RankingFlagsService,
    RankingFlagsResolver,
    RankingRowsReader,
    RankingExplainService,
    ScoreSummariesService,
    RankingSnapshotsService,
    RankingResolver,
    RankingSnapshotResolver,
    VersionInputsStore,
    CurrentInputsReader,
    InputRefsStore,
    ResultPointsStore,
    SnapshotStaleness,
    RankingFreezeService,
    RankingFreezeResolver,
  ],
  exports: [
    RankingService,
    RankingFlagsService,
    RESULT_FLAGS,
    RankingRowsReader,
    ScoreSummariesService,
    RankingSnapshotsService,
    ScoringModelsService,
    FrozenRowsStore,
    VersionInputsStore,
  ],
})
export class ScoringModule {}
