// A synthetic nation for the overview's measurements, loaded straight into PostgreSQL in SQL
// (generate_series), and the overview page's queries for one province, measured over HTTP.
// Imported by overview.bench.mjs; other benchmarks may import `loadNation` and `measureOverview`.
//
// The nation: a grouping root (全国) → provinces → cities → counties → departments; every body
// but the root reports. One round a year for `years` years scoped at the root (the latest open,
// the others closed); per round ~1 % of bodies hold an extension, ~4–9 % have not submitted
// (some of them with a draft), first submissions spread from three weeks before to ten days
// after each body's deadline; statuses from returned to published. Each submission has one
// version whose findings and counts come from a pool of checked reports; the full report is
// stored for the latest year only (the overview reads only findings and counts; the ranking of
// the latest round reads the reports).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));

/** Sizes: `full` ≈ 120,000 bodies × 7 years; `quick` ≈ 12,000 × 3 for CI. */
export const NATION_SIZES = {
  full: { provinces: 30, cities: 10, counties: 10, departments: 39, years: 7 },
  quick: { provinces: 6, cities: 5, counties: 8, departments: 49, years: 3 },
};

export const BENCH_PASSWORD = 'benchmark-password-1';
const POOL = 200;
const LAST_YEAR = 2024;

/** Checked reports (a third with warnings, some with gaps) to draw versions from. */
function reportPool(model, testing) {
  const pool = [];
  for (let i = 0; i < POOL; i += 1) {
    let report = testing.generateConsistentReport(i + 1, '2021', LAST_YEAR);
    if (i % 3 === 1) {
      report = JSON.parse(JSON.stringify(report));
      report.staffing = { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 };
      report.facts = { ...report.facts, applicationsReceived: 5000 + i };
    }
    const result = model.check(report);
    const json = JSON.stringify(report);
    pool.push([
      i,
      json,
      JSON.stringify(result.findings),
      JSON.stringify(result.summary ?? {}),
      result.findings.filter((f) => f.severity === 'error').length,
      result.findings.filter((f) => f.severity === 'warning').length,
      result.findings.filter((f) => f.severity === 'info').length,
      i % 11 === 0 ? 2 : 0,
      createHash('sha256').update(json).digest('hex'),
    ]);
  }
  return pool;
}

/**
 * Loads the nation through `client` (a connected `pg` client on a migrated, empty database):
 * returns the ids the measurements need and the counts loaded.
 */
export async function loadNation(client, size = NATION_SIZES.full, log = () => undefined) {
  const model = requireServer('@gongkai/report-model');
  const testing = requireServer('@gongkai/report-model/testing');
  const { hash, Algorithm } = requireServer('@node-rs/argon2');
  const { provinces, cities, counties, departments, years } = size;
  const first = LAST_YEAR - years + 1;
  const started = performance.now();
  await client.query('BEGIN');
  await client.query(`
    CREATE TEMP TABLE nation ON COMMIT DROP AS
    WITH nation AS (SELECT gen_random_uuid() AS id),
    p AS (SELECT gen_random_uuid() AS id, p FROM generate_series(1, ${provinces}) p),
    c AS (SELECT gen_random_uuid() AS id, p.id AS parent, p.p, c FROM p, generate_series(1, ${cities}) c),
    k AS (SELECT gen_random_uuid() AS id, c.id AS parent, c.p, c.c, k FROM c, generate_series(1, ${counties}) k)
    SELECT n.id, NULL::uuid AS parent_id, 'nat' AS code, '全国' AS name, 'PROVINCE' AS level,
           '/' || n.id || '/' AS path, false AS reports, NULL::text AS kind
      FROM nation n
    UNION ALL
    SELECT p.id, n.id, 'nat-p' || p.p, '第' || p.p || '省', 'PROVINCE', '/' || n.id || '/' || p.id || '/', true, NULL
      FROM p, nation n
    UNION ALL
    SELECT c.id, c.parent, 'nat-p' || c.p || '-c' || c.c, '第' || c.p || '省第' || c.c || '市', 'CITY',
           '/' || n.id || '/' || c.parent || '/' || c.id || '/', true, NULL
      FROM c, nation n
    UNION ALL
    SELECT k.id, k.parent, 'nat-p' || k.p || '-c' || k.c || '-k' || k.k, '第' || k.c || '市第' || k.k || '县', 'COUNTY',
           '/' || n.id || '/' || pc.parent || '/' || k.parent || '/' || k.id || '/', true, NULL
      FROM k JOIN c pc ON pc.id = k.parent, nation n`);
  await client.query(`
    INSERT INTO nation
    SELECT d.id, d.parent_id, d.code || '-d' || d.n, d.name || '部门' || d.n, 'DEPARTMENT',
           d.path || d.id || '/', true,
           (ARRAY['科技局','教育局','财政局','民政局','卫健委','交通局','水利局','农业农村局'])[1 + d.n % 8]
      FROM (SELECT gen_random_uuid() AS id, k.id AS parent_id, k.code, k.name, k.path, n
              FROM nation k, generate_series(1, ${departments}) n WHERE k.level = 'COUNTY') d`);
  // ~1 % of departments opened in the second year, ~1 % closed after the second-to-last year.
  await client.query(`
    INSERT INTO organizations (id, code, name, level, parent_id, path, kind, reports,
                               active_from_year, active_to_year, revision)
    SELECT id, code, name, level::organization_level, parent_id, path, kind, reports,
           CASE WHEN level = 'DEPARTMENT' AND hashtext(code) % 100 = 1 THEN ${first + 1} END,
           CASE WHEN level = 'DEPARTMENT' AND hashtext(code) % 100 = 2 THEN ${LAST_YEAR - 1} END, 1
      FROM nation ORDER BY length(path)`);
  const nationId = (await client.query(`SELECT id FROM nation WHERE code = 'nat'`)).rows[0].id;
  await client.query(
    `CREATE TEMP TABLE pool (i int, report jsonb, findings jsonb, summary jsonb, errors int,
       warnings int, infos int, gaps int, hash text) ON COMMIT DROP`,
  );
  for (const row of reportPool(model, testing))
    await client.query(`INSERT INTO pool VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, row);
  const rounds = [];
  for (let year = first; year <= LAST_YEAR; year += 1) {
    const latest = year === LAST_YEAR;
    const round = (
      await client.query(
        `INSERT INTO rounds (year, template, scope_organization_id, status, department_deadline,
                             government_deadline, revision)
         VALUES ($1, '2021', $2, $3, $4, $5, 1) RETURNING id`,
        [year, nationId, latest ? 'OPEN' : 'CLOSED', `${year + 1}-01-31`, `${year + 1}-03-31`],
      )
    ).rows[0].id;
    rounds.push({ year, id: round });
    await client.query(
      `INSERT INTO round_extensions (round_id, organization_id, deadline, reason)
       SELECT $1, o.id, CASE WHEN o.level = 'DEPARTMENT' THEN date '${year + 1}-02-14'
                             ELSE date '${year + 1}-04-14' END, '因故延期'
         FROM organizations o
        WHERE o.path LIKE '/' || $2::text || '/%' AND o.reports AND random() < 0.01`,
      [round, nationId],
    );
    // Who submitted when (and who left a draft), in what state.
    const missing = latest ? 0.09 : 0.04;
    await client.query(`DROP TABLE IF EXISTS plan`);
    await client.query(
      `CREATE TEMP TABLE plan ON COMMIT DROP AS
       SELECT o.id AS organization_id, gen_random_uuid() AS submission_id,
              gen_random_uuid() AS version_id, floor(random() * ${POOL})::int AS pool_i,
              CASE WHEN x.r < ${missing} THEN NULL
                   ELSE (CASE WHEN o.level = 'DEPARTMENT' THEN timestamptz '${year + 1}-01-31 12:00+08'
                              ELSE timestamptz '${year + 1}-03-31 12:00+08' END)
                        + (random() * 31 - 21) * interval '1 day' END AS submitted_at,
              x.r < ${missing} AND random() < 0.5 AS draft,
              random() AS s
         FROM organizations o CROSS JOIN LATERAL (SELECT random() AS r, o.id AS k) x
        WHERE o.path LIKE '/' || $1::text || '/%' AND o.reports
          AND (o.active_from_year IS NULL OR o.active_from_year <= ${year})
          AND (o.active_to_year IS NULL OR o.active_to_year >= ${year})`,
      [nationId],
    );
    await client.query(`DELETE FROM plan WHERE submitted_at IS NULL AND NOT draft`);
    await client.query(
      `INSERT INTO submissions (id, round_id, organization_id, status, current_version_id,
                                submitted_version_id, version_count, first_submitted_at,
                                last_submitted_at, approved_at, published_at, revision)
       SELECT submission_id, $1, organization_id, st::submission_status, version_id,
              CASE WHEN submitted_at IS NOT NULL THEN version_id END, 1, submitted_at, submitted_at,
              CASE WHEN st IN ('APPROVED', 'PUBLISHED') THEN submitted_at + interval '5 days' END,
              CASE WHEN st = 'PUBLISHED' THEN submitted_at + interval '9 days' END, 1
         FROM (SELECT *, CASE WHEN submitted_at IS NULL THEN 'DRAFT'
                              WHEN ${latest ? 's < 0.35' : 's < 0.05'} THEN 'SUBMITTED'
                              WHEN ${latest ? 's < 0.42' : 's < 0.06'} THEN 'RETURNED'
                              WHEN ${latest ? 's < 0.47' : 's < 0.07'} THEN 'RESUBMITTED'
                              WHEN ${latest ? 's < 0.85' : 's < 0.30'} THEN 'APPROVED'
                              ELSE 'PUBLISHED' END AS st FROM plan) p`,
      [round],
    );
    await client.query(
      `INSERT INTO submission_versions (id, submission_id, number, source, report, findings, summary,
                                        error_count, warning_count, info_count, gap_count, content_hash)
       SELECT p.version_id, p.submission_id, 1, 'MANUAL', ${latest ? 'b.report' : `'{}'::jsonb`},
              b.findings, b.summary, b.errors, b.warnings, b.infos, b.gaps, b.hash
         FROM plan p JOIN pool b ON b.i = p.pool_i`,
    );
    log(`  loaded ${year}`);
  }
  const supervisor = async (username, name, organizationId) =>
    client.query(
      `INSERT INTO users (username, display_name, password_hash, role, organization_id)
       VALUES ($1, $2, $3, 'SUPERVISOR', $4)`,
      [
        username,
        name,
        await hash(BENCH_PASSWORD, {
          algorithm: Algorithm.Argon2id,
          memoryCost: 19456,
          timeCost: 2,
        }),
        organizationId,
      ],
    );
  const province = (await client.query(`SELECT id FROM organizations WHERE code = 'nat-p1'`))
    .rows[0].id;
  await supervisor('bench-province', '第1省考评', province);
  await supervisor('bench-nation', '全国考评', nationId);
  await client.query('COMMIT');
  // as autovacuum leaves a settled table: statistics, and the visibility map index-only scans read
  await client.query('VACUUM ANALYZE');
  const counts = (
    await client.query(
      `SELECT (SELECT count(*) FROM organizations o WHERE o.reports
                 AND (o.active_from_year IS NULL OR o.active_from_year <= ${LAST_YEAR})
                 AND (o.active_to_year IS NULL OR o.active_to_year >= ${LAST_YEAR}))::int AS bodies,
              (SELECT count(*) FROM submissions)::int AS submissions,
              (SELECT count(*) FROM organizations o
                 WHERE o.path LIKE (SELECT path FROM organizations WHERE id = $1) || '%'
                   AND o.reports AND (o.active_from_year IS NULL OR o.active_from_year <= ${LAST_YEAR})
                   AND (o.active_to_year IS NULL OR o.active_to_year >= ${LAST_YEAR}))::int AS province_bodies`,
      [province],
    )
  ).rows[0];
  return {
    nation: nationId,
    province,
    rounds,
    latestRound: rounds.at(-1).id,
    bodies: counts.bodies,
    provinceBodies: counts.province_bodies,
    submissions: counts.submissions,
    seconds: (performance.now() - started) / 1000,
  };
}

function post(port, body, cookie) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          origin: `http://127.0.0.1:${port}`,
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(300_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export async function signInAs(port, username) {
  const res = await post(port, {
    query: 'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
    variables: { i: { username, password: BENCH_PASSWORD } },
  });
  const cookie = res.headers['set-cookie']
    ?.find((c) => c.startsWith('gongkai_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`sign-in of ${username} failed: ${res.body}`);
  return cookie;
}

/** The overview page's GraphQL documents, read from the web module that sends them. */
function pageDocuments() {
  const documents = new Map();
  for (const file of ['overview.graphql', 'insights.graphql']) {
    const text = readFileSync(
      join(root, 'web', 'src', 'modules', 'overview', 'graphql', file),
      'utf8',
    );
    for (const match of text.matchAll(/^query (\w+)[\s\S]*?^}/gm))
      documents.set(match[1], match[0]);
  }
  return documents;
}

/** A GraphQL request; throws on any error in the answer. */
export async function ask(port, cookie, query, variables) {
  const res = await post(port, { query, variables }, cookie);
  const json = JSON.parse(res.body);
  if (res.status !== 200 || json.errors)
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  return { data: json.data, ms: res.ms };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The overview page of a region as a supervisor opens it: every query the page sends (progress
 * with the sub-regions and their names, the heat-map, findings by rule, the 7-year trend, both
 * ends of the ranking). Each is asked once cold, then `runs` times in turn; then the whole page
 * (all at once, as the browser sends them) `runs` times. Returns p50/p95 per query and for the
 * page (`figure(name, value, unit, target, error)` is called for each; a query that fails gives
 * a null value with its error, and the run goes on).
 */
export async function measureOverview({
  port,
  cookie,
  roundId,
  regionId,
  runs = 30,
  figure,
  label,
}) {
  const docs = pageDocuments();
  const queries = [
    {
      name: 'progress and by sub-region (roundStats)',
      doc: 'RoundStats',
      vars: { roundId, nodeId: regionId },
      target: true,
    },
    {
      name: 'sub-region names',
      doc: 'ChildOrganizations',
      vars: { parentId: regionId },
      target: true,
    },
    {
      name: 'heat-map (flagMatrix)',
      doc: 'FlagMatrix',
      vars: { roundId, regionId, limit: 15 },
      target: true,
    },
    { name: 'findings by rule', doc: 'FindingsByRule', vars: { roundId, regionId }, target: true },
    {
      name: 'trend over the years (roundTrend)',
      doc: 'RoundTrend',
      vars: { regionId, withScores: false },
      target: true,
    },
    {
      name: 'ranking, first 100',
      doc: 'OverviewRanking',
      vars: { input: { roundId, regionId, first: 100 } },
      target: false,
    },
    {
      name: 'ranking, last 100',
      doc: 'OverviewRanking',
      vars: { input: { roundId, regionId, first: 100, fromEnd: true } },
      target: false,
    },
  ];
  const TARGET = 150;
  const results = {};
  for (const q of queries) {
    let cold;
    try {
      cold = await ask(port, cookie, docs.get(q.doc), q.vars);
    } catch (error) {
      // A query that fails is a missed figure, not the end of the run.
      figure(`${label}: ${q.name}, p95`, null, 'ms', q.target ? TARGET : undefined, error.message);
      continue;
    }
    figure(`${label}: ${q.name}, first request`, cold.ms, 'ms');
    const times = [];
    for (let i = 0; i < runs; i += 1)
      times.push((await ask(port, cookie, docs.get(q.doc), q.vars)).ms);
    results[q.name] = { p50: percentile(times, 50), p95: percentile(times, 95), answer: cold.data };
    figure(`${label}: ${q.name}, p50`, results[q.name].p50, 'ms');
    figure(`${label}: ${q.name}, p95`, results[q.name].p95, 'ms', q.target ? TARGET : undefined);
  }
  const page = [];
  const charts = queries.filter((q) => q.target && results[q.name]);
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await Promise.all(charts.map((q) => ask(port, cookie, docs.get(q.doc), q.vars)));
    page.push(performance.now() - started);
  }
  const all = charts.length === queries.filter((q) => q.target).length;
  figure(`${label}: the charts' queries at once, p50`, percentile(page, 50), 'ms');
  figure(
    `${label}: the charts' queries at once, p95`,
    all ? percentile(page, 95) : null,
    'ms',
    TARGET,
    all ? undefined : 'a query of the page failed',
  );
  return results;
}
