import type { Severity } from '@gongkai/report-model';
import type { FlagId, IndicatorId } from '@gongkai/scoring';

/** A flag as a ranking row carries it: enough to list and colour it. */
export type RowFlag = {
  readonly id: FlagId;
  readonly severity: Severity;
  readonly labelZh: string;
};

/**
 * One organization's line of a ranking, live or frozen. Frozen snapshots store exactly these
 * rows, so a published ranking reads back the same whatever happens to the data later.
 */
export type RankingRow = {
  readonly organizationId: string;
  readonly organizationName: string;
  /** Name of the government the organization belongs to (its parent node). */
  readonly regionName: string | null;
  readonly peerGroup: string;
  readonly departmentType: string | null;
  /** Competition rank ("1, 2, 2, 4"); null when the organization has no score. */
  readonly rank: number | null;
  readonly tied: boolean;
  /** 0–100, two decimals; null when no indicator applies. */
  readonly score: number | null;
  /** Points per model indicator (model order), adding up to the score; null = not applicable. */
  readonly points: readonly (number | null)[];
  readonly flags: readonly RowFlag[];
  /** Submission status (SubmissionStatus value) or null when nothing was ever saved. */
  readonly status: string | null;
  /** First submission, ISO-8601 with offset; null when never submitted. */
  readonly firstSubmittedAt: string | null;
  readonly previousRank: number | null;
  /** previousRank − rank: positive = moved up. */
  readonly rankChange: number | null;
};

/** An indicator column of a ranking (model order). */
export type IndicatorColumn = {
  readonly indicatorId: IndicatorId;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly weight: number;
};

/** One stored finding of a ranked organization (the findings sheet of the export). */
export type FindingRow = {
  readonly organizationName: string;
  readonly rank: number | null;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly cells: readonly string[];
};
