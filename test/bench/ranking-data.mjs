// The national data the ranking benchmarks load: 120,000 organizations (1 province, 10 cities,
// 120 counties × 1,000 departments) with submissions drawn from a pool of checked reports,
// bulk-loaded by SQL into a migrated database.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const pg = requireServer('pg');
const { hash, Algorithm } = requireServer('@node-rs/argon2');
const model = requireServer('@gongkai/report-model');
const testing = requireServer('@gongkai/report-model/testing');

const CITIES = 10;
const COUNTIES_PER_CITY = 12;
// BENCH_DEPARTMENTS=100 loads a tenth of the nation (12,000 organizations).
const DEPARTMENTS_PER_COUNTY = Number(process.env.BENCH_DEPARTMENTS ?? 1000);
export const ORGANIZATIONS = CITIES * COUNTIES_PER_CITY * DEPARTMENTS_PER_COUNTY;
const POOL = 200;
export const PASSWORD = 'benchmark-password-1';

/** A pool of reports with their stored findings: most clean, some with warnings. */
function reportPool() {
  const pool = [];
  for (let i = 0; i < POOL; i += 1) {
    let report = testing.generateConsistentReport(i + 1, '2021', 2023);
    if (i % 3 === 1) {
      report = JSON.parse(JSON.stringify(report));
      report.staffing = { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 };
      report.facts = { ...report.facts, applicationsReceived: 5000 + i };
    }
    const result = model.check(report);
    const json = JSON.stringify(report);
    pool.push({
      i,
      report: json,
      findings: JSON.stringify(result.findings),
      summary: JSON.stringify(result.summary ?? {}),
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      infos: result.findings.filter((f) => f.severity === 'info').length,
      hash: createHash('sha256').update(json).digest('hex'),
    });
  }
  return pool;
}

export async function load(url) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await loadWith(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function loadWith(client) {
  const started = performance.now();
  await client.query('BEGIN');
  // Hierarchy: ids first, then paths from the parents' paths.
  await client.query(`
    CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
    WITH province AS (SELECT gen_random_uuid() AS id),
    cities AS (SELECT gen_random_uuid() AS id, c FROM generate_series(1, ${CITIES}) c),
    counties AS (
      SELECT gen_random_uuid() AS id, cities.id AS parent_id, cities.c, k
        FROM cities, generate_series(1, ${COUNTIES_PER_CITY}) k)
    SELECT p.id, NULL::uuid AS parent_id, 'bench-p' AS code, '某省' AS name, 'PROVINCE' AS level,
           '/' || p.id || '/' AS path, NULL::text AS kind
      FROM province p
    UNION ALL
    SELECT c.id, p.id, 'bench-c' || c.c, '第' || c.c || '市', 'CITY',
           '/' || p.id || '/' || c.id || '/', NULL
      FROM cities c, province p
    UNION ALL
    SELECT k.id, k.parent_id, 'bench-k' || k.c || '-' || k.k, '第' || k.c || '市第' || k.k || '县', 'COUNTY',
           '/' || p.id || '/' || k.parent_id || '/' || k.id || '/', NULL
      FROM counties k, province p`);
  await client.query(`
    INSERT INTO bench_orgs
    SELECT d.id, d.parent_id, d.code || '-' || d.n, d.name || '部门' || d.n, 'DEPARTMENT', d.path || d.id || '/',
           (ARRAY['科技局','教育局','财政局','民政局','卫健委','交通局','水利局','农业农村局'])[1 + d.n % 8]
      FROM (SELECT gen_random_uuid() AS id, k.id AS parent_id, k.code, k.name, k.path, n
              FROM bench_orgs k, generate_series(1, ${DEPARTMENTS_PER_COUNTY}) n
             WHERE k.level = 'COUNTY') d`);
  await client.query(`
    INSERT INTO organizations (id, code, name, level, parent_id, path, kind, reports, revision)
    SELECT id, code, name, level::organization_level, parent_id, path, kind, level = 'DEPARTMENT', 1
      FROM bench_orgs ORDER BY length(path)`);
  const province = (await client.query(`SELECT id FROM bench_orgs WHERE level = 'PROVINCE'`))
    .rows[0].id;
  const round = (
    await client.query(
      `INSERT INTO rounds (year, template, scope_organization_id, status, department_deadline, government_deadline, revision)
       VALUES (2023, '2021', $1, 'OPEN', '2024-01-31', '2024-03-31', 1) RETURNING id`,
      [province],
    )
  ).rows[0].id;
  // The report pool, then one submission and submitted version per department (97 % submitted,
  // first submissions spread from three weeks before to two weeks after the deadline).
  await client.query(`CREATE TEMP TABLE bench_pool (i int, report jsonb, findings jsonb, summary jsonb,
    errors int, warnings int, infos int, hash text) ON COMMIT DROP`);
  const pool = reportPool();
  for (const p of pool) {
    await client.query(`INSERT INTO bench_pool VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      p.i,
      p.report,
      p.findings,
      p.summary,
      p.errors,
      p.warnings,
      p.infos,
      p.hash,
    ]);
  }
  await client.query(`
    CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
    SELECT o.id AS organization_id, gen_random_uuid() AS submission_id, gen_random_uuid() AS version_id,
           (row_number() OVER (ORDER BY o.id)) % ${POOL} AS pool_i,
           timestamptz '2024-01-10 09:00+08' + (random() * 35 * 86400) * interval '1 second' AS submitted_at,
           CASE WHEN random() < 0.6 THEN 'APPROVED' WHEN random() < 0.8 THEN 'SUBMITTED' ELSE 'PUBLISHED' END AS status
      FROM bench_orgs o WHERE o.level = 'DEPARTMENT' AND random() < 0.97`);
  await client.query(
    `
    INSERT INTO submissions (id, round_id, organization_id, status, current_version_id, submitted_version_id,
                             version_count, first_submitted_at, last_submitted_at, revision)
    SELECT submission_id, $1, organization_id, status::submission_status, version_id, version_id, 1,
           submitted_at, submitted_at, 1 FROM bench_plan`,
    [round],
  );
  await client.query(`
    INSERT INTO submission_versions (id, submission_id, number, source, report, findings, summary,
                                     error_count, warning_count, info_count, gap_count, content_hash)
    SELECT p.version_id, p.submission_id, 1, 'MANUAL', b.report, b.findings, b.summary,
           b.errors, b.warnings, b.infos, 0, b.hash
      FROM bench_plan p JOIN bench_pool b ON b.i = p.pool_i`);
  const passwordHash = await hash(PASSWORD, {
    algorithm: Algorithm.Argon2id,
    memoryCost: 19456,
    timeCost: 2,
  });
  await client.query(
    `INSERT INTO users (username, display_name, password_hash, role, organization_id)
     VALUES ('bench-supervisor', '省级考评', $1, 'SUPERVISOR', $2)`,
    [passwordHash, province],
  );
  await client.query('COMMIT');
  await client.query('ANALYZE');
  const counts = (
    await client.query(
      `SELECT (SELECT count(*) FROM organizations WHERE reports) AS orgs, (SELECT count(*) FROM submissions) AS subs`,
    )
  ).rows[0];
  const city = (await client.query(`SELECT id FROM organizations WHERE code = 'bench-c1'`)).rows[0]
    .id;
  return {
    round,
    province,
    city,
    orgs: Number(counts.orgs),
    subs: Number(counts.subs),
    ms: performance.now() - started,
  };
}
