import type { Instant } from '../instant';

export type OutlierOptions = {
  /** Cells (`table.row.column`) or prose facts (`facts.proactiveItems`) compared. */
  readonly keyTotals?: readonly string[];
  /** Year-on-year: flag when current ÷ previous is above this… (default 5) */
  readonly ratioHigh?: number;
  /** …or below this (default 0.2). */
  readonly ratioLow?: number;
  /** Year-on-year: compare only when the larger of the two values reaches this (default 10). */
  readonly minimumValue?: number;
  /** Peer band: percentiles bounding the band's core (default 0.25 and 0.75). */
  readonly lowerPercentile?: number;
  readonly upperPercentile?: number;
  /** Peer band: fences lie this many core widths beyond the core, on a log(1 + x) scale (default 3). */
  readonly fenceFactor?: number;
  /** Peer band: no flag in a peer group with fewer values than this (default 10). */
  readonly minGroupSize?: number;
};

export type FlagOptions = {
  /** The instant the flags describe (deadlines and vacancies are judged as of it). */
  readonly asOf: Instant;
  /** A returned report must be resubmitted within this many calendar days (default 7). */
  readonly returnGraceDays?: number;
  /** Similarity to last year's report from which a report counts as unchanged (default 0.9). */
  readonly unchangedSimilarity?: number;
  /** The roster must have been updated at or after this instant (e.g. the last round's close). */
  readonly rosterUpdatedSince?: Instant | null;
  /** Flag a vacant post only once it has been vacant this many days (default 0: at once). */
  readonly minVacantDays?: number;
  readonly outliers?: OutlierOptions;
};

export const DEFAULT_KEY_TOTALS: readonly string[] = [
  'applications.newReceived.total',
  'applications.total.total',
  'article20.licensing.decisions',
  'article20.penalties.decisions',
  'reviewLitigation.review.total',
  'legacyStats.proactiveTotal.year',
  'legacyStats.applicationsTotal.year',
  'facts.proactiveItems',
];
