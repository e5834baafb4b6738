import type { FieldProblem } from '../../common/domain-error';
import type { SubmissionStatus } from './submission.entity';

/** One body's report of the round, with the state it is stored in. */
export type BulkFiling = {
  readonly organizationId: string;
  /** Validated like a saved draft (`parseReport`), then checked by `check()`. */
  readonly report: unknown;
  readonly status: SubmissionStatus;
  /** First submission; null for drafts. Approval and publication follow it by days. */
  readonly submittedAt: Date | null;
};

export type BulkProgress = {
  readonly batch: number;
  readonly stored: number;
  readonly batchSize: number;
  readonly ms: number;
};

export type BulkFailure = {
  readonly batch: number;
  /** Filings of the failed batch (none of them stored). */
  readonly count: number;
  readonly message: string;
  readonly problems: readonly FieldProblem[];
};

export type BulkIngestResult = {
  readonly stored: number;
  readonly batches: number;
  readonly findings: number;
  /** The batch that failed (nothing of it stored; the batches before it are committed). */
  readonly failure: BulkFailure | null;
  readonly ms: number;
};

export type BulkIngestOptions = {
  /** Filings per transaction (1–5000, default 1000). */
  readonly batchSize?: number;
  /**
   * Threads that check beside the one writing to PostgreSQL: 1 (default) checks on a worker
   * thread while this one reads and writes, 0 checks on this thread. The stored rows are the
   * same either way.
   */
  readonly checkThreads?: 0 | 1;
  readonly onBatch?: (progress: BulkProgress) => void;
};
