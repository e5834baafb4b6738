import type { EntityManager } from 'typeorm';
import { plainRows } from '../../database/plain-rows';
import type { SubmissionReturnRow } from './submission-return.entity';
import type { SubmissionRow } from './submission.entity';

/** A return or reopen with the numbers of the versions it names. */
export type NumberedReturnRow = SubmissionReturnRow & {
  returnedVersionNumber: number | null;
  resubmittedVersionNumber: number | null;
};

const SUBMISSIONS = plainRows<SubmissionRow>('submissions', 's', [
  ['id', 'id'],
  ['round_id', 'roundId'],
  ['organization_id', 'organizationId'],
  ['status', 'status'],
  ['current_version_id', 'currentVersionId'],
  ['submitted_version_id', 'submittedVersionId'],
  ['version_count', 'versionCount'],
  ['first_submitted_at', 'firstSubmittedAt'],
  ['last_submitted_at', 'lastSubmittedAt'],
  ['approved_at', 'approvedAt'],
  ['published_at', 'publishedAt'],
  ['return_count', 'returnCount'],
  ['reopen_count', 'reopenCount'],
  ['changes_after_approval', 'changesAfterApproval'],
  ['revision', 'revision'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
]);

const RETURNS = plainRows<SubmissionReturnRow>('submission_returns', 'r', [
  ['id', 'id'],
  ['submission_id', 'submissionId'],
  ['kind', 'kind'],
  ['reason', 'reason'],
  ['returned_version_id', 'returnedVersionId'],
  ['reviewer_id', 'reviewerId'],
  ['created_at', 'createdAt'],
  ['reply', 'reply'],
  ['replied_by_id', 'repliedById'],
  ['replied_at', 'repliedAt'],
  ['resubmitted_version_id', 'resubmittedVersionId'],
]);

// a fixed statement (the thread of every organization page reads it)
const RETURNS_OF = `${RETURNS.select.replace(' FROM ', `, rv.number AS "returnedVersionNumber", sv.number AS "resubmittedVersionNumber" FROM `)}
  LEFT JOIN submission_versions rv ON rv.id = r.returned_version_id
  LEFT JOIN submission_versions sv ON sv.id = r.resubmitted_version_id
 WHERE r.submission_id = ANY($1::uuid[])
 ORDER BY r.created_at ASC`;

/**
 * Reading submissions' rows with the caller's EntityManager — inside its transaction, one fixed
 * statement each — for the review module, whose workflow steps run inside
 * `SubmissionsService.transition`, and the queue's hand-written join. They get plain rows; they
 * write through `submissionCommands`.
 */
export const submissionLookups = {
  /** The submission's latest return not answered by a submit yet. */
  async openReturn(
    manager: EntityManager,
    submissionId: string,
  ): Promise<SubmissionReturnRow | null> {
    const [found] = (await manager.query(
      `${RETURNS.select} WHERE r.submission_id = $1 AND r.replied_at IS NULL
        ORDER BY r.created_at DESC LIMIT 1`,
      [submissionId],
    )) as SubmissionReturnRow[];
    return found ?? null;
  },

  /** Every return and reopen of the submissions, oldest first, with its versions' numbers. */
  returnsOf(
    manager: EntityManager,
    submissionIds: readonly string[],
  ): Promise<NumberedReturnRow[]> {
    return manager.query(RETURNS_OF, [[...submissionIds]]) as Promise<NumberedReturnRow[]>;
  },

  /**
   * The columns of `submissions` (or of its view `submission_states`, which has the same names)
   * under `alias`, as `alias_column`, for a hand-written join of another module.
   */
  columns: (alias: string): string => SUBMISSIONS.columns(alias),

  /** The submission read by `columns(alias)` in `row` (null when the join matched none). */
  fromRow: (alias: string, row: Record<string, unknown>): SubmissionRow | null =>
    SUBMISSIONS.fromRow(alias, row),

  /** The columns read, with their properties (for the test that holds them to the entities'). */
  lists: { submissions: SUBMISSIONS.list, returns: RETURNS.list },
};
