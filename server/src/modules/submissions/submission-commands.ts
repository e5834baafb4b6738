import { randomUUID } from 'node:crypto';
import type { AnnualReport } from '@gongkai/report-model';
import { IsNull } from 'typeorm';
import type { CommandContext } from '../audit';
import { ReportFileEntity } from './report-file.entity';
import { ReturnKind, SubmissionReturnEntity } from './submission-return.entity';
import { SubmissionVersionEntity, VersionSource } from './submission-version.entity';
import { nextStatus, WorkflowAction } from './submission-workflow';
import { SubmissionEntity, SubmissionStatus } from './submission.entity';
import { submittedVersionChanged } from './submission-writes';
import type { CheckedVersion } from './version-check';

/** Where a submission command runs (see `CommandContext`). */
export type SubmissionCommandContext = CommandContext;

const nowOf = (context: SubmissionCommandContext): Date => context.at ?? new Date();

/**
 * The commands that write a submission's aggregate — the submission, its versions and its review
 * thread — each with its audit event. They run after the caller's checks (scope, role, revision,
 * round), inside the caller's transaction: the services call them for a user's action, the demo
 * seed for its history. The state machine is `nextStatus`; nothing here reads another module.
 */
export const submissionCommands = {
  /** Opens the submission of an organization in a round, as a draft. */
  async open(
    context: SubmissionCommandContext,
    input: { roundId: string; organizationId: string },
  ): Promise<SubmissionEntity> {
    const { manager } = context;
    const at = context.at ?? undefined;
    const submission = manager.create(SubmissionEntity, {
      id: randomUUID(),
      roundId: input.roundId,
      organizationId: input.organizationId,
      status: SubmissionStatus.DRAFT,
      currentVersionId: null,
      submittedVersionId: null,
      versionCount: 0,
      firstSubmittedAt: null,
      lastSubmittedAt: null,
      approvedAt: null,
      publishedAt: null,
      returnCount: 0,
      reopenCount: 0,
      changesAfterApproval: 0,
      ...(at ? { createdAt: at, updatedAt: at } : {}),
    });
    await manager.insert(SubmissionEntity, submission);
    await context.record([
      {
        organizationId: input.organizationId,
        submissionId: submission.id,
        roundId: input.roundId,
        action: 'submission.start',
        toStatus: submission.status,
        at,
      },
    ]);
    return submission;
  },

  /**
   * Stores a checked report as the submission's next version and makes it current: one INSERT,
   * one UPDATE (the revision moves on) and the save's, upload's or import's audit event.
   */
  async addVersion(
    context: SubmissionCommandContext,
    submission: SubmissionEntity,
    next: {
      report: AnnualReport;
      source: VersionSource;
      checked: CheckedVersion;
      previousYearVersionId: string | null;
      fileId?: string | null;
      importWarnings?: string[] | null;
      auditData?: Record<string, unknown>;
    },
  ): Promise<SubmissionVersionEntity> {
    const { manager } = context;
    const at = context.at ?? null;
    const number = submission.versionCount + 1;
    const version = manager.create(SubmissionVersionEntity, {
      id: randomUUID(),
      submissionId: submission.id,
      number,
      source: next.source,
      report: next.report,
      ...next.checked,
      previousYearVersionId: next.previousYearVersionId,
      fileId: next.fileId ?? null,
      importWarnings: next.importWarnings ?? null,
      createdById: context.actorId,
      ...(at ? { createdAt: at } : {}),
    });
    await manager.insert(SubmissionVersionEntity, version);
    submission.currentVersionId = version.id;
    submission.versionCount = number;
    if (submission.approvedAt) submission.changesAfterApproval += 1;
    // one UPDATE (save() would first read the row back to compare it)
    const [rows] = (await manager.query(
      `UPDATE submissions
          SET current_version_id = $2, version_count = $3, changes_after_approval = $4,
              revision = revision + 1, updated_at = coalesce($5::timestamptz, now())
        WHERE id = $1
    RETURNING revision, updated_at`,
      [submission.id, version.id, number, submission.changesAfterApproval, at],
    )) as [{ revision: number; updated_at: Date }[], number];
    const row = rows[0];
    if (!row) throw new Error(`submission ${submission.id} vanished while locked`);
    submission.revision = row.revision;
    submission.updatedAt = row.updated_at;
    await context.record([
      {
        organizationId: submission.organizationId,
        submissionId: submission.id,
        roundId: submission.roundId,
        action:
          next.source === VersionSource.UPLOAD
            ? 'submission.upload'
            : next.source === VersionSource.IMPORTED
              ? 'submission.import'
              : 'submission.save',
        data: {
          version: number,
          source: next.source,
          errors: version.errorCount,
          warnings: version.warningCount,
          ...next.auditData,
        },
        at,
      },
    ]);
    return version;
  },

  /** Records the file a version is read from (an upload, an import), before that version. */
  addFile(
    context: SubmissionCommandContext,
    submission: SubmissionEntity,
    file: Omit<
      ReportFileEntity,
      'createdAt' | 'submission' | 'uploadedById' | 'organizationId' | 'submissionId'
    >,
  ): Promise<ReportFileEntity> {
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
    submission: SubmissionEntity,
    action: WorkflowAction,
    input: {
      reason?: string | null;
      change?: (submission: SubmissionEntity) => Promise<Record<string, unknown> | void>;
    } = {},
  ): Promise<SubmissionEntity> {
    const from = submission.status;
    const to = nextStatus(from, action);
    const at = nowOf(context);
    const submittedBefore = submission.submittedVersionId;
    const data = (await input.change?.(submission)) ?? {};
    if (action === WorkflowAction.Submit) {
      submission.firstSubmittedAt ??= at;
      submission.lastSubmittedAt = at;
    } else if (action === WorkflowAction.Return) submission.returnCount += 1;
    else if (action === WorkflowAction.Approve) submission.approvedAt = at;
    else if (action === WorkflowAction.Publish) submission.publishedAt = at;
    else if (action === WorkflowAction.Reopen) {
      submission.reopenCount += 1;
      submission.publishedAt = null;
    }
    submission.status = to;
    // one UPDATE of every column a step may change (save() would first read the row back)
    const [rows] = (await context.manager.query(
      `UPDATE submissions
          SET status = $2, submitted_version_id = $3, current_version_id = $4,
              first_submitted_at = $5, last_submitted_at = $6, approved_at = $7,
              published_at = $8, return_count = $9, reopen_count = $10,
              revision = revision + 1, updated_at = coalesce($11::timestamptz, now())
        WHERE id = $1
    RETURNING revision, updated_at`,
      [
        submission.id,
        to,
        submission.submittedVersionId,
        submission.currentVersionId,
        submission.firstSubmittedAt,
        submission.lastSubmittedAt,
        submission.approvedAt,
        submission.publishedAt,
        submission.returnCount,
        submission.reopenCount,
        context.at ?? null,
      ],
    )) as [{ revision: number; updated_at: Date }[], number];
    const row = rows[0];
    if (!row) throw new Error(`submission ${submission.id} vanished while locked`);
    submission.revision = row.revision;
    submission.updatedAt = row.updated_at;
    if (submission.submittedVersionId !== submittedBefore)
      await submittedVersionChanged(context.manager, submission);
    await context.record([
      {
        organizationId: submission.organizationId,
        submissionId: submission.id,
        roundId: submission.roundId,
        action: `submission.${action}`,
        fromStatus: from,
        toStatus: to,
        reason: input.reason ?? null,
        data,
        at: context.at,
      },
    ]);
    return submission;
  },

  /**
   * Opens a turn of the review thread (a return or a reopen of the submitted version); written by
   * the return's or reopen's step, in its transaction.
   */
  async addReturn(
    context: SubmissionCommandContext,
    submission: SubmissionEntity,
    input: { kind: ReturnKind; reason: string },
  ): Promise<SubmissionReturnEntity> {
    const turn = context.manager.create(SubmissionReturnEntity, {
      id: randomUUID(),
      submissionId: submission.id,
      kind: input.kind,
      reason: input.reason,
      returnedVersionId: submission.submittedVersionId,
      reviewerId: context.actorId,
      ...(context.at ? { createdAt: context.at } : {}),
      reply: null,
      repliedById: null,
      repliedAt: null,
      resubmittedVersionId: null,
    });
    await context.manager.insert(SubmissionReturnEntity, turn);
    return turn;
  },

  /**
   * The bureau's answer to the open return, written by the resubmit: its reply and the version it
   * resubmits. Returns the answered turn (null when none was open).
   */
  async answerReturn(
    context: SubmissionCommandContext,
    submission: SubmissionEntity,
    input: { reply: string | null; versionId: string },
  ): Promise<SubmissionReturnEntity | null> {
    const open = await context.manager.findOne(SubmissionReturnEntity, {
      where: { submissionId: submission.id, repliedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (!open) return null;
    open.reply = input.reply;
    open.repliedById = context.actorId;
    open.repliedAt = nowOf(context);
    open.resubmittedVersionId = input.versionId;
    await context.manager.update(SubmissionReturnEntity, open.id, {
      reply: open.reply,
      repliedById: open.repliedById,
      repliedAt: open.repliedAt,
      resubmittedVersionId: open.resubmittedVersionId,
    });
    return open;
  },

  /**
   * Moves the submission's revision on (and its updated time) for a change of its aggregate
   * written beside its row — a comment of its thread marked dealt with — so that a writer holding
   * the old revision gets CONFLICT. Returns the submission as it now is.
   */
  async touch(context: SubmissionCommandContext, submissionId: string): Promise<SubmissionEntity> {
    await context.manager.query(
      `UPDATE submissions SET revision = revision + 1,
              updated_at = coalesce($2::timestamptz, now()) WHERE id = $1`,
      [submissionId, context.at ?? null],
    );
    return context.manager.findOneOrFail(SubmissionEntity, { where: { id: submissionId } });
  },
};

export { ReturnKind };
