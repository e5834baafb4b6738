import { inSubtreeSql } from '../rounds';
import { INPUTS_SQL } from './current-inputs.reader';
import { POPULATION_SQL, type StoredPopulation } from './ranking-results.store';

/**
 * An instant (a `timestamptz` expression) as `toShanghaiIso` writes it: ISO-8601 at +08:00 to
 * the millisecond (the fraction floored, as the driver's `Date` holds it). A fixed offset, like
 * the package's: not `Asia/Shanghai`, whose rules had summer time in 1986–1991.
 */
export function shanghaiIsoSql(instant: string): string {
  return `to_char((${instant}) AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"')`;
}

/** A text expression as `JSON.stringify` writes it (`null` for NULL). */
function jsonTextSql(text: string): string {
  return `COALESCE(to_json(${text})::text, 'null')`;
}

/** The fields of an `InputRef` as SQL expressions (text, except `regionPath`: text[]). */
export type InputRefSql = {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly regionName: string;
  readonly regionPath: string;
  readonly peerGroup: string;
  readonly departmentType: string;
  readonly deadline: string;
  readonly status: string;
  readonly firstSubmittedAt: string;
  readonly lastSubmittedAt: string;
  readonly returnedAt: string;
  readonly versionId: string;
  readonly previousVersionId: string;
};

/**
 * The text `canonicalRef` gives for those fields without a roster (`roster: null`): keys in
 * JavaScript's order, strings escaped as `JSON.stringify` escapes them (which is how `to_json`
 * escapes them). Ids, instants, the deadline and the status need no escaping and are quoted as
 * they are.
 */
export function canonicalRefSql(f: InputRefSql): string {
  const quoted = (text: string) => `COALESCE('"' || ${text} || '"', 'null')`;
  return [
    `'{"deadline":' || ${quoted(f.deadline)}`,
    `',"departmentType":' || ${jsonTextSql(f.departmentType)}`,
    `',"firstSubmittedAt":' || ${quoted(f.firstSubmittedAt)}`,
    `',"lastSubmittedAt":' || ${quoted(f.lastSubmittedAt)}`,
    `',"organizationId":' || ${quoted(f.organizationId)}`,
    `',"organizationName":' || ${jsonTextSql(f.organizationName)}`,
    `',"peerGroup":' || ${jsonTextSql(f.peerGroup)}`,
    `',"previousVersionId":' || ${quoted(f.previousVersionId)}`,
    `',"regionName":' || ${jsonTextSql(f.regionName)}`,
    `',"regionPath":' || to_json(${f.regionPath})::text`,
    `',"returnedAt":' || ${quoted(f.returnedAt)}`,
    `',"roster":null,"status":' || ${jsonTextSql(f.status)}`,
    `',"versionId":' || ${quoted(f.versionId)} || '}'`,
  ].join('\n    || ');
}

/**
 * `refDigest` of a reference's canonical text (`canonicalRefSql`), computed by PostgreSQL: SHA-1
 * (pgcrypto) written as unpadded base64url. `frozen-rows-sql.test.ts` holds it equal to
 * `refDigest` on random references.
 */
export function refDigestSql(canonical: string): string {
  return `translate(rtrim(encode(digest(${canonical}, 'sha1'), 'base64'), '='), '+/', '-_')`;
}

/** The fields of an `InputRef` as columns of `STAGE_ROWS_SQL`'s inner statement (alias `f`). */
const STAGED_FIELDS: InputRefSql = {
  organizationId: 'f.organization_id',
  organizationName: 'f.organization_name',
  regionName: 'f.region_name',
  regionPath: 'f.region_path',
  peerGroup: 'f.peer_group',
  departmentType: 'f.department_type',
  deadline: 'f.deadline',
  status: 'f.status',
  firstSubmittedAt: 'f.first_submitted_at',
  lastSubmittedAt: 'f.last_submitted_at',
  returnedAt: 'f.returned_at',
  versionId: 'f.version_id',
  previousVersionId: 'f.previous_version_id',
};

/** `INPUTS_SQL` without its final `ORDER BY`: the staged rows are not read in that order. */
const UNORDERED_INPUTS_SQL = (() => {
  const unordered = INPUTS_SQL.replace(/\s+ORDER BY o\.id\s*$/, '');
  if (unordered === INPUTS_SQL) throw new Error('INPUTS_SQL no longer ends with ORDER BY o.id');
  return unordered;
})();

/**
 * The transaction's table of a population's members in a stored result (`freeze_members`,
 * dropped at commit; $1 result id, $2 region path pattern, $3 peer group, null = all): place in
 * the result's list order, rank, tie and score. The caller analyzes it: right after a fill the
 * result's rows have no statistics yet, and the staging statement joins it with a hash join
 * only when it knows its size (an estimate of one row made it a nested loop that read all the
 * members again for each one).
 */
export function stageMembersSql(population: StoredPopulation): string {
  return `CREATE TEMP TABLE freeze_members ON COMMIT DROP AS ${membersSql(population)}`;
}

/**
 * Each member of a population's inputs (`INPUTS_SQL`: $1 round, $2 region path, $3 peer group,
 * $4 null) with its `InputRef` without roster as jsonb (`input`) and its digest, and the fields
 * of its snapshot row the same joins give — names, region name, department kind, submission
 * status and first submission (as `toShanghaiIso`) —, its path and peer group, and whether the
 * roster module may summarise a roster for it (`rostered`; the summaries are added afterwards).
 * The canonical text is built once per member (a lateral subquery kept apart by `OFFSET 0`),
 * hashed, and read as the stored jsonb. What a freeze stages (`STAGE_ROWS_SQL`) and what is kept
 * ahead of it (`round_input_ref_rows`, `KEEP_INPUT_REFS_SQL`).
 */
const INPUT_REFS_SQL = `
SELECT f.id AS organization_id, f.path, f.peer_group, f.version_id::uuid AS version_id, f.rostered,
       ${refDigestSql('c.canonical')} AS input_digest, c.canonical::jsonb AS input,
       f.organization_name::text AS organization_name, f.region_name::text AS region_name,
       f.department_type::text AS department_type, f.status, f.first_submitted_at
  FROM (SELECT i.id, i.id::text AS organization_id, i.name AS organization_name, i.path,
               i.parent_name AS region_name,
               array_remove(string_to_array(i.path, '/'), '') AS region_path,
               i.peer_group, i.kind AS department_type,
               i.deadline || 'T23:59:59.999+08:00' AS deadline, i.status,
               ${shanghaiIsoSql('i.first_submitted_at')} AS first_submitted_at,
               ${shanghaiIsoSql('i.last_submitted_at')} AS last_submitted_at,
               ${shanghaiIsoSql('i.returned_at')} AS returned_at,
               i.version_id::text AS version_id,
               i.previous_version_id::text AS previous_version_id, i.rostered
          FROM (${UNORDERED_INPUTS_SQL}) i) f
  CROSS JOIN LATERAL (SELECT ${canonicalRefSql(STAGED_FIELDS)} AS canonical OFFSET 0) c`;

/** The columns of `freeze_inputs` (`STAGE_ROWS_SQL`), from the inputs `f` and the joins below. */
const STAGED_COLUMNS = `f.organization_id, f.version_id, f.rostered, f.input_digest, f.input,
       f.organization_name, f.region_name, f.department_type, f.status,
       f.first_submitted_at, m.organization_id IS NOT NULL AS member, m.list_position,
       m.peer_group AS ranked_peer_group, m.rank, m.tied, m.score, prev.rank AS previous_rank,
       COALESCE(fl.flags, '[]'::jsonb) AS flags`;

/**
 * The transaction's table of the flags of a population's members in a stored result
 * (`freeze_flags`, dropped at commit; $1 result id, $2 the Chinese labels by id, $3 whether rows
 * carry flags): each flagged member's `{id, severity, labelZh}` in the result's order, for the
 * staged members (`stageMembersSql`) only. The caller analyzes it, as it does the members: the
 * staging statement then joins it by hash, where a lookup along the flags' primary key for each
 * member cost a quarter of the staging of 120,000 members.
 */
export const STAGE_FLAGS_SQL = `
CREATE TEMP TABLE freeze_flags ON COMMIT DROP AS
SELECT rf.organization_id,
       jsonb_agg(jsonb_build_object('id', rf.flag_id, 'severity', rf.severity,
                                    'labelZh', $2::jsonb ->> rf.flag_id)
                 ORDER BY rf.ordinal) AS flags
  FROM ranking_result_flags rf
 WHERE rf.result_id = $1 AND $3::boolean
   AND rf.organization_id IN (SELECT organization_id FROM freeze_members)
 GROUP BY rf.organization_id`;

/**
 * What `freeze_inputs` joins to each member's inputs (`f`): the staged members
 * (`stageMembersSql`; `member` false when the result does not hold it) — place, rank, tie and
 * score —, last year's rank ($5 last year's snapshot, null = none) and the staged flags
 * (`STAGE_FLAGS_SQL`).
 */
const STAGED_JOINS = `
  LEFT JOIN freeze_members m ON m.organization_id = f.organization_id
  LEFT JOIN ranking_snapshot_rows prev
    ON prev.snapshot_id = $5::uuid AND prev.organization_id = f.organization_id
  LEFT JOIN freeze_flags fl ON fl.organization_id = f.organization_id`;

/**
 * The transaction's table of what a freeze writes (`freeze_inputs`, dropped at commit), built by
 * one statement: each member's inputs read now (`INPUT_REFS_SQL`: $1 round, $2 region path, $3
 * peer group, $4 null) with the staged members, last year's ranks and the flags
 * (`STAGED_JOINS`, $5).
 */
export const STAGE_ROWS_SQL = `
CREATE TEMP TABLE freeze_inputs ON COMMIT DROP AS
SELECT ${STAGED_COLUMNS}
  FROM (${INPUT_REFS_SQL}) f${STAGED_JOINS}`;

/**
 * `freeze_inputs` as `STAGE_ROWS_SQL` stages it, each member's inputs read from those kept for
 * the round (`round_input_ref_rows`): $1 round, $2 region path, $3 peer group (null = all), $4
 * the change counters the freeze read (`ROUND_STAMPS_SQL`) — nothing is staged unless the kept
 * set was computed under them —, $5 last year's snapshot.
 */
export const STAGE_KEPT_ROWS_SQL = `
CREATE TEMP TABLE freeze_inputs ON COMMIT DROP AS
SELECT ${STAGED_COLUMNS}
  FROM (SELECT k.* FROM round_input_ref_rows k
         WHERE k.round_id = $1 AND ${inSubtreeSql('k', '$2::text')}
           AND ($3::text IS NULL OR k.peer_group = $3)
           AND EXISTS (SELECT 1 FROM round_input_refs h WHERE h.round_id = $1 AND h.stamps = $4)) f${STAGED_JOINS}`;

/**
 * Keeps the inputs of a round's organizations (`INPUT_REFS_SQL`: $1 round, $2 the round scope's
 * path, $3 and $4 null) in the round's kept set (`round_input_refs`, written just before).
 */
export const KEEP_INPUT_REFS_SQL = `
INSERT INTO round_input_ref_rows (round_id, organization_id, path, peer_group, version_id,
  rostered, input_digest, input, organization_name, region_name, department_type, status,
  first_submitted_at)
SELECT $1::uuid, i.organization_id, i.path, i.peer_group, i.version_id, i.rostered,
       i.input_digest, i.input, i.organization_name, i.region_name, i.department_type, i.status,
       i.first_submitted_at
  FROM (${INPUT_REFS_SQL}) i`;

/**
 * `inputsHash` of the staged inputs (`InputsHasher`: SHA-256 of `<id>:<digest>\n` in organization
 * id order, hex) and how many there are.
 */
export const STAGED_HASH_SQL = `
SELECT count(*)::int AS count,
       encode(sha256(convert_to(COALESCE(string_agg(organization_id::text || ':' || input_digest || E'\\n',
                                                    '' ORDER BY organization_id), ''), 'UTF8')), 'hex') AS hash
  FROM freeze_inputs`;

/**
 * The members of a population of a stored result with their place, rank, tie and score as the
 * ranking shows them ($1 result id, $2 region path pattern, $3 peer group, null = all): the
 * round's and its peer groups' stored ranks, or a region subtree ranked among itself.
 */
function membersSql(population: StoredPopulation): string {
  if (population === 'round')
    return `SELECT x.organization_id, x.peer_group, x.cents / 100::float8 AS score, x.rank,
                   x.tied, x.list_position
              FROM ranking_result_rows x
             WHERE x.result_id = $1 AND $2::text IS NOT NULL AND $3::text IS NULL`;
  if (population === 'peerGroup')
    return `SELECT x.organization_id, x.peer_group, x.cents / 100::float8 AS score,
                   x.peer_rank AS rank, x.peer_tied AS tied, x.peer_position AS list_position
              FROM ranking_result_rows x
             WHERE x.result_id = $1 AND $2::text IS NOT NULL AND x.peer_group = $3`;
  return POPULATION_SQL;
}

/**
 * What the points of a population's members are computed from ($1 result id, $2 region path
 * pattern, $3 peer group, null = all): the stored statuses and normalised values (points do not
 * depend on the raw values nor on the population).
 */
export const MEASURES_SQL = `
SELECT x.organization_id, x.peer_group, x.statuses::text AS statuses, x.norms::text AS norms
  FROM ranking_result_rows x
 WHERE x.result_id = $1 AND x.path LIKE $2 AND ($3::text IS NULL OR x.peer_group = $3)`;

/** The columns of a snapshot's rows `INSERT_ROWS_SQL` writes, and what they are written from. */
const INSERTED_COLUMNS = `snapshot_id, position, organization_id, organization_name,
  region_name, peer_group, department_type, rank, tied, score, points, flags, status,
  first_submitted_at, previous_rank, rank_change, version_id, input_digest, input`;
const INSERTED_VALUES = `$1::uuid, (row_number() OVER (ORDER BY i.list_position) - 1)::int, i.organization_id,
       i.organization_name, i.region_name, i.ranked_peer_group, i.department_type, i.rank,
       i.tied, i.score, fp.points, i.flags, i.status, i.first_submitted_at, i.previous_rank,
       i.previous_rank - i.rank, i.version_id, i.input_digest, i.input`;

/**
 * Writes a snapshot's rows in one statement ($1 the snapshot) from the staged members
 * (`STAGE_ROWS_SQL`) and their points (`freeze_points`), numbered 0-based in the result's list
 * order. A member without points is not written (the caller counts).
 */
export const INSERT_ROWS_SQL = `
WITH written AS (
INSERT INTO ranking_snapshot_rows (${INSERTED_COLUMNS})
SELECT ${INSERTED_VALUES}
  FROM freeze_inputs i
  JOIN freeze_points fp ON fp.organization_id = i.organization_id
 WHERE i.member
RETURNING 1)
SELECT count(*)::int AS n FROM written`;

/**
 * `INSERT_ROWS_SQL` with the points kept for the result ($2, `ranking_result_points`) instead
 * of those the freeze staged.
 */
export const INSERT_ROWS_KEPT_POINTS_SQL = `
WITH written AS (
INSERT INTO ranking_snapshot_rows (${INSERTED_COLUMNS})
SELECT ${INSERTED_VALUES}
  FROM freeze_inputs i
  JOIN ranking_result_points fp ON fp.result_id = $2::uuid AND fp.organization_id = i.organization_id
 WHERE i.member
RETURNING 1)
SELECT count(*)::int AS n FROM written`;
