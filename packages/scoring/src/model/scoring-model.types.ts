import type { Direction, IndicatorId } from '../indicators/indicator.types';

/**
 * How a raw value becomes a score between 0 and 1:
 * - `bands`: fixed thresholds. `breaks` ascending; a raw value ≤ `breaks[i]` (first such i)
 *   scores `scores[i]`, above every break scores the last of `scores` (length breaks + 1).
 * - `linear`: clamped straight line between `min` and `max` of the raw value.
 * - `minMax`: straight line between the lowest and highest value within the peer group
 *   (everyone equal → 1).
 * - `percentile`: mid-rank percentile within the peer group (ties share; a group of one → 1).
 * Direction turns the scale around for lower-is-better indicators (bands state scores directly).
 */
export type Normalisation =
  | {
      readonly kind: 'bands';
      readonly breaks: readonly number[];
      readonly scores: readonly number[];
    }
  | { readonly kind: 'linear'; readonly min: number; readonly max: number }
  | { readonly kind: 'minMax' }
  | { readonly kind: 'percentile' };

export type ModelIndicator = {
  readonly indicatorId: IndicatorId;
  /** Relative weight (≥ 0); weights need not add up to 100, they are renormalised. */
  readonly weight: number;
  readonly direction: Direction;
  readonly normalisation: Normalisation;
};

export type ModelSource = {
  readonly title: string;
  readonly note: string;
  readonly url?: string;
};

export type ScoringModel = {
  readonly id: string;
  /** Semantic version; a published ranking records it. */
  readonly version: string;
  /** ISO date (YYYY-MM-DD). */
  readonly publishedOn: string;
  readonly titleZh: string;
  readonly titleEn: string;
  /** Peer-relative normalisation compares within `peerGroup` (default) or the whole set. */
  readonly peerScope?: 'peerGroup' | 'all';
  readonly indicators: readonly ModelIndicator[];
  readonly sources: readonly ModelSource[];
};

/** One problem with a model: where (`indicators[2].weight`) and what. */
export type ModelIssue = {
  readonly path: string;
  /** zh-CN */
  readonly message: string;
  readonly messageEn: string;
};

/** Thrown when a model or what-if weights are invalid; nothing is computed. */
export class ModelValidationError extends Error {
  constructor(readonly issues: readonly ModelIssue[]) {
    super(`invalid scoring model: ${issues.map((i) => `${i.path}: ${i.messageEn}`).join('; ')}`);
    this.name = 'ModelValidationError';
  }
}
