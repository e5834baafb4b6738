import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInputs, DomainError } from '../../common/domain-error';
import { AuditService } from '../audit';
import { organizationLookups } from '../organizations';
import { roundLookups } from '../rounds';
import type { CheckItem, IndexedProblem } from './bulk-check';
import { type Checks, followChanges, startChecks } from './bulk-ingest.corpus';
import {
  computeInputsInTurns,
  filingDates,
  nextTurn,
  type PreparedFiling,
  writeBatch,
} from './bulk-ingest.writer';
import type {
  BulkFailure,
  BulkFiling,
  BulkIngestOptions,
  BulkIngestResult,
} from './bulk-ingest.types';
import { PeerCorpusService } from './peer-corpus.service';
import { previousYearVersionIds, reportingRefusal } from './submissions.service';
import { VERSIONS_WRITTEN, type VersionsWrittenObserver } from './versions-written.port';

export type {
  BulkFailure,
  BulkFiling,
  BulkIngestOptions,
  BulkIngestResult,
  BulkProgress,
} from './bulk-ingest.types';

/** Filings taken from the caller's iterable between two turns of the event loop. */
const FILINGS_PER_TURN = 25;

function failureOf(batch: number, count: number, error: DomainError): BulkFailure {
  return { batch, count, message: error.message, problems: error.problems };
}

/**
 * The checks of one ingest, started by its first batch, and the turn of the batches: a batch
 * reads what it needs from the database while the one before it is checked, and is sent to the
 * checks only after that one was (they check in the order sent).
 */
type Session = { checks: Promise<Checks> | null; sent: Promise<void> };

/**
 * Stores many reports at once — a synthetic nation, a migration from another system — through the
 * same validation as a saved draft (`parseReport`, the round and organization checks of
 * `reportingRefusal`, `check()` with the previous-year report and the round's peer corpus, via
 * `checkVersion`), in batched transactions: one multi-row INSERT per table per batch, one audit
 * event per batch. A batch is all or nothing; the first failing one stops the run and is reported
 * with every problem it had. Bodies that already have a submission in the round are refused
 * (`bulk.alreadyFiled`), so a second run of the same data stores nothing. The versions' scoring
 * inputs are stored in the batch's transaction through the `VERSIONS_WRITTEN` port, computed on
 * this thread by the observer's `computeWritten`, if any, while the batch before is written and
 * the next one checked.
 *
 * Three things overlap: this thread reads and writes PostgreSQL (batch k is written while batch
 * k+1 is checked), a worker thread (`bulk-check.worker.ts`) parses, checks and serialises, and
 * PostgreSQL stores. This thread's own computing (the caller's filings, the scoring inputs) is
 * done a few dozen items at a time, with a turn of the event loop between, so PostgreSQL gets
 * a batch's next statement as soon as it has answered the one before. The worker holds the
 * round's peer corpus for the ingest: read once at the start, then per batch the bodies whose
 * counting version changed meanwhile (other sessions' saves) are read again, and each checked
 * report joins it in order — so the findings are those of checking the filings one after
 * another on one thread (`checkThreads: 0`), which is tested.
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
    options: BulkIngestOptions = {},
  ): Promise<BulkIngestResult> {
    const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 5000));
    const threads = options.checkThreads ?? 1;
    const started = performance.now();
    let stored = 0;
    let batches = 0;
    let findings = 0;
    let offset = 0;
    const session: Session = { checks: null, sent: Promise.resolve() };
    type Writing = { promise: Promise<void>; batch: PreparedFiling[]; number: number; t0: number };
    type Checking = {
      promise: Promise<PreparedFiling[]>;
      count: number;
      number: number;
      t0: number;
    };
    let writing: Writing | null = null;
    let checking: Checking | null = null;
    const settle = async (): Promise<BulkFailure | null> => {
      if (!writing) return null;
      const current: Writing = writing;
      writing = null;
      try {
        await current.promise;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return failureOf(current.number, current.batch.length, error);
      }
      stored += current.batch.length;
      findings += current.batch.reduce((sum, p) => sum + p.checked.findingCount, 0);
      options.onBatch?.({
        batch: current.number,
        stored,
        batchSize: current.batch.length,
        ms: performance.now() - current.t0,
      });
      return null;
    };
    // the batch checked last is written once the write before it has committed
    const advance = async (): Promise<BulkFailure | null> => {
      if (!checking) return null;
      const current: Checking = checking;
      checking = null;
      let prepared: PreparedFiling[];
      try {
        prepared = await current.promise;
      } catch (error) {
        const earlier = await settle();
        if (earlier) return earlier;
        if (!(error instanceof DomainError)) throw error;
        return failureOf(current.number, current.count, error);
      }
      // the scoring inputs are computed while the batch before is still being written
      const computing = this.versionsWritten
        ? computeInputsInTurns(this.versionsWritten, prepared)
        : null;
      const earlier = await settle();
      if (earlier) return earlier;
      const promise = this.dataSource.transaction((manager) =>
        writeBatch(
          manager,
          actor,
          roundId,
          prepared,
          current.number,
          this.audit,
          this.versionsWritten,
          computing,
        ),
      );
      promise.catch(() => undefined); // observed by settle()
      writing = { promise, batch: prepared, number: current.number, t0: current.t0 };
      return null;
    };
    // a batch is read and sent to the checks before the one checked before it is written
    const flush = async (batch: BulkFiling[]): Promise<BulkFailure | null> => {
      const number = ++batches;
      const t0 = performance.now();
      const turn = session.sent;
      let sent = () => {};
      session.sent = new Promise((resolve) => (sent = resolve));
      const promise = this.prepare(session, threads, roundId, batch, offset, turn, sent).finally(
        sent,
      );
      promise.catch(() => undefined); // observed by advance()
      offset += batch.length;
      const failure = await advance();
      checking = { promise, count: batch.length, number, t0 };
      return failure;
    };
    const done = (failure: BulkFailure | null): BulkIngestResult => ({
      stored,
      batches: failure ? failure.batch : batches,
      findings,
      failure,
      ms: performance.now() - started,
    });
    try {
      let batch: BulkFiling[] = [];
      for (const filing of filings) {
        batch.push(filing);
        // making the filings (the caller's generator) must not hold up the statements of the
        // batch being written nor the replies of the check thread
        if (batch.length % FILINGS_PER_TURN === 0) await nextTurn();
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
      const failure = await advance();
      if (failure) return done(failure);
      return done(await settle());
    } finally {
      await session.checks?.then(
        (c) => c.port.close(),
        () => undefined,
      );
    }
  }

  /**
   * Validates and checks one batch (reads only): every refusal of the batch at once, or the
   * versions to store. Refusals are checked again where the database enforces them (the round's
   * status in `writeBatch`, one submission per body and round by its unique index).
   */
  private async prepare(
    session: Session,
    threads: 0 | 1,
    roundId: string,
    filings: readonly BulkFiling[],
    offset: number,
    turn: Promise<void>,
    sent: () => void,
  ): Promise<PreparedFiling[]> {
    const manager = this.dataSource.manager;
    const round = await roundLookups.byId(manager, roundId);
    if (!round)
      throw badInputs([
        { field: 'roundId', message: 'no such round', reason: { key: 'notFound.round' } },
      ]);
    const scope = await organizationLookups.byIdOrFail(manager, round.scopeOrganizationId);
    if (!session.checks) {
      session.checks = startChecks(this.dataSource.manager, this.peerCorpus, round, threads);
      session.checks.catch(() => undefined); // observed below, after this batch's reads
    }
    const problems: IndexedProblem[] = [];
    const ids = filings.map((f) => f.organizationId);
    const organizations = new Map(
      (await organizationLookups.byIds(manager, ids)).map((o) => [o.id, o]),
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
    const items: CheckItem[] = [];
    const accepted: BulkFiling[] = [];
    for (const [i, filing] of filings.entries()) {
      const index = offset + i;
      const field = `filings[${index}]`;
      const organization = organizations.get(filing.organizationId);
      if (!organization) {
        problems.push({
          index,
          problem: {
            field,
            message: `no organization ${filing.organizationId}`,
            reason: { key: 'notFound.organization' },
          },
        });
        continue;
      }
      const refusal = reportingRefusal(round, scope, organization);
      if (refusal) {
        problems.push({
          index,
          problem: {
            field,
            message: refusal.message,
            ...(refusal.reason ? { reason: refusal.reason } : {}),
          },
        });
        continue;
      }
      if (existing.has(organization.id) || seen.has(organization.id)) {
        problems.push({
          index,
          problem: {
            field,
            message: `${organization.name} already has a submission in the ${round.year} round`,
            reason: {
              key: 'bulk.alreadyFiled',
              params: { organization: organization.name, year: round.year },
            },
          },
        });
        continue;
      }
      seen.add(organization.id);
      items.push({
        index,
        organizationId: organization.id,
        organizationName: organization.name,
        report: filing.report,
        previous: null,
      });
      accepted.push(filing);
    }

    // previous-year versions (reports as text: parsed by the checks), in one query for the batch
    const previousIds =
      problems.length > 0
        ? new Map<string, string>()
        : await previousYearVersionIds(manager, ids, round.year);
    const previousVersions = new Map<string, NonNullable<CheckItem['previous']>>();
    if (previousIds.size > 0) {
      const rows: { id: string; report: string; error_count: number; warning_count: number }[] =
        await manager.query(
          `SELECT id, report::text AS report, error_count, warning_count
             FROM submission_versions WHERE id = ANY($1::uuid[])`,
          [[...previousIds.values()]],
        );
      for (const row of rows)
        previousVersions.set(row.id, {
          versionId: row.id,
          report: row.report,
          errorCount: row.error_count,
          warningCount: row.warning_count,
        });
    }
    const checks = await session.checks;
    await turn;
    await followChanges(this.dataSource.manager, this.peerCorpus, checks, round);
    const checking = checks.port.check({
      year: round.year,
      check: problems.length === 0,
      items: items.map((item) => {
        const previousId = previousIds.get(item.organizationId);
        return {
          ...item,
          previous: previousId ? (previousVersions.get(previousId) ?? null) : null,
        };
      }),
    });
    sent();
    const outcome = await checking;
    const all = [...problems, ...outcome.problems].sort((a, b) => a.index - b.index);
    if (all.length > 0) throw badInputs(all.map((p) => p.problem));
    return items.map(({ organizationId }, i) => {
      const filing = accepted[i]!;
      const checked = outcome.checked[i]!;
      checks.held.set(organizationId, checked.versionId);
      return {
        submissionId: randomUUID(),
        organizationId,
        status: filing.status,
        ...filingDates(filing.status, filing.submittedAt),
        previousVersionId: previousIds.get(organizationId) ?? null,
        previous: (() => {
          const id = previousIds.get(organizationId);
          return id ? (previousVersions.get(id) ?? null) : null;
        })(),
        checked,
      };
    });
  }
}
