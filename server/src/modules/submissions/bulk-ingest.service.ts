import { randomUUID } from 'node:crypto';
import { type AnnualReport, parseReport } from '@gongkai/report-model';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInputs, conflict, DomainError, type FieldProblem } from '../../common/domain-error';
import { AuditService } from '../audit/audit.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { RoundEntity } from '../rounds/round.entity';
import { PeerCorpusService } from './peer-corpus.service';
import { ReturnKind } from './submission-return.entity';
import { VersionSource } from './submission-version.entity';
import { SubmissionStatus } from './submission.entity';
import { previousYearVersionIds, reportingRefusal } from './submissions.service';
import { checkVersion } from './version-check';
import { VERSIONS_WRITTEN, type VersionsWrittenObserver } from './versions-written.port';

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

const UNIQUE_VIOLATION = '23505';

function failureOf(batch: number, count: number, error: DomainError): BulkFailure {
  return { batch, count, message: error.message, problems: error.problems };
}

const RETURN_REASON = '报表数据与正文不一致，请核实后重新报送';
const DAY = 86_400_000;

type Prepared = {
  submissionId: string;
  versionId: string;
  organizationId: string;
  status: SubmissionStatus;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  report: AnnualReport;
  checked: ReturnType<typeof checkVersion>;
  previousVersionId: string | null;
};

/**
 * Stores many reports at once — a synthetic nation, a migration from another system — through the
 * same validation as a saved draft (`parseReport`, the round and organization checks of
 * `reportingRefusal`, `check()` with the previous-year report and the round's peer corpus, via
 * `checkVersion`), in batched transactions: one multi-row INSERT per table per batch, one audit
 * event per batch. A batch is all or nothing; the first failing one stops the run and is reported
 * with every problem it had. Bodies that already have a submission in the round are refused
 * (`bulk.alreadyFiled`), so a second run of the same data stores nothing. The versions' scoring
 * inputs are stored in the batch's transaction through the `VERSIONS_WRITTEN` port.
 */
@Injectable()
export class BulkIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly peerCorpus: PeerCorpusService,
    private readonly audit: AuditService,
    @Optional()
    @Inject(VERSIONS_WRITTEN)
    private readonly versionsWritten: VersionsWrittenObserver | null = null,
  ) {}

  async ingest(
    actor: Actor | null,
    roundId: string,
    filings: Iterable<BulkFiling>,
    options: { batchSize?: number; onBatch?: (progress: BulkProgress) => void } = {},
  ): Promise<BulkIngestResult> {
    const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 5000));
    const started = performance.now();
    let stored = 0;
    let batches = 0;
    let findings = 0;
    let offset = 0;
    // The write of one batch overlaps the checks of the next (PostgreSQL works while Node checks);
    // a failed write discards the next batch's checks.
    let writing: { promise: Promise<void>; batch: Prepared[]; number: number; t0: number } | null =
      null;
    const settle = async (): Promise<BulkFailure | null> => {
      if (!writing) return null;
      const current = writing;
      writing = null;
      try {
        await current.promise;
      } catch (error) {
        this.forget(roundId, current.batch);
        if (!(error instanceof DomainError)) throw error;
        return failureOf(current.number, current.batch.length, error);
      }
      stored += current.batch.length;
      findings += current.batch.reduce((sum, p) => sum + p.checked.findings.length, 0);
      options.onBatch?.({
        batch: current.number,
        stored,
        batchSize: current.batch.length,
        ms: performance.now() - current.t0,
      });
      return null;
    };
    const flush = async (batch: BulkFiling[]): Promise<BulkFailure | null> => {
      const number = ++batches;
      const t0 = performance.now();
      let prepared: Prepared[];
      try {
        prepared = await this.prepare(roundId, batch, offset);
      } catch (error) {
        const earlier = await settle();
        if (earlier) return earlier;
        if (!(error instanceof DomainError)) throw error;
        return failureOf(number, batch.length, error);
      }
      offset += batch.length;
      const earlier = await settle();
      if (earlier) {
        this.forget(roundId, prepared);
        return earlier;
      }
      const promise = this.dataSource.transaction((manager) =>
        this.write(manager, actor, roundId, prepared, number),
      );
      promise.catch(() => undefined); // observed by settle()
      writing = { promise, batch: prepared, number, t0 };
      return null;
    };
    let batch: BulkFiling[] = [];
    const done = (failure: BulkFailure | null) => ({
      stored,
      batches,
      findings,
      failure,
      ms: performance.now() - started,
    });
    for (const filing of filings) {
      batch.push(filing);
      if (batch.length >= batchSize) {
        const failure = await flush(batch);
        batch = [];
        if (failure) return done(failure);
      }
    }
    if (batch.length > 0) {
      const failure = await flush(batch);
      if (failure) return done(failure);
    }
    return done(await settle());
  }

  /**
   * Lets go of the peer corpora held in memory (a long bulk run over many rounds: each round's is
   * read again from the database when it is next needed).
   */
  releaseCorpora(): void {
    this.peerCorpus.clear();
  }

  /** Versions checked into the round's corpus that will not be stored: re-read them next time. */
  private forget(roundId: string, batch: readonly Prepared[]): void {
    for (const p of batch) this.peerCorpus.changed(roundId, p.organizationId);
  }

  /**
   * Validates and checks one batch (reads only): every refusal of the batch at once, or the
   * versions to store. Refusals are checked again where the database enforces them (the round's
   * status in `write`, one submission per body and round by its unique index).
   */
  private async prepare(
    roundId: string,
    filings: readonly BulkFiling[],
    offset: number,
  ): Promise<Prepared[]> {
    const manager = this.dataSource.manager;
    const round = await manager.findOne(RoundEntity, { where: { id: roundId } });
    if (!round)
      throw badInputs([
        { field: 'roundId', message: 'no such round', reason: { key: 'notFound.round' } },
      ]);
    const scope = await manager.findOneOrFail(OrganizationEntity, {
      where: { id: round.scopeOrganizationId },
    });
    const problems: FieldProblem[] = [];
    const ids = filings.map((f) => f.organizationId);
    const organizations = new Map(
      (await manager.find(OrganizationEntity, { where: { id: In(ids) } })).map((o) => [o.id, o]),
    );
    const existing = new Set(
      (
        (await manager.query(
          'SELECT organization_id FROM submissions WHERE round_id = $1 AND organization_id = ANY($2::uuid[])',
          [round.id, ids],
        )) as { organization_id: string }[]
      ).map((r) => r.organization_id),
    );
    const seen = new Set<string>();
    const reports: (AnnualReport | null)[] = filings.map((filing, i) => {
      const field = `filings[${offset + i}]`;
      const organization = organizations.get(filing.organizationId);
      if (!organization) {
        problems.push({
          field,
          message: `no organization ${filing.organizationId}`,
          reason: { key: 'notFound.organization' },
        });
        return null;
      }
      const refusal = reportingRefusal(round, scope, organization);
      if (refusal) {
        problems.push({
          field,
          message: refusal.message,
          ...(refusal.reason ? { reason: refusal.reason } : {}),
        });
        return null;
      }
      if (existing.has(organization.id) || seen.has(organization.id)) {
        problems.push({
          field,
          message: `${organization.name} already has a submission in the ${round.year} round`,
          reason: {
            key: 'bulk.alreadyFiled',
            params: { organization: organization.name, year: round.year },
          },
        });
        return null;
      }
      seen.add(organization.id);
      const parsed = parseReport(filing.report);
      if (!parsed.ok) {
        for (const e of parsed.errors.slice(0, 3))
          problems.push({
            field: `${field}.report.${e.path}`,
            message: `${organization.name}: ${e.message}`,
            reason: { key: 'submission.badReport' },
          });
        return null;
      }
      if (parsed.report.year !== round.year) {
        problems.push({
          field: `${field}.report.year`,
          message: `${organization.name}: this round collects ${round.year} reports, not ${parsed.report.year}`,
          reason: {
            key: 'round.wrongYear',
            params: { expected: round.year, actual: parsed.report.year },
          },
        });
        return null;
      }
      return parsed.report;
    });
    if (problems.length > 0) throw badInputs(problems);

    // previous-year reports, in one query for the batch
    const previousIds = await previousYearVersionIds(manager, ids, round.year);
    const previousReports = new Map<string, AnnualReport>();
    if (previousIds.size > 0) {
      const rows: { id: string; report: AnnualReport }[] = await manager.query(
        'SELECT id, report FROM submission_versions WHERE id = ANY($1::uuid[])',
        [[...previousIds.values()]],
      );
      for (const row of rows) previousReports.set(row.id, row.report);
    }

    const corpus = await this.peerCorpus.forRound(manager, round);
    const prepared: Prepared[] = [];
    try {
      for (const [i, filing] of filings.entries()) {
        // let the previous batch's transaction go on between checks
        if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
        const report = reports[i]!;
        const previousVersionId = previousIds.get(filing.organizationId) ?? null;
        const previous = previousVersionId
          ? (previousReports.get(previousVersionId) ?? null)
          : null;
        const checked = checkVersion(report, filing.organizationId, previous, corpus);
        const versionId = randomUUID();
        // later filings compare with this one, as they would after its save
        corpus.set(filing.organizationId, versionId, report);
        const submitted = filing.status !== SubmissionStatus.DRAFT ? filing.submittedAt : null;
        const at = (days: number) =>
          submitted ? new Date(submitted.getTime() + days * DAY).toISOString() : null;
        prepared.push({
          submissionId: randomUUID(),
          versionId,
          organizationId: filing.organizationId,
          status: filing.status,
          submittedAt: at(0),
          approvedAt:
            filing.status === SubmissionStatus.APPROVED ||
            filing.status === SubmissionStatus.PUBLISHED
              ? at(5)
              : null,
          publishedAt: filing.status === SubmissionStatus.PUBLISHED ? at(9) : null,
          createdAt: (submitted ?? new Date()).toISOString(),
          report,
          checked,
          previousVersionId,
        });
      }
    } catch (error) {
      for (const filing of filings) this.peerCorpus.changed(round.id, filing.organizationId);
      throw error;
    }
    return prepared;
  }

  /** Stores a prepared batch inside its transaction. */
  private async write(
    manager: EntityManager,
    actor: Actor | null,
    roundId: string,
    rows: readonly Prepared[],
    batchNumber: number,
  ): Promise<void> {
    const round = await manager.findOneOrFail(RoundEntity, {
      where: { id: roundId },
      lock: { mode: 'pessimistic_read' },
    });
    const refusal = reportingRefusal(round, null, null);
    if (refusal) throw refusal;
    try {
      await this.insert(manager, actor, round, rows);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw conflict('a body of the batch filed in this round meanwhile', {
          key: 'bulk.filedMeanwhile',
          params: { year: round.year },
        });
      throw error;
    }
    // what other modules keep per version (scoring inputs), in this transaction
    await this.versionsWritten?.versionsWritten(
      manager,
      rows.map((p) => p.versionId),
    );
    const statuses: Record<string, number> = {};
    for (const p of rows) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
    await this.audit.record(manager, actor, {
      organizationId: round.scopeOrganizationId,
      roundId: round.id,
      action: 'submission.bulkIngest',
      data: { year: round.year, batch: batchNumber, count: rows.length, statuses },
    });
  }

  private async insert(
    manager: EntityManager,
    actor: Actor | null,
    round: RoundEntity,
    rows: readonly Prepared[],
  ): Promise<void> {
    const counted = (p: Prepared) => p.status !== SubmissionStatus.DRAFT;
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
            version_id: p.versionId,
            submitted_version_id: counted(p) ? p.versionId : null,
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
      [
        JSON.stringify(
          rows.map((p) => ({
            id: p.versionId,
            submission_id: p.submissionId,
            report: p.report,
            findings: p.checked.findings,
            summary: p.checked.summary,
            error_count: p.checked.errorCount,
            warning_count: p.checked.warningCount,
            info_count: p.checked.infoCount,
            gap_count: p.checked.gapCount,
            content_hash: p.checked.contentHash,
            previous_year_version_id: p.previousVersionId,
            created_at: p.createdAt,
          })),
        ),
        VersionSource.MANUAL,
        actor?.userId ?? null,
      ],
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
              version_id: p.versionId,
              returned_at: new Date(
                Date.parse(p.submittedAt ?? p.createdAt) + 3 * DAY,
              ).toISOString(),
            })),
          ),
          ReturnKind.RETURN,
          RETURN_REASON,
        ],
      );
  }
}
