import type { AnnualReport, Finding } from '@gongkai/report-model';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JobsService } from '../../jobs/jobs.service';
import {
  onSubmissionWrites,
  type VersionsWrittenObserver,
  type WrittenVersion,
} from '../submissions';
import {
  PREVIOUS_TOTALS_SQL,
  REPORT_SQL,
  SAME_PROSE_SQL,
  SKIPPED_SPACE,
  scoredReports,
  type ReportColumns,
} from './scoring-source.reader';
import { INPUTS_VERSION, inputColumns, versionScoringInputs } from './version-inputs';
import { computeWritten } from './version-inputs.memory';

/** One statement's query: an EntityManager's, a QueryRunner's or a DataSource's `query`. */
type Query = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

type VersionRow = ReportColumns & {
  version_id: string;
  submission_id: string;
  organization_id: string;
  round_id: string;
  findings: Finding[];
  previous_version_id: string | null;
  previous_errors: number | null;
  previous_warnings: number | null;
};

/**
 * The versions named in $1 with what their scoring inputs are computed from: the report
 * without prose, findings, and last year's version (the one the cross-year rules compared
 * with, else the previous round's submitted version) as key totals, finding counts and whether
 * its prose and tables equal this year's — the same reading as the ranking source. Each report
 * is decompressed once (`|| '{}'` in a subquery the planner keeps), not once per expression
 * that reads it.
 */
const VERSION_SOURCE_SQL = `
SELECT v.id AS version_id, v.submission_id, s.organization_id, s.round_id,
       ${REPORT_SQL('v')} AS report, v.findings,
       pv.id AS previous_version_id, pv.report IS NOT NULL AS has_previous_report,
       ${SAME_PROSE_SQL.replaceAll('$3', '$2')} AS same_prose,
       v.report->'tables' = pv.report->'tables' AS same_tables,
       ${PREVIOUS_TOTALS_SQL} AS previous_totals,
       pv.error_count AS previous_errors, pv.warning_count AS previous_warnings
  FROM (SELECT id, submission_id, previous_year_version_id, findings, report || '{}'::jsonb AS report
          FROM submission_reports WHERE id = ANY($1::uuid[]) OFFSET 0) v
  JOIN submission_states s ON s.id = v.submission_id
  JOIN round_directory r ON r.id = s.round_id
  LEFT JOIN round_directory pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submission_states ps ON ps.round_id = pr.id AND ps.organization_id = s.organization_id
  LEFT JOIN LATERAL (
       SELECT id, error_count, warning_count, report || '{}'::jsonb AS report
         FROM submission_reports
        WHERE id = COALESCE(v.previous_year_version_id, ps.submitted_version_id) OFFSET 0) pv ON true`;

const ON_CONFLICT = `ON CONFLICT (version_id) DO UPDATE SET
       submission_id = EXCLUDED.submission_id, organization_id = EXCLUDED.organization_id,
       round_id = EXCLUDED.round_id, inputs_version = EXCLUDED.inputs_version,
       statuses = EXCLUDED.statuses, vals = EXCLUDED.vals, error_count = EXCLUDED.error_count,
       warning_count = EXCLUDED.warning_count, key_totals = EXCLUDED.key_totals,
       previous_version_id = EXCLUDED.previous_version_id,
       previous_errors = EXCLUDED.previous_errors,
       previous_warnings = EXCLUDED.previous_warnings, same_prose = EXCLUDED.same_prose,
       same_tables = EXCLUDED.same_tables, staffing = EXCLUDED.staffing,
       flags = EXCLUDED.flags, digest = EXCLUDED.digest, computed_at = now()`;

/** The stored columns of a version's scoring inputs, as both upserts write them. */
const INSERT_INTO = `INSERT INTO version_scoring_inputs (version_id, submission_id, organization_id, round_id,
       inputs_version, statuses, vals, error_count, warning_count, key_totals,
       previous_version_id, previous_errors, previous_warnings, same_prose, same_tables,
       staffing, flags, digest)`;

const UPSERT_SQL = `
${INSERT_INTO}
SELECT x.version_id, x.submission_id, x.organization_id, x.round_id, x.inputs_version,
       x.statuses, x.vals, x.error_count, x.warning_count, x.key_totals,
       x.previous_version_id, x.previous_errors, x.previous_warnings, x.same_prose,
       x.same_tables, x.staffing, x.flags, x.digest
  FROM jsonb_to_recordset($1::jsonb) AS x(version_id uuid, submission_id uuid,
       organization_id uuid, round_id uuid, inputs_version int, statuses smallint[],
       vals float8[], error_count int, warning_count int, key_totals float8[],
       previous_version_id uuid, previous_errors int, previous_warnings int,
       same_prose boolean, same_tables boolean, staffing jsonb, flags jsonb, digest varchar)
${ON_CONFLICT}`;

/** As UPSERT_SQL, for rows computed without their version's ids (read here by primary key). */
const UPSERT_COMPUTED_SQL = `
${INSERT_INTO}
SELECT x.version_id, v.submission_id, s.organization_id, s.round_id, x.inputs_version,
       x.statuses, x.vals, x.error_count, x.warning_count, x.key_totals,
       x.previous_version_id, x.previous_errors, x.previous_warnings, x.same_prose,
       x.same_tables, x.staffing, x.flags, x.digest
  FROM jsonb_to_recordset($1::jsonb) AS x(version_id uuid, inputs_version int,
       statuses smallint[], vals float8[], error_count int, warning_count int,
       key_totals float8[], previous_version_id uuid, previous_errors int,
       previous_warnings int, same_prose boolean, same_tables boolean, staffing jsonb,
       flags jsonb, digest varchar)
  JOIN submission_reports v ON v.id = x.version_id
  JOIN submission_states s ON s.id = v.submission_id
${ON_CONFLICT}`;

/**
 * Computes and stores the scoring inputs of the given versions (two statements, whatever
 * their number), on the connection `query` runs on — inside the caller's transaction.
 */
export async function storeVersionInputs(
  query: Query,
  versionIds: readonly string[],
  onError: (versionId: string, error: unknown) => void = (_, error) => {
    throw error;
  },
): Promise<number> {
  if (versionIds.length === 0) return 0;
  const rows = (await query(VERSION_SOURCE_SQL, [versionIds, SKIPPED_SPACE])) as VersionRow[];
  const records = rows.flatMap((row) => {
    try {
      return [record(row)];
    } catch (error) {
      onError(row.version_id, error);
      return [];
    }
  });
  if (records.length > 0) await query(UPSERT_SQL, [JSON.stringify(records)]);
  return records.length;
}

function record(row: VersionRow): Record<string, unknown> {
  const { report, previous } = scoredReports(row);
  const inputs = versionScoringInputs({
    report: report as AnnualReport,
    findings: row.findings ?? [],
    previousReport: previous,
    previousVersionId: row.previous_version_id,
    previousErrors: row.previous_errors,
    previousWarnings: row.previous_warnings,
    sameProse: row.same_prose,
    sameTables: row.same_tables,
  });
  return {
    version_id: row.version_id,
    submission_id: row.submission_id,
    organization_id: row.organization_id,
    round_id: row.round_id,
    ...inputColumns(inputs),
  };
}

/**
 * Versions whose stored inputs are missing, were computed by an older `INPUTS_VERSION`, or
 * compared with another last year's version than the one they would compare with now (last
 * year's submission was submitted, or submitted again, after the version was stored).
 */
const STALE_SQL = (where: string) => `
SELECT v.id
  FROM submission_reports v
  JOIN submission_states s ON s.id = v.submission_id
  JOIN round_directory r ON r.id = s.round_id
  LEFT JOIN round_directory pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submission_states ps ON ps.round_id = pr.id AND ps.organization_id = s.organization_id
  LEFT JOIN version_scoring_inputs i ON i.version_id = v.id
 WHERE (i.version_id IS NULL OR i.inputs_version <> $1
        OR i.previous_version_id IS DISTINCT FROM COALESCE(v.previous_year_version_id, ps.submitted_version_id))
   AND ${where}`;

/** Up to `limit` versions with stale inputs (see STALE_SQL) after `after` (by id). */
export async function versionsWithoutInputs(
  query: Query,
  limit: number,
  after: string | null = null,
): Promise<string[]> {
  const rows = (await query(
    `${STALE_SQL('($3::uuid IS NULL OR v.id > $3)')} ORDER BY v.id LIMIT $2`,
    [INPUTS_VERSION, limit, after],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * Versions of the next year's round of an organization whose inputs compared with another
 * last year's version than the one submitted now in `roundId`.
 */
async function dependentVersions(
  query: Query,
  roundId: string,
  organizationIds: readonly string[],
): Promise<string[]> {
  const rows = (await query(STALE_SQL('pr.id = $2 AND s.organization_id = ANY($3::uuid[])'), [
    INPUTS_VERSION,
    roundId,
    organizationIds,
  ])) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The rounds and organizations of the given versions' submissions. */
const WRITTEN_SQL = `
SELECT s.round_id, array_agg(DISTINCT s.organization_id) AS organization_ids
  FROM submission_reports v JOIN submission_states s ON s.id = v.submission_id
 WHERE v.id = ANY($1::uuid[])
 GROUP BY s.round_id`;

/**
 * Stores the inputs of versions just written, set-based (a handful of statements for any
 * number): those in `computed` (rows of `computeWritten`, by version id) as given, the others
 * computed from the stored versions; then recomputes next year's versions of the same organizations that compared with
 * another last year's version than the one submitted now. Errors of single versions go to
 * `onError` (the version stays without inputs; the backfill tries again).
 */
export async function storeWrittenVersionInputs(
  query: Query,
  versionIds: readonly string[],
  onError: (versionId: string, error: unknown) => void,
  computed: ReadonlyMap<string, string> = new Map(),
): Promise<number> {
  if (versionIds.length === 0) return 0;
  const known = versionIds.filter((id) => computed.has(id));
  if (known.length > 0)
    await query(UPSERT_COMPUTED_SQL, [
      // each computed row is a JSON object: the version's id goes in front of its keys
      `[${known.map((id) => `{"version_id":${JSON.stringify(id)},${computed.get(id)!.slice(1)}`).join(',')}]`,
    ]);
  const rest = known.length === 0 ? versionIds : versionIds.filter((id) => !computed.has(id));
  let stored = known.length + (await storeVersionInputs(query, rest, onError));
  const written = (await query(WRITTEN_SQL, [versionIds])) as {
    round_id: string;
    organization_ids: string[];
  }[];
  for (const { round_id, organization_ids } of written) {
    const ids = await dependentVersions(query, round_id, organization_ids);
    stored += await storeVersionInputs(query, ids, onError);
  }
  return stored;
}

export const BACKFILL_JOB = 'scoring-inputs-backfill';
const BACKFILL_BATCH = 500;

/**
 * The bulk path's observer (`VERSIONS_WRITTEN`, bound by `ScoringInputsModule`): stores the
 * inputs of a batch's versions in the batch's transaction — those the bulk path computed
 * (`version-inputs.memory.ts`) as given, the others read from the stored versions.
 */
@Injectable()
export class VersionInputsWriter implements VersionsWrittenObserver {
  private readonly logger = new Logger('ScoringInputs');

  /** The inputs of a version the bulk path wrote, from its report in memory. */
  computeWritten(version: WrittenVersion): string | null {
    return computeWritten(version);
  }

  async versionsWritten(
    em: EntityManager,
    versionIds: readonly string[],
    computed?: ReadonlyMap<string, string>,
  ): Promise<void> {
    await storeWrittenVersionInputs(
      manager(em),
      versionIds,
      (versionId, error) =>
        this.logger.error(`scoring inputs of version ${versionId}: ${String(error)}`),
      computed,
    );
  }
}

/**
 * Keeps `version_scoring_inputs` complete: a version's inputs are written in the transaction
 * that inserts the version (the submissions module's `onSubmissionWrites`, so every path through
 * TypeORM is covered),
 * and a pg-boss job computes what is missing or was computed by an older `INPUTS_VERSION`
 * (versions written by plain SQL, rows from before this table, a new computation). The job is
 * sent at start when such versions exist; it works in batches of 500 versions, one transaction
 * each, and sends itself again for the next batch (by version id) until none is left. A
 * second handler recomputes next year's versions when a round's submitted version changes
 * (they compare with it).
 */
@Injectable()
export class VersionInputsStore implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('ScoringInputs');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    onSubmissionWrites(this.dataSource, {
      versionInserted: (manager, id) => this.afterInsert(manager, id),
      submittedVersionChanged: (manager, submission) =>
        this.afterSubmittedVersionChange(manager, submission),
    });
    this.jobs.register({
      name: BACKFILL_JOB,
      handler: async (data) => {
        const after = typeof data.after === 'string' ? data.after : null;
        const last = await this.backfill(BACKFILL_BATCH, after);
        if (last !== null) await this.jobs.send(BACKFILL_JOB, { after: last });
      },
    });
  }

  /** When a round's submitted version changes, next year's versions compare with it. */
  private async afterSubmittedVersionChange(
    entityManager: EntityManager,
    submission: { roundId: string; organizationId: string },
  ): Promise<void> {
    const query = manager(entityManager);
    const ids = await dependentVersions(query, submission.roundId, [submission.organizationId]);
    await storeVersionInputs(query, ids, (versionId, error) =>
      this.logger.error(`scoring inputs of version ${versionId}: ${String(error)}`),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.running) return;
    const missing = await versionsWithoutInputs((sql, p) => this.dataSource.query(sql, p), 1);
    if (missing.length > 0) await this.jobs.send(BACKFILL_JOB, {});
  }

  private async afterInsert(entityManager: EntityManager, id: string): Promise<void> {
    // A version is saved even when its inputs cannot be computed: the backfill tries again.
    await storeVersionInputs(manager(entityManager), [id], (versionId, error) =>
      this.logger.error(`scoring inputs of version ${versionId}: ${String(error)}`),
    );
  }

  /**
   * Computes the stale inputs of up to `limit` versions after `after` (by id) in one
   * transaction; returns the last version looked at when there may be more, else null.
   */
  async backfill(
    limit: number,
    after: string | null = null,
    counted?: { n: number },
  ): Promise<string | null> {
    return this.dataSource.transaction(async (em) => {
      const ids = await versionsWithoutInputs(manager(em), limit, after);
      const done = await storeVersionInputs(manager(em), ids, (versionId, error) =>
        this.logger.error(`scoring inputs of version ${versionId}: ${String(error)}`),
      );
      if (counted) counted.n += done;
      return ids.length === limit ? (ids[ids.length - 1] as string) : null;
    });
  }

  /** Computes every stale input now (tests, tools); returns how many. */
  async backfillAll(): Promise<number> {
    const counted = { n: 0 };
    let after: string | null = null;
    do after = await this.backfill(BACKFILL_BATCH, after, counted);
    while (after !== null);
    return counted.n;
  }
}

function manager(em: EntityManager): Query {
  return (sql, parameters) => em.query(sql, parameters) as Promise<unknown[]>;
}
