import type { DomainErrorCode, FieldProblem, Reason } from '../../common/domain-error';
import type { RankingRowsPlan } from '../scoring';
import type { RankingSheetMeta } from './ranking-columns';
import type { FindingsPlan } from './ranking-findings.reader';

/** A ranking sheet to write, as plain data: what the export thread reads and writes. */
export type RankingExportJob = {
  readonly format: 'xlsx' | 'csv';
  readonly databaseUrl: string;
  readonly meta: RankingSheetMeta;
  readonly rows: RankingRowsPlan;
  /** The findings sheet's statement (.xlsx only). */
  readonly findings: FindingsPlan | null;
};

/** A failure on the thread, as it crosses to the caller's. */
export type ExportFailure =
  | {
      readonly domain: true;
      readonly code: DomainErrorCode;
      readonly message: string;
      readonly field?: string;
      readonly problems: readonly FieldProblem[];
      readonly reason?: Reason;
    }
  | { readonly domain: false; readonly message: string; readonly stack?: string };

/** Messages from the export thread, each naming the export (`id`) it belongs to. */
export type FromExportThread =
  | { readonly kind: 'bytes'; readonly id: number; readonly bytes: Uint8Array }
  | {
      readonly kind: 'done';
      readonly id: number;
      readonly rows: number;
      readonly failure: ExportFailure | null;
    };

/**
 * Messages to the export thread: an export to write, bytes taken (the next may come), or stop
 * (the client left). A thread writes one export at a time and then waits for the next.
 */
export type ToExportThread =
  | { readonly kind: 'job'; readonly id: number; readonly job: RankingExportJob }
  | { readonly kind: 'ack'; readonly id: number }
  | { readonly kind: 'cancel'; readonly id: number };
