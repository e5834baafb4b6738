// The floor's draft save: the statements a `SaveDraft` runs, hand-written on `pg`, with the same
// checks. The work that is the product's own definition — parsing the report, `check()` with
// last year's report and the round's peers (`checkVersion`, `RoundPeerCorpus`) and the scoring
// inputs (`storeVersionInputs`) — is the server's compiled code called as plain functions, so the
// floor does the same work; HTTP, the session, SQL and the transaction are written by hand.
//
// What it leaves out, compared with the server's `saveDraft`: Nest, Apollo and TypeORM; the
// answer is the new revision and the new version's counts, not the page's `SubmissionDetail`
// (versions, comments, returns and files read back); errors are plain HTTP statuses, not
// reasoned `DomainError`s.
import { fromServer } from './lib.mjs';

const { parseReport } = fromServer('@gongkai/report-model');
const { checkVersion, reportContentHash } = fromServer(
  './dist/modules/submissions/version-check.js',
);
const { RoundPeerCorpus } = fromServer('./dist/modules/submissions/peer-corpus.js');
const { storeVersionInputs } = fromServer('./dist/modules/scoring/version-inputs.store.js');

export class FloorRefusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const LOCK = `SELECT s.id, s.revision, s.status::text AS status, s.version_count, s.current_version_id,
       s.submitted_version_id, s.approved_at, s.changes_after_approval, s.round_id,
       s.organization_id, o.path, o.reports, o.active_from_year, o.active_to_year,
       r.year, r.status::text AS round_status, sc.path AS scope_path, cv.content_hash
  FROM submissions s
  JOIN organizations o ON o.id = s.organization_id
  JOIN rounds r ON r.id = s.round_id
  JOIN organizations sc ON sc.id = r.scope_organization_id
  LEFT JOIN submission_versions cv ON cv.id = s.current_version_id
 WHERE s.id = $1
   FOR UPDATE OF s`;

const PREVIOUS = `SELECT v.id, v.report FROM submission_versions v
 WHERE v.id = (SELECT COALESCE(ps.submitted_version_id, ps.current_version_id)
                 FROM submissions ps JOIN rounds pr ON pr.id = ps.round_id
                WHERE ps.organization_id = $1 AND pr.year = $2
                  AND COALESCE(ps.submitted_version_id, ps.current_version_id) IS NOT NULL
                ORDER BY (ps.status IN ('APPROVED', 'PUBLISHED')) DESC, ps.updated_at DESC
                LIMIT 1)`;

const CHANGED = `SELECT now() - interval '10 minutes' AS horizon,
       COALESCE((SELECT json_agg(json_build_array(organization_id,
                          COALESCE(submitted_version_id, current_version_id)))
                   FROM submissions
                  WHERE round_id = $1 AND updated_at >= $2), '[]'::json) AS changed`;

const COUNTING_PROSE = `SELECT s.organization_id, v.id AS version_id, v.report -> 'sections' AS sections
  FROM rounds r
  JOIN organizations scope ON scope.id = r.scope_organization_id
  JOIN organizations o ON o.path LIKE scope.path || '%'
  JOIN submissions s ON s.organization_id = o.id AND s.round_id = r.id
  JOIN submission_versions v ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
 WHERE r.id = $1 AND o.reports
   AND (o.active_from_year IS NULL OR o.active_from_year <= r.year)
   AND (o.active_to_year IS NULL OR o.active_to_year >= r.year)
   AND ($2::uuid[] IS NULL OR o.id = ANY($2::uuid[]))`;

const INSERT_VERSION = `INSERT INTO submission_versions
  (submission_id, number, source, report, findings, summary, error_count, warning_count,
   info_count, gap_count, content_hash, previous_year_version_id, created_by_id)
  VALUES ($1, $2, 'MANUAL', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`;

const UPDATE_SUBMISSION = `UPDATE submissions
    SET current_version_id = $2, version_count = $3, changes_after_approval = $4,
        revision = revision + 1, updated_at = now()
  WHERE id = $1
RETURNING revision`;

const AUDIT = `INSERT INTO audit_events (organization_id, submission_id, round_id, actor_id, action, data)
  VALUES ($1, $2, $3, $4, 'submission.save', $5)`;

/** Each round's peers, kept like the server's `PeerCorpusService` (one process). */
const corpora = new Map();

async function peers(client, roundId, year) {
  let state = corpora.get(roundId);
  if (!state) {
    state = { corpus: new RoundPeerCorpus(year), horizon: null, stale: null };
    const rows = (await client.query(COUNTING_PROSE, [roundId, null])).rows;
    for (const r of rows) state.corpus.set(r.organization_id, r.version_id, r);
    corpora.set(roundId, state);
  }
  const { rows } = await client.query(CHANGED, [roundId, state.horizon ?? '-infinity']);
  const stale = rows[0].changed
    .filter(([org, version]) => state.corpus.versionOf(org) !== version)
    .map(([org]) => org);
  state.horizon = rows[0].horizon;
  if (stale.length > 0) {
    const fresh = (await client.query(COUNTING_PROSE, [roundId, stale])).rows;
    for (const r of fresh) state.corpus.set(r.organization_id, r.version_id, r);
    const found = new Set(fresh.map((r) => r.organization_id));
    for (const id of stale) if (!found.has(id)) state.corpus.delete(id);
  }
  return state.corpus;
}

/** `POST /save {submissionId, expectedRevision, report}` for a bureau actor. */
export async function saveDraft(pool, actor, { submissionId, expectedRevision, report: input }) {
  const parsed = parseReport(input);
  if (!parsed.ok) throw new FloorRefusal(400, 'bad report');
  const report = parsed.report;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const s = (await client.query(LOCK, [submissionId])).rows[0];
    if (!s || !s.path.startsWith(actor.path)) throw new FloorRefusal(404, 'no such submission');
    if (actor.role !== 'BUREAU' && actor.role !== 'ADMIN') throw new FloorRefusal(403, 'role');
    if (s.revision !== expectedRevision) throw new FloorRefusal(409, 'stale revision');
    if (s.status !== 'DRAFT' && s.status !== 'RETURNED')
      throw new FloorRefusal(409, 'not editable');
    const active =
      s.reports &&
      s.path.startsWith(s.scope_path) &&
      (s.active_from_year === null || s.active_from_year <= s.year) &&
      (s.active_to_year === null || s.active_to_year >= s.year);
    if (s.round_status !== 'OPEN' || !active) throw new FloorRefusal(409, 'round not open');
    if (report.year !== s.year) throw new FloorRefusal(400, 'wrong year');
    const contentHash = reportContentHash(report);
    if (s.current_version_id && s.content_hash === contentHash) {
      await client.query('COMMIT');
      return { id: s.id, revision: s.revision, status: s.status };
    }
    const previous = (await client.query(PREVIOUS, [s.organization_id, s.year - 1])).rows[0];
    const corpus = await peers(client, s.round_id, s.year);
    const checked = checkVersion(
      report,
      s.organization_id,
      previous?.report ?? null,
      corpus,
      contentHash,
    );
    const number = s.version_count + 1;
    const { rows } = await client.query(INSERT_VERSION, [
      s.id,
      number,
      JSON.stringify(report),
      JSON.stringify(checked.findings),
      JSON.stringify(checked.summary),
      checked.errorCount,
      checked.warningCount,
      checked.infoCount,
      checked.gapCount,
      contentHash,
      previous?.id ?? null,
      actor.id,
    ]);
    const versionId = rows[0].id;
    await storeVersionInputs((sql, p) => client.query(sql, p).then((r) => r.rows), [versionId]);
    const changes = s.changes_after_approval + (s.approved_at ? 1 : 0);
    const updated = await client.query(UPDATE_SUBMISSION, [s.id, versionId, number, changes]);
    await client.query(AUDIT, [
      s.organization_id,
      s.id,
      s.round_id,
      actor.id,
      JSON.stringify({
        version: number,
        source: 'MANUAL',
        errors: checked.errorCount,
        warnings: checked.warningCount,
      }),
    ]);
    await client.query('COMMIT');
    if (!s.submitted_version_id)
      corpora.get(s.round_id)?.corpus.set(s.organization_id, versionId, report);
    return {
      id: s.id,
      revision: updated.rows[0].revision,
      status: s.status,
      currentVersion: {
        id: versionId,
        number,
        errorCount: checked.errorCount,
        warningCount: checked.warningCount,
        findings: checked.findings,
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
