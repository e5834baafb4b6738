import type { IndicatorId } from '../indicators/indicator.types';
import type { ScoringModel } from '../model/scoring-model.types';

/** Status codes of the `status` matrix. */
export const STATUS_VALUE = 0;
export const STATUS_NOT_APPLICABLE = 1;
export const STATUS_MISSING = 2;

export type ScoreRow = {
  readonly organizationId: string;
  readonly peerGroup: string;
  readonly regionPath: readonly string[];
  /** 0–100, two decimals; null when no indicator applies (not ranked). */
  readonly score: number | null;
  /** First submission (epoch ms), for the `earlierSubmission` tie-breaker; null when none. */
  readonly firstSubmittedAtMs: number | null;
  /** Error findings, for the `fewerErrors` tie-breaker. */
  readonly errorCount: number;
  readonly previousRank: number | null;
  readonly previousScore: number | null;
  /**
   * Unranked because nothing was submitted while the deadline is open (`awaitingReport`):
   * every indicator is not applicable and the score is null. Absent otherwise.
   */
  readonly awaitingReport?: true;
};

/**
 * The scores of a set of organizations under one model, with the matrices needed to explain a
 * score and to re-weight quickly. Matrices are row-major, one row per organization, one column
 * per model indicator (in `indicatorIds` order).
 */
export type ScoreBoard = {
  readonly model: ScoringModel;
  readonly asOfMs: number;
  readonly indicatorIds: readonly IndicatorId[];
  readonly weights: Float64Array;
  readonly rows: readonly ScoreRow[];
  /** organizationId → row index */
  readonly rowIndex: ReadonlyMap<string, number>;
  /** Raw values; NaN unless the status is `value`. */
  readonly raw: Float64Array;
  /** STATUS_VALUE, STATUS_NOT_APPLICABLE or STATUS_MISSING. */
  readonly status: Uint8Array;
  /** Indicator scores 0–1; NaN when not applicable, 0 when missing. */
  readonly normalised: Float64Array;
  /** Rounded scores as in `rows` (NaN for null), for fast ranking. */
  readonly scores: Float64Array;
};
