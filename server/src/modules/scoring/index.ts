// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module (relations to it name it by string).
export { ScoringModule } from './scoring.module';
export { ScoringInputsModule } from './scoring-inputs.module';
export { RankingService } from './ranking.service';
export { RankingFlagsService } from './ranking-flags.service';
export { RESULT_FLAGS } from './result-flags.port';
export { RankingRowsReader } from './ranking-rows.reader';
export type { RankingRowsPlan } from './ranking-rows.plan';
export { ScoreSummariesService } from './score-summaries.service';
export { RankingSnapshotsService } from './ranking-snapshots.service';
export { ScoringModelsService } from './scoring-models.service';
export { FrozenRowsStore } from './frozen-rows.store';
export { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';
export type { FindingRow, IndicatorColumn, RankingRow } from './ranking-row';
export { subtreePattern } from './ranking.sql';
export { POPULATION_SQL } from './ranking-results.store';
export { fillStaleResults } from './ranking-results.job';
export { storeVersionInputs, versionsWithoutInputs } from './version-inputs.store';
export { SCORING_READ_VIEWS } from './read-views';
