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
 * The transaction's table of what a freeze writes (`freeze_inputs`, dropped at commit), built by
 * one statement: each member of the population's inputs (`INPUTS_SQL`: $1 round, $2 region
 * path, $3 peer group, $4 null) with its `InputRef` and digest, without rosters (`rostered`
 * marks the members whose roster the roster module may summarise, added afterwards), and every
 * field of its snapshot row but the points and the place, from the same joins — names, region
 * names, department kinds, submission status and first submission (as `toShanghaiIso`) — and
 * from the staged members (`stageMembersSql`; `member` false when the result does not hold it):
 * place, rank, tie and score; last year's rank ($6 last year's snapshot, null = none) and the
 * flags of the result ($5; `{id, severity, labelZh}` in the result's order, $7 the Chinese
 * labels by id, $8 whether rows carry flags; each member's read along the flags' primary key,
 * for the same reason as the members are analyzed). The canonical text is built once per member
 * (a lateral subquery kept apart by `OFFSET 0`), hashed, and read as the stored jsonb.
 */
export const STAGE_ROWS_SQL = `
CREATE TEMP TABLE freeze_inputs ON COMMIT DROP AS
SELECT f.id AS organization_id, f.version_id::uuid AS version_id, f.rostered,
       ${refDigestSql('c.canonical')} AS input_digest, c.canonical::jsonb AS input,
       f.organization_name, f.region_name, f.department_type, f.status,
       f.first_submitted_at, m.organization_id IS NOT NULL AS member, m.list_position,
       m.peer_group AS ranked_peer_group, m.rank, m.tied, m.score, prev.rank AS previous_rank,
       COALESCE(fl.flags, '[]'::jsonb) AS flags
  FROM (SELECT i.id, i.id::text AS organization_id, i.name AS organization_name,
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
  CROSS JOIN LATERAL (SELECT ${canonicalRefSql(STAGED_FIELDS)} AS canonical OFFSET 0) c
  LEFT JOIN freeze_members m ON m.organization_id = f.id
  LEFT JOIN ranking_snapshot_rows prev
    ON prev.snapshot_id = $6::uuid AND prev.organization_id = f.id
  LEFT JOIN LATERAL (SELECT jsonb_agg(jsonb_build_object('id', rf.flag_id, 'severity', rf.severity,
                                                         'labelZh', $7::jsonb ->> rf.flag_id)
                                      ORDER BY rf.ordinal) AS flags
                       FROM ranking_result_flags rf
                      WHERE rf.result_id = $5 AND rf.organization_id = f.id
                        AND $8::boolean) fl ON true`;

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

/**
 * Writes a snapshot's rows in one statement ($1 the snapshot) from the staged members
 * (`STAGE_ROWS_SQL`) and their points (`freeze_points`), numbered 0-based in the result's list
 * order. A member without points is not written (the caller counts).
 */
export const INSERT_ROWS_SQL = `
WITH written AS (
INSERT INTO ranking_snapshot_rows (snapshot_id, position, organization_id, organization_name,
  region_name, peer_group, department_type, rank, tied, score, points, flags, status,
  first_submitted_at, previous_rank, rank_change, version_id, input_digest, input)
SELECT $1::uuid, (row_number() OVER (ORDER BY i.list_position) - 1)::int, i.organization_id,
       i.organization_name, i.region_name, i.ranked_peer_group, i.department_type, i.rank,
       i.tied, i.score, fp.points, i.flags, i.status, i.first_submitted_at, i.previous_rank,
       i.previous_rank - i.rank, i.version_id, i.input_digest, i.input
  FROM freeze_inputs i
  JOIN freeze_points fp ON fp.organization_id = i.organization_id
 WHERE i.member
RETURNING 1)
SELECT count(*)::int AS n FROM written`;
