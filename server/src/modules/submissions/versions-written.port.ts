import type { EntityManager } from 'typeorm';

/**
 * Told about versions written by plain SQL (the bulk path's multi-row INSERTs), inside the
 * transaction that wrote them, so that what other modules keep per version (the scoring
 * module's inputs) is stored in the same transaction. Bound by a global module of the module
 * that keeps such data; optional for its callers.
 */
export interface VersionsWrittenObserver {
  versionsWritten(manager: EntityManager, versionIds: readonly string[]): Promise<void>;
}

export const VERSIONS_WRITTEN = Symbol('VERSIONS_WRITTEN');
