import { createHash } from 'node:crypto';
import type { AnnualReport } from '@gongkai/report-model';
import {
  DEFAULT_KEY_TOTALS,
  flagOrdinals,
  peerBandFlagsOf,
  shanghaiEndOfDay,
  timedFlags,
  toShanghaiIso,
  type Flag,
  type FlagId,
  type KeyTotals,
  type RosterSummary,
  type ScoringInput,
  type StaffingFacts,
  type SubmissionStatus,
} from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { effectiveDeadlineSql } from '../rounds';
import type { ResultFlagsPort } from './result-flags.port';

/** What a result's flags are computed from besides the stored inputs (see `fill`). */
export type FlagsKey = {
  readonly roundId: string;
  /** The scoring instant (the fill's; day counts are Asia/Shanghai days, stable within its day). */
  readonly asOf: Date;
  /** Roster summaries of the round's expected organizations that have one. */
  readonly rosters?: ReadonlyMap<string, RosterSummary> | null;
  /** `staffing.rosterNotUpdated`: rosters must have been updated at or after this instant. */
  readonly rosterUpdatedSince?: string | null;
};

const STATUS: Readonly<Record<string, SubmissionStatus>> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  RETURNED: 'returned',
  RESUBMITTED: 'resubmitted',
  APPROVED: 'approved',
  PUBLISHED: 'published',
};

/**
 * What the timed flags read of each organization of a result: its deadline, submission state
 * and dates (the last return from the audit trail, as the ranking source reads it), and of its
 * submitted version's stored inputs the prose staffing facts. $1 result id, $2 round id.
 */
const TIMED_SOURCE_SQL = `
SELECT x.organization_id, x.peer_group, ${effectiveDeadlineSql('r', 'o', 'xt')}::text AS deadline,
       s.status::text AS status, s.first_submitted_at, s.last_submitted_at, ret.returned_at,
       i.version_id IS NOT NULL AS has_report, i.staffing
  FROM ranking_result_rows x
  JOIN round_directory r ON r.id = $2::uuid
  JOIN organization_directory o ON o.id = x.organization_id
  LEFT JOIN round_extension_deadlines xt ON xt.round_id = r.id AND xt.organization_id = o.id
  LEFT JOIN submission_states s ON s.round_id = r.id AND s.organization_id = o.id
  LEFT JOIN version_scoring_inputs i ON i.version_id = s.submitted_version_id
  LEFT JOIN LATERAL (
        SELECT max(a.created_at) AS returned_at
          FROM audit_trail a
         WHERE a.submission_id = s.id AND a.to_status = 'RETURNED'
       ) ret ON s.status = 'RETURNED'
 WHERE x.result_id = $1::uuid
 ORDER BY x.organization_id`;

type TimedSourceRow = {
  organization_id: string;
  peer_group: string;
  deadline: string | null;
  status: string | null;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  returned_at: Date | null;
  has_report: boolean;
  staffing: StaffingFacts | null;
};

/**
 * What the peer-band flags read: the stored key totals of every organization of a result with a
 * submitted version that has them. $1 result id, $2 round id.
 */
const KEY_TOTALS_SQL = `
SELECT x.organization_id, x.peer_group, array_to_json(i.key_totals) AS key_totals
  FROM ranking_result_rows x
  JOIN organization_directory o ON o.id = x.organization_id
  JOIN submission_states s ON s.round_id = $2::uuid AND s.organization_id = o.id
  JOIN version_scoring_inputs i ON i.version_id = s.submitted_version_id
 WHERE x.result_id = $1::uuid AND i.key_totals IS NOT NULL
 ORDER BY x.organization_id`;

/** The version flags stored with the submitted versions' inputs, copied into the result. */
const VERSION_FLAGS_SQL = `
INSERT INTO ranking_result_flags (result_id, organization_id, ordinal, flag_id, severity,
                                  message, message_en, evidence)
SELECT $1::uuid, x.organization_id, (f.value ->> 'ordinal')::int, f.value ->> 'id',
       f.value ->> 'severity', f.value ->> 'message', f.value ->> 'messageEn', f.value -> 'evidence'
  FROM ranking_result_rows x
  JOIN submission_states s ON s.round_id = $2::uuid AND s.organization_id = x.organization_id
  JOIN version_scoring_inputs i ON i.version_id = s.submitted_version_id
 CROSS JOIN LATERAL jsonb_array_elements(i.flags) f
 WHERE x.result_id = $1::uuid
 ORDER BY x.organization_id`;

/** Flags computed here, inserted from parallel arrays. */
const INSERT_SQL = `
INSERT INTO ranking_result_flags (result_id, organization_id, ordinal, flag_id, severity,
                                  message, message_en, evidence)
SELECT $1::uuid, f.organization_id, f.ordinal, f.flag_id, f.severity, f.message, f.message_en,
       f.evidence::jsonb
  FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS f(organization_id, ordinal, flag_id, severity, message, message_en, evidence)`;

/**
 * Organizations whose timed flags are read, computed and written per step (in primary key
 * order). What a step holds dies young: with the whole round read at once a national fill kept
 * some 110 MB alive until its INSERTs, all of it promoted to the old generation and left there
 * as garbage after the fill.
 */
const FLAG_BATCH = 2000;

/**
 * Flags of stored population results (`ranking_result_flags`), filled in the transaction that
 * fills the result and deleted with it, read by the ranking's row readers (`ResultFlagsPort`)
 * and the flag lists. `@gongkai/scoring` computes every flag: what reads only a version
 * (`reportFlags`) is stored with the version's inputs and copied; what reads the instant, the
 * submission's dates or the roster (`timedFlags`) and the peer bands (`peerBandFlagsOf` over the
 * stored key totals) are computed here; `flagOrdinals` orders an organization's flags as
 * `flagAll` does.
 */
@Injectable()
export class ResultFlagsStore implements ResultFlagsPort {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the flags of the result `resultId` (its rows already written) inside `manager`'s transaction. */
  async fill(manager: EntityManager, resultId: string, key: FlagsKey): Promise<number> {
    await manager.query(VERSION_FLAGS_SQL, [resultId, key.roundId]);
    const peerBands = await peerBandFlags(manager, resultId, key.roundId);
    const options = {
      asOf: toShanghaiIso(key.asOf.getTime()),
      rosterUpdatedSince: key.rosterUpdatedSince ?? null,
    };
    // read through a cursor, a step at a time, in the order of the flags' primary key
    await manager.query('SET LOCAL cursor_tuple_fraction = 1');
    await manager.query(`DECLARE timed_flag_sources NO SCROLL CURSOR FOR ${TIMED_SOURCE_SQL}`, [
      resultId,
      key.roundId,
    ]);
    let written = 0;
    for (;;) {
      const rows = (await manager.query(
        `FETCH ${FLAG_BATCH} FROM timed_flag_sources`,
      )) as TimedSourceRow[];
      const columns = flagColumns();
      for (const row of rows) {
        const roster = key.rosters?.get(row.organization_id) ?? null;
        addFlags(columns, timedFlags(timedInput(row, roster), options));
        addFlags(columns, peerBands.get(row.organization_id) ?? []);
      }
      if (columns[0].length > 0) await manager.query(INSERT_SQL, [resultId, ...columns]);
      written += columns[0].length;
      if (rows.length < FLAG_BATCH) break;
    }
    await manager.query('CLOSE timed_flag_sources');
    return written;
  }

  async flagsOf(
    resultId: string,
    organizationIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly Flag[]>> {
    const out = new Map<string, Flag[]>();
    if (organizationIds.length === 0) return out;
    const rows = (await this.dataSource.query(
      `SELECT organization_id, flag_id, severity, message, message_en, evidence
         FROM ranking_result_flags
        WHERE result_id = $1 AND organization_id = ANY($2::uuid[])
        ORDER BY organization_id, ordinal`,
      [resultId, organizationIds],
    )) as FlagRow[];
    for (const row of rows) {
      const flag = toFlag(row);
      const own = out.get(flag.organizationId);
      if (own) own.push(flag);
      else out.set(flag.organizationId, [flag]);
    }
    return out;
  }

  hasFlagSql(alias: string, parameter: string): string {
    return `EXISTS (SELECT 1 FROM ranking_result_flags hf
                     WHERE hf.result_id = ${alias}.result_id
                       AND hf.flag_id = ${parameter}
                       AND hf.organization_id = ${alias}.organization_id)`;
  }

  flagListSql(parameter: string, organization: string): string {
    return `(SELECT string_agg(lf.flag_id || ' ' || lf.severity, ',' ORDER BY lf.ordinal)
               FROM ranking_result_flags lf
              WHERE lf.result_id = ${parameter} AND lf.organization_id = ${organization})`;
  }
}

/** Parallel arrays of `INSERT_SQL` ($2…$8). */
type FlagColumns = [string[], number[], string[], string[], string[], string[], string[]];

function flagColumns(): FlagColumns {
  return [[], [], [], [], [], [], []];
}

/** One organization's flags, ordered as `flagAll` orders them. */
function addFlags(columns: FlagColumns, flags: readonly Flag[]): void {
  const ordinals = flagOrdinals(flags);
  flags.forEach((flag, i) => {
    columns[0].push(flag.organizationId);
    columns[1].push(ordinals[i] as number);
    columns[2].push(flag.id);
    columns[3].push(flag.severity);
    columns[4].push(flag.message);
    columns[5].push(flag.messageEn);
    columns[6].push(JSON.stringify(flag.evidence));
  });
}

/** The peer-band flags of a result's organizations, by organization (bands are round-wide). */
async function peerBandFlags(
  manager: EntityManager,
  resultId: string,
  roundId: string,
): Promise<Map<string, Flag[]>> {
  const rows = (await manager.query(KEY_TOTALS_SQL, [resultId, roundId])) as {
    organization_id: string;
    peer_group: string;
    key_totals: (number | null)[];
  }[];
  const keyTotals: KeyTotals[] = rows.map((row) => ({
    organizationId: row.organization_id,
    peerGroup: row.peer_group,
    totals: row.key_totals,
  }));
  const out = new Map<string, Flag[]>();
  for (const flag of peerBandFlagsOf(keyTotals, { keyTotals: DEFAULT_KEY_TOTALS })) {
    const own = out.get(flag.organizationId);
    if (own) own.push(flag);
    else out.set(flag.organizationId, [flag]);
  }
  return out;
}

/** A row of `ranking_result_flags` as read. */
export type FlagRow = {
  organization_id: string;
  flag_id: string;
  severity: string;
  message: string;
  message_en: string;
  evidence: Flag['evidence'];
};

export function toFlag(row: FlagRow): Flag {
  return {
    id: row.flag_id as FlagId,
    severity: row.severity as Flag['severity'],
    organizationId: row.organization_id,
    message: row.message,
    messageEn: row.message_en,
    evidence: row.evidence,
  };
}

/**
 * What `timedFlags` reads of an organization: deadline, submission facts, roster, and for the
 * prose staffing facts a report holding only them (null without a submitted version, as the
 * package reads an organization without a report).
 */
function timedInput(row: TimedSourceRow, roster: RosterSummary | null): ScoringInput {
  const instant = (value: Date | null) => (value === null ? null : toShanghaiIso(value.getTime()));
  const prose = row.staffing;
  const report = row.has_report
    ? ({
        staffing: {
          dedicatedStaff: prose?.dedicatedStaff ?? null,
          partTimeStaff: prose?.partTimeStaff ?? null,
          leadingGroup: prose?.leadingGroup ?? null,
          trainings: prose?.trainings ?? null,
        },
      } as unknown as AnnualReport)
    : null;
  return {
    organizationId: row.organization_id,
    peerGroup: row.peer_group,
    regionPath: [],
    deadline: row.deadline === null ? null : shanghaiEndOfDay(row.deadline),
    submission:
      row.status === null
        ? null
        : {
            status: STATUS[row.status] ?? 'draft',
            firstSubmittedAt: instant(row.first_submitted_at),
            lastSubmittedAt: instant(row.last_submitted_at),
            returnedAt: instant(row.returned_at),
          },
    report,
    findings: [],
    roster,
  };
}

/**
 * Digest of what the flags read of the rosters (summaries by organization, the update
 * reference), for the result's key: rosters change without a stamp.
 */
export function rosterFlagsDigest(
  rosters: ReadonlyMap<string, RosterSummary> | null | undefined,
  updatedSince: string | null | undefined,
): string {
  const hash = createHash('sha1').update(JSON.stringify(updatedSince ?? null));
  if (rosters) {
    for (const id of [...rosters.keys()].sort()) {
      hash.update(id).update(JSON.stringify(rosters.get(id)));
    }
  }
  return hash.digest('hex');
}
