import type { Severity } from '@gongkai/report-model';
import { type Actor, scopeCondition } from '../../common/actor';
import { cursorBatches, type CursorSource } from '../../database/cursor';
import type { FindingRow } from '../scoring';

/**
 * The ranked organizations whose stored findings the sheet lists, in sheet order, read by
 * position (a national sheet has 120,000: no object per organization is made for them).
 */
export type FindingSources = {
  readonly length: number;
  versionId(position: number): string | null;
  organizationName(position: number): string;
  rank(position: number): number | null;
};

/** Rows fetched per round trip; the next batch is requested while this one is written. */
export const FINDINGS_BATCH = 1000;

type StoredFinding = {
  position: number;
  organization_name: string | null;
  rank: number | null;
  rule: string;
  severity: Severity;
  message: string;
  cells: string[] | null;
};

const UUID_BYTES = 16;

/**
 * The version ids of `sources` as one bytea parameter, 16 bytes each, in order (zeros where
 * there is none: the nil UUID, which no version has). A national sheet's 120,000 ids are 1.9 MB
 * sent as binary; as a uuid[] they were 120,000 strings, a 4.4 MB text literal and its copy.
 */
function versionIdBytes(sources: FindingSources): Buffer {
  const bytes = Buffer.alloc(sources.length * UUID_BYTES);
  for (let i = 0; i < sources.length; i += 1) {
    const id = sources.versionId(i);
    if (id === null) continue;
    const hex = id.replace(/-/g, '');
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`findings: "${id}" is not a version id`);
    bytes.write(hex, i * UUID_BYTES, UUID_BYTES, 'hex');
  }
  return bytes;
}

/**
 * The stored findings of the given organizations' scored versions, one row per finding, in the
 * order of `sources` (and, within a version, as stored), restricted to what the actor may see
 * (as `SubmissionsService.visibleFindings`).
 *
 * One statement over all of them, read through a server-side cursor: the findings are unpacked
 * in the database (only the four fields the sheet shows travel) and the next batch is already
 * on its way while the current one is written, so the database works alongside the writer.
 */
export async function* readFindingRows(
  dataSource: CursorSource,
  actor: Actor,
  sources: FindingSources,
  batch = FINDINGS_BATCH,
): AsyncGenerator<FindingRow> {
  if (sources.length === 0) return;
  const positions = `SELECT g.i AS position, NULL::text AS organization_name, NULL::int AS rank,
         encode(substring($1::bytea FROM g.i * ${UUID_BYTES} + 1 FOR ${UUID_BYTES}), 'hex')::uuid AS id
    FROM generate_series(0, length($1::bytea) / ${UUID_BYTES} - 1) AS g(i)`;
  const statement = { ...findingsStatement(actor, positions, versionIdBytes(sources)), batch };
  yield* readFindings(dataSource, statement, (row) => ({
    organizationName: sources.organizationName(row.position),
    rank: sources.rank(row.position),
  }));
}

/**
 * A findings sheet's statement as plain data (structured-cloneable), so that any thread with a
 * connection can read it (`plannedFindingRows`): the sources' organization names and ranks are
 * columns of the statement.
 */
export type FindingsPlan = {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly batch: number;
};

/** The stored findings of a frozen ranking's organizations, in its rank order (as above). */
export function frozenFindingsPlan(
  actor: Actor,
  snapshotId: string,
  batch = FINDINGS_BATCH,
): FindingsPlan {
  const frozen = `SELECT position, organization_name, rank, version_id AS id
    FROM ranking_snapshot_entries WHERE snapshot_id = $1`;
  return { ...findingsStatement(actor, frozen, snapshotId), batch };
}

/**
 * The stored findings of a population of a stored ranking result (`RankingResultsStore`), in
 * its rank order (as above): `population` is a statement of (organization_id, rank,
 * list_position) reading its parameters from the one jsonb parameter `$1`.
 */
export function resultFindingsPlan(
  actor: Actor,
  population: string,
  parameters: Record<string, unknown>,
  batch = FINDINGS_BATCH,
): FindingsPlan {
  const sources = `SELECT pop.list_position AS position, o.name AS organization_name, pop.rank,
         s.submitted_version_id AS id
    FROM (${population}) pop
    JOIN organization_directory o ON o.id = pop.organization_id
    JOIN submission_states s ON s.round_id = ($1::jsonb ->> 'roundId')::uuid
                      AND s.organization_id = pop.organization_id
   WHERE s.submitted_version_id IS NOT NULL`;
  return { ...findingsStatement(actor, sources, JSON.stringify(parameters)), batch };
}

/** The rows of a findings plan, read through `db` (a cursor on a connection of its own). */
export function plannedFindingRows(
  db: CursorSource,
  plan: FindingsPlan,
): AsyncGenerator<FindingRow> {
  return readFindings(db, plan, (row) => ({
    organizationName: row.organization_name ?? '',
    rank: row.rank,
  }));
}

/** The stored findings of a frozen ranking's organizations, read through `dataSource`. */
export function readFrozenFindingRows(
  dataSource: CursorSource,
  actor: Actor,
  snapshotId: string,
  batch = FINDINGS_BATCH,
): AsyncGenerator<FindingRow> {
  return plannedFindingRows(dataSource, frozenFindingsPlan(actor, snapshotId, batch));
}

/** The stored findings of a population of a stored result, read through `dataSource`. */
export function readResultFindingRows(
  dataSource: CursorSource,
  actor: Actor,
  population: string,
  parameters: Record<string, unknown>,
  batch = FINDINGS_BATCH,
): AsyncGenerator<FindingRow> {
  return plannedFindingRows(dataSource, resultFindingsPlan(actor, population, parameters, batch));
}

/**
 * The statement of the findings of `sources`, which selects (position, organization_name, rank,
 * id) from its one parameter, $1, restricted to what the actor may see.
 */
function findingsStatement(
  actor: Actor,
  sources: string,
  sourcesParam: unknown,
): { sql: string; params: unknown[] } {
  // The access condition of every other read, its one named parameter made positional.
  const condition = scopeCondition(actor, 'o', 'scope');
  const scope = condition.sql.replace(':scope', '$2');
  const sql = `SELECT u.position, u.organization_name, u.rank, f.value->>'rule' AS rule,
              f.value->>'severity' AS severity, f.value->>'message' AS message,
              ARRAY(SELECT jsonb_array_elements_text(f.value->'cells')) AS cells
         FROM (${sources}) u
         JOIN submission_reports v ON v.id = u.id
         JOIN submission_states s ON s.id = v.submission_id
         JOIN organization_directory o ON o.id = s.organization_id
        CROSS JOIN LATERAL jsonb_array_elements(
              CASE WHEN jsonb_typeof(v.findings) = 'array' THEN v.findings ELSE '[]'::jsonb END
            ) WITH ORDINALITY AS f(value, n)
        WHERE ${scope}
        ORDER BY u.position, f.n`;
  return { sql, params: [sourcesParam, ...Object.values(condition.params)] };
}

async function* readFindings(
  dataSource: CursorSource,
  statement: FindingsPlan,
  who: (row: StoredFinding) => { organizationName: string; rank: number | null },
): AsyncGenerator<FindingRow> {
  const { sql, params, batch } = statement;
  for await (const rows of cursorBatches<StoredFinding>(dataSource, sql, params, batch)) {
    for (const row of rows) {
      yield {
        ...who(row),
        rule: row.rule,
        severity: row.severity,
        message: row.message,
        cells: row.cells ?? [],
      };
    }
  }
}
