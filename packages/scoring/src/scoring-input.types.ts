import type { Instant } from './instant';
import type { AnnualReport, Finding } from './report.types';

/** Workflow states of a submission. */
export type SubmissionStatus =
  'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'published';

export type SubmissionFacts = {
  readonly status: SubmissionStatus;
  /** First time the bureau submitted; null while it never has. Timeliness is judged on this. */
  readonly firstSubmittedAt: Instant | null;
  /** Most recent (re)submission, when known. */
  readonly lastSubmittedAt?: Instant | null;
  /** When the reviewer last returned it for correction (meaningful while status is `returned`). */
  readonly returnedAt?: Instant | null;
};

/** One required post of the organization's roster as it stood at the scoring instant. */
export type RosterPost = {
  /** e.g. `leaderInCharge`, `dedicatedStaff`, `liaison` */
  readonly postId: string;
  readonly labelZh?: string;
  readonly labelEn?: string;
  /** Minimum number of holders the post requires. */
  readonly minCount: number;
  /** Whether at least one holder must be full-time. */
  readonly fullTimeRequired: boolean;
  readonly holders: number;
  readonly fullTimeHolders: number;
  /** Since when the post has had fewer holders than `minCount`; null when filled or unknown. */
  readonly vacantSince: Instant | null;
};

/** A roster reduced to what scoring and flags need; names never enter this package. */
export type RosterSummary = {
  /** Last time anyone confirmed or edited the roster. */
  readonly lastUpdatedAt: Instant | null;
  /** Distinct people doing disclosure work full-time / part-time. */
  readonly fullTimeStaff: number;
  readonly partTimeStaff: number;
  /** null = not recorded in the roster (the report's prose is used instead). */
  readonly leadingGroup?: boolean | null;
  /** Trainings attended in the round's year; null = not recorded. */
  readonly trainingsInRound?: number | null;
  readonly posts: readonly RosterPost[];
};

/** Last year's outcome for the same organization. */
export type PreviousYear = {
  readonly score?: number | null;
  /** Rank in last year's (frozen) ranking of the same scope. */
  readonly rank?: number | null;
  /** Counts of last year's final findings by severity. */
  readonly findingCounts?: { readonly error: number; readonly warning: number } | null;
  /** Last year's report, for "unchanged" and year-on-year outlier flags. */
  readonly report?: AnnualReport | null;
};

/**
 * Everything the package knows about one organization in one round. Pure data: the server
 * assembles it from its tables, the web from the GraphQL API.
 */
export type ScoringInput = {
  readonly organizationId: string;
  /** Peer group for peer-relative normalisation and outlier bands (e.g. `county-department`). */
  readonly peerGroup: string;
  /** Region node ids from the root down to the organization's own region. */
  readonly regionPath: readonly string[];
  /** Effective deadline for this organization (round deadline plus any extension); null = none. */
  readonly deadline: Instant | null;
  /** null when the organization has no submission record in the round. */
  readonly submission: SubmissionFacts | null;
  /** The submitted report (latest submitted version); null when none or not a report. */
  readonly report: AnnualReport | null;
  /** The report's current findings (rule engine output plus server findings). */
  readonly findings: readonly Finding[];
  readonly previous?: PreviousYear;
  readonly roster?: RosterSummary | null;
};
