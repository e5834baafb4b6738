import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { conflict } from '../../common/domain-error';
import type { AuditService } from '../audit';
import { roundLookups, type RoundRow } from '../rounds';
import type { CheckedItem } from './bulk-check';
import { insertPeerKeys } from './peer-keys.store';
import { ReturnKind } from './submission-return.entity';
import { VersionSource } from './submission-version.entity';
import { SubmissionStatus } from './submission.entity';
import { reportingRefusal } from './submissions.service';
import type { VersionsWrittenObserver, WrittenVersion } from './versions-written.port';

/** One checked filing of a batch, with the rows it becomes. */
export type PreparedFiling = {
  readonly submissionId: string;
  readonly organizationId: string;
  readonly status: SubmissionStatus;
  readonly submittedAt: string | null;
  readonly approvedAt: string | null;
  readonly publishedAt: string | null;
  readonly createdAt: string;
  readonly previousVersionId: string | null;
  readonly checked: CheckedItem;
  readonly previous: WrittenVersion['previous'];
};

const UNIQUE_VIOLATION = '23505';
const RETURN_REASON = '报表数据与正文不一致，请核实后重新报送';
const DAY = 86_400_000;

/**
 * Stores a prepared batch inside its transaction: the round is read again under a share lock
 * (it must still accept reports), one multi-row INSERT per table, the versions' scoring inputs
 * through `versionsWritten` (with what `computeInputsInTurns` computed for them, awaited only
 * after the INSERTs), one audit event for the batch.
 */
export async function writeBatch(
  manager: EntityManager,
  actor: Actor | null,
  roundId: string,
  rows: readonly PreparedFiling[],
  batchNumber: number,
  audit: AuditService,
  versionsWritten: VersionsWrittenObserver | null,
  computing: Promise<ReadonlyMap<string, string>> | null = null,
): Promise<void> {
  const round = await roundLookups.byIdOrFail(manager, roundId, { shareLock: true });
  const refusal = reportingRefusal(round, null, null);
  if (refusal) throw refusal;
  try {
    await insert(manager, actor, round, rows);
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION)
      throw conflict('a body of the batch filed in this round meanwhile', {
        key: 'bulk.filedMeanwhile',
        params: { year: round.year },
      });
    throw error;
  }
  // what other modules keep per version (scoring inputs), in this transaction
  if (versionsWritten)
    await versionsWritten.versionsWritten(
      manager,
      rows.map((p) => p.checked.versionId),
      (await computing) ?? computedInputs(versionsWritten, rows),
    );
  const statuses: Record<string, number> = {};
  for (const p of rows) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
  await audit.record(manager, actor, {
    organizationId: round.scopeOrganizationId,
    roundId: round.id,
    action: 'submission.bulkIngest',
    data: { year: round.year, batch: batchNumber, count: rows.length, statuses },
  });
}

const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/**
 * The versions as one JSON array for `jsonb_to_recordset`, written around the report, findings
 * and summary the checks already serialised (the same text `JSON.stringify` of the rows gives).
 */
function versionsJson(rows: readonly PreparedFiling[]): string {
  let out = '[';
  for (const [i, p] of rows.entries()) {
    const c = p.checked;
    if (i > 0) out += ',';
    out +=
      `{"id":${text(c.versionId)},"submission_id":${text(p.submissionId)},` +
      `"report":${c.report},"findings":${c.findings},"summary":${c.summary},` +
      `"error_count":${c.errorCount},"warning_count":${c.warningCount},` +
      `"info_count":${c.infoCount},"gap_count":${c.gapCount},` +
      `"content_hash":${text(c.contentHash)},` +
      `"previous_year_version_id":${text(p.previousVersionId)},"created_at":${text(p.createdAt)}}`;
  }
  return `${out}]`;
}

async function insert(
  manager: EntityManager,
  actor: Actor | null,
  round: RoundRow,
  rows: readonly PreparedFiling[],
): Promise<void> {
  const counted = (p: PreparedFiling) => p.status !== SubmissionStatus.DRAFT;
  await manager.query(
    `INSERT INTO submissions (id, round_id, organization_id, status, current_version_id,
                              submitted_version_id, version_count, first_submitted_at,
                              last_submitted_at, approved_at, published_at, return_count,
                              revision, created_at, updated_at)
     SELECT x.id, $2, x.organization_id, x.status::submission_status, x.version_id,
            x.submitted_version_id, 1, x.submitted_at, x.submitted_at, x.approved_at,
            x.published_at, x.return_count, 1, x.created_at,
            COALESCE(x.published_at, x.approved_at, x.submitted_at, x.created_at)
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, organization_id uuid, status text,
            version_id uuid, submitted_version_id uuid, submitted_at timestamptz,
            approved_at timestamptz, published_at timestamptz, return_count int,
            created_at timestamptz)`,
    [
      JSON.stringify(
        rows.map((p) => ({
          id: p.submissionId,
          organization_id: p.organizationId,
          status: p.status,
          version_id: p.checked.versionId,
          submitted_version_id: counted(p) ? p.checked.versionId : null,
          submitted_at: p.submittedAt,
          approved_at: p.approvedAt,
          published_at: p.publishedAt,
          return_count: p.status === SubmissionStatus.RETURNED ? 1 : 0,
          created_at: p.createdAt,
        })),
      ),
      round.id,
    ],
  );
  await manager.query(
    `INSERT INTO submission_versions (id, submission_id, number, source, report, findings, summary,
                                      error_count, warning_count, info_count, gap_count,
                                      content_hash, previous_year_version_id, created_by_id,
                                      created_at)
     SELECT x.id, x.submission_id, 1, $2::version_source, x.report, x.findings, x.summary,
            x.error_count, x.warning_count, x.info_count, x.gap_count, x.content_hash,
            x.previous_year_version_id, $3::uuid, x.created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, submission_id uuid, report jsonb,
            findings jsonb, summary jsonb, error_count int, warning_count int, info_count int,
            gap_count int, content_hash text, previous_year_version_id uuid,
            created_at timestamptz)`,
    [versionsJson(rows), VersionSource.MANUAL, actor?.userId ?? null],
  );
  await insertPeerKeys(
    manager,
    rows.map((p) => ({
      versionId: p.checked.versionId,
      submissionId: p.submissionId,
      keys: p.checked.peerKeys,
    })),
  );
  const returned = rows.filter((p) => p.status === SubmissionStatus.RETURNED);
  if (returned.length > 0)
    await manager.query(
      `INSERT INTO submission_returns (submission_id, kind, reason, returned_version_id, created_at)
       SELECT x.submission_id, $2::submission_return_kind, $3, x.version_id, x.returned_at
         FROM jsonb_to_recordset($1::jsonb) AS x(submission_id uuid, version_id uuid,
              returned_at timestamptz)`,
      [
        JSON.stringify(
          returned.map((p) => ({
            submission_id: p.submissionId,
            version_id: p.checked.versionId,
            returned_at: new Date(Date.parse(p.submittedAt ?? p.createdAt) + 3 * DAY).toISOString(),
          })),
        ),
        ReturnKind.RETURN,
        RETURN_REASON,
      ],
    );
}

/** A filing's instants: submitted as given, approved 5 and published 9 days after. */
export function filingDates(
  status: SubmissionStatus,
  submittedAt: Date | null,
): Pick<PreparedFiling, 'submittedAt' | 'approvedAt' | 'publishedAt' | 'createdAt'> {
  const submitted = status !== SubmissionStatus.DRAFT ? submittedAt : null;
  const at = (days: number) =>
    submitted ? new Date(submitted.getTime() + days * DAY).toISOString() : null;
  return {
    submittedAt: at(0),
    approvedAt:
      status === SubmissionStatus.APPROVED || status === SubmissionStatus.PUBLISHED ? at(5) : null,
    publishedAt: status === SubmissionStatus.PUBLISHED ? at(9) : null,
    createdAt: (submitted ?? new Date()).toISOString(),
  };
}

/**
 * What the observer computes for each written version from its checked report in memory (see
 * `VersionsWrittenObserver.computeWritten`): a version it returns null for, or fails on, is left
 * to the observer's own reading.
 */
export function computedInputs(
  observer: VersionsWrittenObserver,
  rows: readonly PreparedFiling[],
): Map<string, string> {
  const computed = new Map<string, string>();
  if (!observer.computeWritten) return computed;
  for (const p of rows) {
    let value: string | null;
    try {
      value = observer.computeWritten({
        versionId: p.checked.versionId,
        report: p.checked.report,
        findings: p.checked.findings,
        previous: p.previous,
      });
    } catch {
      value = null;
    }
    if (value !== null) computed.set(p.checked.versionId, value);
  }
  return computed;
}

/** Lets the I/O waiting meanwhile (replies of PostgreSQL and of the check thread) go on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Versions computed between two turns of the event loop. */
const INPUTS_PER_TURN = 25;

/**
 * `computedInputs` a few versions at a time with a turn of the event loop between them, so that
 * the statements of the batch written meanwhile are sent as soon as PostgreSQL answers the one
 * before (computing a whole batch at once would leave PostgreSQL waiting as long).
 */
export async function computeInputsInTurns(
  observer: VersionsWrittenObserver,
  rows: readonly PreparedFiling[],
): Promise<Map<string, string>> {
  const computed = new Map<string, string>();
  if (!observer.computeWritten) return computed;
  for (let i = 0; i < rows.length; i += INPUTS_PER_TURN) {
    if (i > 0) await nextTurn();
    for (const [id, value] of computedInputs(observer, rows.slice(i, i + INPUTS_PER_TURN)))
      computed.set(id, value);
  }
  return computed;
}
