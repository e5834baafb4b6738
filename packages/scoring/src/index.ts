export * from './instant';
export type * from './scoring-input.types';

export type * from './indicators/indicator.types';
export { INDICATOR_IDS } from './indicators/indicator.types';
export { INDICATOR_CATALOGUE, isIndicatorId } from './indicators/indicator.catalogue';
export { resolveStaffing, type StaffingFacts } from './indicators/staffing-facts';
export { awaitingReport } from './indicators/report-absence';

export type * from './model/scoring-model.types';
export { ModelValidationError } from './model/scoring-model.types';
export { DEFAULT_MODEL } from './model/default.model';
export { validateModel, assertValidModel } from './model/validate-model';
export { describeModel, describeNormalisation, type Language } from './model/describe-model';

export type * from './scoring/score-board.types';
export { scoreAll, ScoreBoardBuilder, type ScoreOptions } from './scoring/score-board';
export {
  explain,
  rowContributionPoints,
  type Contribution,
  type Explanation,
  type MeasurementStatus,
  type UnrankedReason,
} from './scoring/explain';
export { whatIf, reweightModel, validateWeights, type WeightOverrides } from './scoring/what-if';
export { boardOfRows, measuredRowOf, type MeasuredRow } from './scoring/board-of-rows';

export {
  rank,
  rankList,
  RankedList,
  type RankFilter,
  type RankOptions,
  type RankedEntry,
  type TieBreaker,
} from './ranking/rank';

export type * from './flags/flag.types';
export { FLAG_IDS } from './flags/flag.types';
export { FLAG_CATALOGUE } from './flags/flag.catalogue';
export { DEFAULT_KEY_TOTALS, type FlagOptions, type OutlierOptions } from './flags/flag-options';
export { flagOrganization, flagAll, flagOrdinals, reportFlags, timedFlags } from './flags/flag-all';
export {
  keyTotalsOf,
  peerBandFlags,
  peerBandFlagsOf,
  yearOnYearFlags,
  type KeyTotals,
} from './flags/outlier.flags';
