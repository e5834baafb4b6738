import type { EntityManager } from 'typeorm';

/**
 * A version the bulk path checked, as its check thread holds it: the report and findings as the
 * JSON text that is stored, and last year's version it was checked against (the report as read
 * from PostgreSQL).
 */
export type WrittenVersion = {
  readonly versionId: string;
  readonly report: string;
  readonly findings: string;
  readonly previous: {
    readonly versionId: string;
    readonly report: string;
    readonly errorCount: number;
    readonly warningCount: number;
  } | null;
};

/**
 * Told about versions written by plain SQL (the bulk path's multi-row INSERTs), inside the
 * transaction that wrote them, so that what other modules keep per version (the scoring
 * module's inputs) is stored in the same transaction. Bound by a global module of the module
 * that keeps such data; optional for its callers.
 */
export interface VersionsWrittenObserver {
  /**
   * `computed` holds, by version id, what `computeWritten` returned for the version on the
   * bulk path (a version it returned null for, or failed on, is not in it).
   */
  versionsWritten(
    manager: EntityManager,
    versionIds: readonly string[],
    computed?: ReadonlyMap<string, string>,
  ): Promise<void>;
  /**
   * Computes per version what this observer stores, from the checked report in memory, so the
   * bulk path need not read the versions back after their INSERT; null leaves the version to
   * the observer's own reading.
   */
  computeWritten?(version: WrittenVersion): string | null;
}

export const VERSIONS_WRITTEN = Symbol('VERSIONS_WRITTEN');
