// What the PostgreSQL driver's rows leave to the old generation: reads N findings-like rows
// through a cursor (FETCH batch, the next one asked for at once, as `cursorBatches` does) on a
// fresh embedded PostgreSQL, builds a little XML per row, and reports the bytes that outlived the
// young generation (V8's sampling heap profiler with the objects collected by full collections
// kept, those collected young dropped) by allocation site, and the CPU time of the read.
//   node test/bench/cursor-promotion.mjs [rows=200000] [batch=200] [shape=object|array|text]
// `object` is the driver's rows as objects, `array` its `rowMode: 'array'`, `text` one text
// column per row built by PostgreSQL and split in node. Needs `pnpm build`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const { startEmbeddedPostgres } = requireServer(
  join(root, 'server', 'dist', 'database', 'embedded-postgres.js'),
);
const { Client } = requireServer('pg');

const ROWS = Number(process.argv[2] ?? 200_000);
const BATCH = Number(process.argv[3] ?? 200);
const SHAPE = process.argv[4] ?? 'object';

const COLUMNS = `position, organization_name, rank, rule, severity, message, cells`;
const AS_TEXT = `concat_ws(E'\\t', position, organization_name, rank, rule, severity, message,
  array_to_string(cells, ' ')) AS t`;

function fieldsOf(row) {
  if (SHAPE === 'text') {
    const parts = row.t.split('\t');
    return { name: parts[1], message: parts[5], cells: parts[6].split(' ') };
  }
  if (SHAPE === 'array') return { name: row[1], message: row[5], cells: row[6] };
  return { name: row.organization_name, message: row.message, cells: row.cells };
}

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

/** Self bytes by function and file:line, from the profile's call tree. */
function bySite(profile) {
  const sites = new Map();
  const walk = (node) => {
    const frame = node.callFrame;
    const site = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    if (node.selfSize > 0) sites.set(site, (sites.get(site) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  return [...sites].sort((a, b) => b[1] - a[1]);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-promotion-'));
  chmodSync(dir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    await client.query(`CREATE TABLE f AS
      SELECT g AS position, '某某县某某部门' || (g % 1000) AS organization_name, g AS rank,
             'applications.balance'::text AS rule, 'warning'::text AS severity,
             '申请表第三行合计与各列之和不一致，相差 ' || g || ' 件，请核对原始数据后重新填报。' AS message,
             ARRAY['applications.granted.commercial', 'applications.received.total'] AS cells
        FROM generate_series(1, ${ROWS}) g`);
    await client.query('BEGIN');
    await client.query(
      `DECLARE rows NO SCROLL CURSOR FOR SELECT ${SHAPE === 'text' ? AS_TEXT : COLUMNS} FROM f ORDER BY position`,
    );
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
    const cpu = process.cpuUsage();
    const fetch = () =>
      client.query(
        SHAPE === 'array'
          ? { text: `FETCH ${BATCH} FROM rows`, rowMode: 'array' }
          : `FETCH ${BATCH} FROM rows`,
      );
    let read = 0;
    let bytes = 0;
    let next = fetch();
    while (next) {
      const found = await next;
      next = found.rows.length === BATCH ? fetch() : null;
      for (const row of found.rows) {
        const { name, message, cells } = fieldsOf(row);
        let xml = `<row r="${read + 2}">`;
        for (const text of [name, message, ...cells])
          xml += `<c t="inlineStr"><is><t>${text}</t></is></c>`;
        bytes += Buffer.byteLength(`${xml}</row>`);
        read += 1;
        if (read % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const used = process.cpuUsage(cpu);
    const { profile } = await post('HeapProfiler.stopSampling');
    const sites = bySite(profile);
    const total = sites.reduce((sum, [, size]) => sum + size, 0);
    console.log(
      `${read} rows, batch ${BATCH}, shape ${SHAPE}: ${(bytes / 1e6).toFixed(0)} MB of XML, ` +
        `CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, outlived the young generation ` +
        `${(total / 1e6).toFixed(1)} MB (${(total / read) | 0} bytes a row)`,
    );
    for (const [site, size] of sites.slice(0, 8))
      console.log(`  ${(size / 1e6).toFixed(1).padStart(6)} MB  ${site}`);
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => undefined);
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
