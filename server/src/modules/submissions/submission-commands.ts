import type { CommandContext } from '../audit';
import { ReportFileEntity, type ReportFileRow } from './report-file.entity';
import {
  addVersions,
  type NewVersion,
  openAll,
  type StepInput,
  steps,
} from './submission-command-lists';
import { addReturns, answerReturns } from './submission-thread-lists';
import { ReturnKind, type SubmissionReturnRow } from './submission-return.entity';
import type { SubmissionVersionRow } from './submission-version.entity';
import type { WorkflowAction } from './submission-workflow';
import { SubmissionEntity, type SubmissionRow } from './submission.entity';

/** Where a submission command runs (see `CommandContext`). */
export type SubmissionCommandContext = CommandContext;

/**
 * The commands that write a submission's aggregate — the submission, its versions and its review
 * thread — each with its audit event. They run after the caller's checks (scope, role, revision,
 * round), inside the caller's transaction: the services call them for a user's action, the demo
 * seed for its history. The state machine is `nextStatus`; nothing here reads another module.
 * Each single form is the one-item case of its list form (`openAll`, `addVersions`, `steps`,
 * `addReturns`, `answerReturns`), which writes many aggregates in one statement per table.
 */
export const submissionCommands = {
  openAll,
  addVersions,
  steps,
  addReturns,
  answerReturns,

  /** Opens the submission of an organization in a round, as a draft. */
  async open(
    context: SubmissionCommandContext,
    input: { roundId: string; organizationId: string },
  ): Promise<SubmissionRow> {
    const [submission] = await openAll([{ context, input }]);
    return submission!;
  },

  /**
   * Stores a checked report as the submission's next version and makes it current: one INSERT,
   * one UPDATE (the revision moves on) and the save's, upload's or import's audit event.
   */
  async addVersion(
    context: SubmissionCommandContext,
    submission: SubmissionRow,
    next: NewVersion,
  ): Promise<SubmissionVersionRow> {
    const [version] = await addVersions([{ context, submission, next }]);
    return version!;
  },

  /** Records the file a version is read from (an upload, an import), before that version. */
  addFile(
    context: SubmissionCommandContext,
    submission: SubmissionRow,
    file: Omit<ReportFileRow, 'createdAt' | 'uploadedById' | 'organizationId' | 'submissionId'>,
  ): Promise<ReportFileRow> {
    return context.manager.save(
      context.manager.create(ReportFileEntity, {
        ...file,
        submissionId: submission.id,
        organizationId: submission.organizationId,
        uploadedById: context.actorId,
        ...(context.at ? { createdAt: context.at } : {}),
      }),
    );
  },

  /**
   * A workflow step: the state machine's next status, the step's own times (submitted, approved,
   * published) and counters, `change` for the rest (run before the status moves), the save and the
   * step's audit event `submission.<action>` with the from and to status.
   */
  async step(
    context: SubmissionCommandContext,
    submission: SubmissionRow,
    action: WorkflowAction,
    input: StepInput = {},
  ): Promise<SubmissionRow> {
    await steps([{ context, submission, action, input }]);
    return submission;
  },

  /**
   * Opens a turn of the review thread (a return or a reopen of the submitted version); written by
   * the return's or reopen's step, in its transaction.
   */
  async addReturn(
    context: SubmissionCommandContext,
    submission: SubmissionRow,
    input: { kind: ReturnKind; reason: string },
  ): Promise<SubmissionReturnRow> {
    const [turn] = await addReturns([{ context, submission, input }]);
    return turn!;
  },

  /**
   * The bureau's answer to the open return, written by the resubmit: its reply and the version it
   * resubmits. Returns the answered turn (null when none was open).
   */
  async answerReturn(
    context: SubmissionCommandContext,
    submission: SubmissionRow,
    input: { reply: string | null; versionId: string },
  ): Promise<SubmissionReturnRow | null> {
    const [answered] = await answerReturns([{ context, submission, input }]);
    return answered ?? null;
  },

  /**
   * Moves the submission's revision on (and its updated time) for a change of its aggregate
   * written beside its row — a comment of its thread marked dealt with — so that a writer holding
   * the old revision gets CONFLICT. Returns the submission as it now is.
   */
  async touch(context: SubmissionCommandContext, submissionId: string): Promise<SubmissionRow> {
    await context.manager.query(
      `UPDATE submissions SET revision = revision + 1,
              updated_at = coalesce($2::timestamptz, now()) WHERE id = $1`,
      [submissionId, context.at ?? null],
    );
    return context.manager.findOneOrFail(SubmissionEntity, { where: { id: submissionId } });
  },
};

export { ReturnKind };
