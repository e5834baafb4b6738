// The floor: a minimal hand-written endpoint over the same database, answering the same reads as
// the review queue's first page and an organization's page, and saving a draft with its checks
// (`floor-save.mjs`), each with the session lookup every real request does, so the load test can
// report the GraphQL server's figures beside what node + pg alone reach on this machine. Not a
// product; only the load tests use it. It runs as its own process (its CPU time is measured
// apart from the load generator's) with a pool of 10 connections, as the server's.
//
//   startFloor(databaseUrl) → { url, pid, stop }
//   POST /queue {roundId}   POST /organization {id}   POST /save {submissionId, expectedRevision, report}
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FloorRefusal, saveDraft } from './floor-save.mjs';
import { fromServer } from './lib.mjs';

const pg = fromServer('pg');
const GOVERNMENT_LEVELS = ['PROVINCE', 'CITY', 'COUNTY'];

const SESSION = `SELECT u.id, u.role, u.organization_id, o.path FROM sessions s
  JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.organization_id
  WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`;

const DEADLINE = `COALESCE(x.deadline, CASE WHEN o.level IN (${GOVERNMENT_LEVELS.map((l) => `'${l}'`).join(',')})
  THEN r.government_deadline ELSE r.department_deadline END)`;

const QUEUE_BASE = `WITH q AS (
  SELECT o.id, o.name, o.code, s.id AS submission_id, s.revision, s.status::text AS submission_status,
         COALESCE(s.status::text, 'NOT_STARTED') AS status, (${DEADLINE})::text AS deadline,
         x.id IS NOT NULL AS extended,
         COALESCE(s.first_submitted_at, now()) >= ((${DEADLINE})::timestamp + interval '1 day') AT TIME ZONE 'Asia/Shanghai' AS late,
         s.last_submitted_at,
         CASE WHEN s.status::text IN ('SUBMITTED','RESUBMITTED')
              THEN floor(extract(epoch FROM now() - s.last_submitted_at) / 86400)::int END AS waiting_days,
         COALESCE(jsonb_array_length(v.findings), 0)::int AS finding_count
    FROM rounds r
    JOIN organizations sc ON sc.id = r.scope_organization_id
    JOIN organizations o ON o.path LIKE sc.path || '%' AND o.reports
     AND (o.active_from_year IS NULL OR o.active_from_year <= r.year)
     AND (o.active_to_year IS NULL OR o.active_to_year >= r.year)
    LEFT JOIN round_extensions x ON x.round_id = r.id AND x.organization_id = o.id
    LEFT JOIN submissions s ON s.round_id = r.id AND s.organization_id = o.id
    LEFT JOIN submission_versions v ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
   WHERE r.id = $1 AND o.path LIKE $2)`;

function sessionId(req) {
  const cookie = /(?:^|;\s*)gongkai_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!cookie) return null;
  try {
    const body = cookie.split('.')[1];
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')).sid;
  } catch {
    return null;
  }
}

async function queue(pool, actor, { roundId }) {
  const scope = `${actor.path}%`;
  const [counts, rows] = await Promise.all([
    pool.query(`${QUEUE_BASE} SELECT status, count(*)::int AS n FROM q GROUP BY status`, [
      roundId,
      scope,
    ]),
    pool.query(`${QUEUE_BASE} SELECT * FROM q ORDER BY deadline::date, id LIMIT 51`, [
      roundId,
      scope,
    ]),
  ]);
  const edges = rows.rows.slice(0, 50).map((r) => ({
    node: {
      id: `${roundId}:${r.id}`,
      status: r.status,
      deadline: r.deadline,
      extended: r.extended,
      late: r.late,
      lastSubmittedAt: r.last_submitted_at,
      waitingDays: r.waiting_days,
      findingCount: r.finding_count,
      decidable: r.status === 'SUBMITTED' || r.status === 'RESUBMITTED',
      organization: { id: r.id, name: r.name, code: r.code },
      submission: r.submission_id
        ? { id: r.submission_id, revision: r.revision, status: r.submission_status }
        : null,
    },
  }));
  return {
    totalCount: counts.rows.reduce((n, c) => n + c.n, 0),
    pageInfo: { hasNextPage: rows.rows.length > 50, endCursor: edges.at(-1)?.node.id ?? null },
    statusCounts: counts.rows.map((c) => ({ status: c.status, count: c.n })),
    edges,
  };
}

async function organization(pool, actor, { id }) {
  const [org, children, subs] = await Promise.all([
    pool.query(
      `SELECT o.id, o.code, o.name, o.level, o.kind, o.peer_group, o.region, o.active_from_year,
              o.active_to_year, p.id AS parent_id, p.name AS parent_name
         FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
        WHERE o.id = $1 AND o.path LIKE $2`,
      [id, `${actor.path}%`],
    ),
    pool.query('SELECT id, name FROM organizations WHERE parent_id = $1 ORDER BY name', [id]),
    pool.query(
      `SELECT s.id, s.status, s.revision, s.first_submitted_at, s.approved_at, s.return_count,
              s.changes_after_approval, s.current_version_id, r.year, r.template, r.department_deadline
         FROM submissions s JOIN rounds r ON r.id = s.round_id
        WHERE s.organization_id = $1 ORDER BY r.year DESC LIMIT 10`,
      [id],
    ),
  ]);
  if (org.rows.length === 0) return null;
  const ids = subs.rows.map((s) => s.id);
  const [versions, current, comments, events] = await Promise.all([
    pool.query(
      `SELECT submission_id, id, number, source, created_at, error_count, warning_count
         FROM submission_versions WHERE submission_id = ANY($1) ORDER BY number`,
      [ids],
    ),
    pool.query('SELECT id, report, findings FROM submission_versions WHERE id = ANY($1)', [
      subs.rows.map((s) => s.current_version_id).filter(Boolean),
    ]),
    pool.query(
      'SELECT submission_id, cell, body, created_at FROM review_comments WHERE submission_id = ANY($1) ORDER BY created_at',
      [ids],
    ),
    pool.query(
      `SELECT submission_id, action, from_status, to_status, reason, created_at
         FROM audit_events WHERE submission_id = ANY($1) ORDER BY created_at`,
      [ids],
    ),
  ]);
  const by = (rows, key) => {
    const m = new Map();
    for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
    return m;
  };
  const versionsOf = by(versions.rows, 'submission_id');
  const commentsOf = by(comments.rows, 'submission_id');
  const eventsOf = by(events.rows, 'submission_id');
  const currentById = new Map(current.rows.map((v) => [v.id, v]));
  const o = org.rows[0];
  return {
    organization: {
      ...o,
      parent: o.parent_id ? { id: o.parent_id, name: o.parent_name } : null,
      children: children.rows,
    },
    submissions: subs.rows.map((s) => ({
      ...s,
      versions: versionsOf.get(s.id) ?? [],
      currentVersion: currentById.get(s.current_version_id) ?? null,
      comments: commentsOf.get(s.id) ?? [],
      auditEvents: eventsOf.get(s.id) ?? [],
    })),
  };
}

async function serve(databaseUrl, poolSize) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const routes = { '/queue': queue, '/organization': organization, '/save': saveDraft };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const route = routes[req.url];
        const sid = sessionId(req);
        if (!route || req.method !== 'POST' || !sid) {
          res.writeHead(404).end();
          return;
        }
        const actor = (await pool.query(SESSION, [sid])).rows[0];
        if (!actor) {
          res.writeHead(401).end();
          return;
        }
        const data = await route(pool, actor, JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      } catch (error) {
        const status = error instanceof FloorRefusal ? error.status : 500;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(String(error.message));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Starts the floor as a child process on the given database. */
export async function startFloor(databaseUrl, { poolSize = 10 } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_POOL: String(poolSize) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /floor at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the floor ended (${code}) before it listened`)));
  });
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      process.kill(child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.FLOOR_DATABASE_URL) {
  const url = await serve(process.env.FLOOR_DATABASE_URL, Number(process.env.FLOOR_POOL ?? 10));
  console.log(`floor at ${url}`);
}
