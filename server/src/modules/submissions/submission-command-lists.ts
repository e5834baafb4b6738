import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { AnnualReport } from '@gongkai/report-model';
import { type CommandContext, listManager, recordEach } from '../audit';
import {
  SubmissionVersionEntity,
  type SubmissionVersionRow,
  VersionSource,
} from './submission-version.entity';
import { nextStatus, WorkflowAction } from './submission-workflow';
import { SubmissionEntity, type SubmissionRow, SubmissionStatus } from './submission.entity';
import { submittedVersionChanged, versionsInserted } from './submission-writes';
import { insertPeerKeys } from './peer-keys.store';
import type { CheckedVersion } from './version-check';

/**
 * The list forms of the submission commands: many aggregates written by one statement per table
 * (`INSERT` of many rows, `UPDATE … FROM unnest(…)`), so their statement-level triggers run once
 * per list. Each item carries its own context (who acts, when); every context of one call shares
 * the caller's manager. The single forms of `submissionCommands` are the one-item lists, so each
 * invariant has one definition. Items run in order: a submission may appear several times, each
 * item seeing what the earlier ones did to it (the last item's object carries its final state).
 */

export type ContextItem = { readonly context: CommandContext };

export type NewVersion = {
  report: AnnualReport;
  source: VersionSource;
  checked: CheckedVersion;
  previousYearVersionId: string | null;
  /** The version's id, when the caller needs it before the write (else a new one). */
  id?: string;
  fileId?: string | null;
  importWarnings?: string[] | null;
  auditData?: Record<string, unknown>;
};

export type StepInput = {
  reason?: string | null;
  change?: (submission: SubmissionRow) => Promise<Record<string, unknown> | void>;
};

export const nowOf = (context: CommandContext): Date => context.at ?? new Date();

/** The last item of each submission, in the order of their first items. */
function lastPerSubmission<T extends { submission: SubmissionRow }>(items: readonly T[]) {
  const last = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const seen = last.get(item.submission.id);
    last.set(item.submission.id, { item, count: (seen?.count ?? 0) + 1 });
  }
  return [...last.values()];
}

/** Sets each submission's revision and updated time from the rows an UPDATE … RETURNING gave. */
function applyReturned(
  submissions: readonly SubmissionRow[],
  rows: readonly { id: string; revision: number; updated_at: Date }[],
): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const s of submissions) {
    const row = byId.get(s.id);
    if (!row) throw new Error(`submission ${s.id} vanished while locked`);
    s.revision = row.revision;
    s.updatedAt = row.updated_at;
  }
}

/** One stored column of `submissions` an UPDATE of a list sets: name, SQL type, value, cast. */
type SetColumn = readonly [
  column: string,
  type: string,
  pick: (s: SubmissionRow) => unknown,
  cast?: string,
];

/**
 * One UPDATE for the submissions of a list (save() would first read each row back): each
 * submission gets the columns as its last item left them, its revision moved on once per item
 * and its updated time (the item's `at`, or now); the revision and time are set back on the
 * entities.
 */
async function updateSubmissions(
  manager: EntityManager,
  items: readonly { submission: SubmissionRow; context: CommandContext }[],
  columns: readonly SetColumn[],
): Promise<void> {
  const last = lastPerSubmission(items);
  const n = columns.length;
  const [rows] = (await manager.query(
    `UPDATE submissions s
        SET ${columns.map(([c, , , cast]) => `${c} = u.${c}${cast ? `::${cast}` : ''}`).join(', ')},
            revision = s.revision + u.n, updated_at = coalesce(u.at, now())
       FROM unnest($1::uuid[], ${columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')},
                   $${n + 2}::int[], $${n + 3}::timestamptz[])
            AS u(id, ${columns.map(([c]) => c).join(', ')}, n, at)
      WHERE s.id = u.id
  RETURNING s.id, s.revision, s.updated_at`,
    [
      last.map(({ item }) => item.submission.id),
      ...columns.map(([, , pick]) => last.map(({ item }) => pick(item.submission))),
      last.map(({ count }) => count),
      last.map(({ item }) => item.context.at ?? null),
    ],
  )) as [{ id: string; revision: number; updated_at: Date }[], number];
  applyReturned(
    last.map(({ item }) => item.submission),
    rows,
  );
}

/** A version's stored columns, as the INSERT of `addVersions` reads them. */
const versionRow = (v: SubmissionVersionRow) => ({
  id: v.id,
  submission_id: v.submissionId,
  number: v.number,
  source: v.source,
  report: v.report,
  findings: v.findings,
  summary: v.summary,
  error_count: v.errorCount,
  warning_count: v.warningCount,
  info_count: v.infoCount,
  gap_count: v.gapCount,
  content_hash: v.contentHash,
  previous_year_version_id: v.previousYearVersionId,
  file_id: v.fileId,
  import_warnings: v.importWarnings,
  created_by_id: v.createdById,
  created_at: v.createdAt ?? null,
});

/** Opens the submissions of organizations in rounds, as drafts: one INSERT. */
export async function openAll(
  items: readonly (ContextItem & { input: { roundId: string; organizationId: string } })[],
): Promise<SubmissionRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const submissions = items.map(({ context, input }) => {
    const at = context.at ?? undefined;
    return manager.create(SubmissionEntity, {
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
  });
  await manager.insert(SubmissionEntity, submissions);
  await recordEach(
    items.map(({ context, input }, i) => ({
      context,
      event: {
        organizationId: input.organizationId,
        submissionId: submissions[i]!.id,
        roundId: input.roundId,
        action: 'submission.start',
        toStatus: submissions[i]!.status,
        at: context.at ?? undefined,
      },
    })),
  );
  return submissions;
}

/**
 * Stores checked reports as their submissions' next versions and makes each current: one INSERT
 * of the versions, one UPDATE of the submissions (each revision moves on once per version) and
 * each save's, upload's or import's audit event.
 */
export async function addVersions(
  items: readonly (ContextItem & { submission: SubmissionRow; next: NewVersion })[],
): Promise<SubmissionVersionRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const versions = items.map(({ context, submission, next }) => {
    const at = context.at ?? null;
    const number = submission.versionCount + 1;
    const { peerKeys: _keys, ...checked } = next.checked;
    const version = manager.create(SubmissionVersionEntity, {
      id: next.id ?? randomUUID(),
      submissionId: submission.id,
      number,
      source: next.source,
      report: next.report,
      ...checked,
      previousYearVersionId: next.previousYearVersionId,
      fileId: next.fileId ?? null,
      importWarnings: next.importWarnings ?? null,
      createdById: context.actorId,
      ...(at ? { createdAt: at } : {}),
    });
    submission.currentVersionId = version.id;
    submission.versionCount = number;
    if (submission.approvedAt) submission.changesAfterApproval += 1;
    return version;
  });
  // one statement, the versions as one JSON parameter (their reports are most of its bytes)
  const inserted = (await manager.query(
    `INSERT INTO submission_versions (id, submission_id, number, source, report, findings,
            summary, error_count, warning_count, info_count, gap_count, content_hash,
            previous_year_version_id, file_id, import_warnings, created_by_id, created_at)
     SELECT v.id, v.submission_id, v.number, v.source::version_source, v.report, v.findings,
            v.summary, v.error_count, v.warning_count, v.info_count, v.gap_count, v.content_hash,
            v.previous_year_version_id, v.file_id, v.import_warnings, v.created_by_id,
            coalesce(v.created_at, now())
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, submission_id uuid, number int,
            source text, report jsonb, findings jsonb, summary jsonb, error_count int,
            warning_count int, info_count int, gap_count int, content_hash text,
            previous_year_version_id uuid, file_id uuid, import_warnings jsonb,
            created_by_id uuid, created_at timestamptz)
  RETURNING id, created_at`,
    [JSON.stringify(versions.map(versionRow))],
  )) as { id: string; created_at: Date }[];
  const createdAt = new Map(inserted.map((r) => [r.id, r.created_at]));
  for (const v of versions) v.createdAt = createdAt.get(v.id)!;
  // what later checks of other bodies compare with (originality.peer), in this transaction
  await insertPeerKeys(
    manager,
    items.map(({ next }, i) => ({
      versionId: versions[i]!.id,
      submissionId: versions[i]!.submissionId,
      keys: next.checked.peerKeys,
    })),
  );
  await versionsInserted(
    manager,
    versions.map((v) => v.id),
  );
  await updateSubmissions(manager, items, [
    ['current_version_id', 'uuid', (s) => s.currentVersionId],
    ['version_count', 'int', (s) => s.versionCount],
    ['changes_after_approval', 'int', (s) => s.changesAfterApproval],
  ]);
  await recordEach(
    items.map(({ context, submission, next }, i) => ({
      context,
      event: {
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
          version: versions[i]!.number,
          source: next.source,
          errors: versions[i]!.errorCount,
          warnings: versions[i]!.warningCount,
          ...next.auditData,
        },
        at: context.at ?? null,
      },
    })),
  );
  return versions;
}

/**
 * Workflow steps: each item's next status by the state machine, the step's own times (submitted,
 * approved, published) and counters, its `change` for the rest (run in order, before any row is
 * written), then one UPDATE of every column a step may change (each revision moves on once per
 * step), the submitted-version handlers and each step's audit event `submission.<action>` with
 * the from and to status.
 */
export async function steps(
  items: readonly (ContextItem & {
    submission: SubmissionRow;
    action: WorkflowAction;
    input?: StepInput;
  })[],
): Promise<SubmissionRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const done: { from: SubmissionStatus; to: SubmissionStatus; data: object; moved: boolean }[] = [];
  for (const { context, submission, action, input } of items) {
    const from = submission.status;
    const to = nextStatus(from, action);
    const at = nowOf(context);
    const submittedBefore = submission.submittedVersionId;
    const data = (await input?.change?.(submission)) ?? {};
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
    done.push({ from, to, data, moved: submission.submittedVersionId !== submittedBefore });
  }
  await updateSubmissions(manager, items, [
    ['status', 'text', (s) => s.status, 'submission_status'],
    ['submitted_version_id', 'uuid', (s) => s.submittedVersionId],
    ['current_version_id', 'uuid', (s) => s.currentVersionId],
    ['first_submitted_at', 'timestamptz', (s) => s.firstSubmittedAt],
    ['last_submitted_at', 'timestamptz', (s) => s.lastSubmittedAt],
    ['approved_at', 'timestamptz', (s) => s.approvedAt],
    ['published_at', 'timestamptz', (s) => s.publishedAt],
    ['return_count', 'int', (s) => s.returnCount],
    ['reopen_count', 'int', (s) => s.reopenCount],
  ]);
  for (const [i, { submission }] of items.entries())
    if (done[i]!.moved) await submittedVersionChanged(manager, submission);
  await recordEach(
    items.map(({ context, submission, action, input }, i) => ({
      context,
      event: {
        organizationId: submission.organizationId,
        submissionId: submission.id,
        roundId: submission.roundId,
        action: `submission.${action}`,
        fromStatus: done[i]!.from,
        toStatus: done[i]!.to,
        reason: input?.reason ?? null,
        data: done[i]!.data as Record<string, unknown>,
        at: context.at,
      },
    })),
  );
  return items.map((i) => i.submission);
}
