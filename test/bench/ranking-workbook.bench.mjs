// The ranking-sheet .xlsx writer on its own, without database or HTTP: 120,000 synthetic ranking
// rows and 120,000 finding rows, generated lazily (as a database cursor would hand them over),
// written by `writeRankingWorkbook` to a Writable that discards the bytes after a tick (so the
// writer meets backpressure). Prints the time, rows/s, time to the first bytes, file size, and
// the CPU time of all threads (deflate runs on the thread pool; on a busy machine this moves
// less than the wall time) and the peak RSS and heap of this process (sampled every 20 ms).
// Target: ≤ 10 s for the whole file (ideally ≤ 4 s).
// Needs the built server: `pnpm exec tsc -b server`, then `node test/bench/run.mjs ranking-workbook`.
// Options: `--writer <file.js>` benchmarks another build of the writer (e.g. a copy of the
// previous one); `--out <file.xlsx>` also keeps the file, to open it by hand; `--rows <n>`
// writes n rows of each kind instead (the target scales with it), to see memory stay flat.
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const { DEFAULT_MODEL, INDICATOR_CATALOGUE } = requireServer('@gongkai/scoring');

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const RANKING_ROWS = Number(option('--rows') ?? 120_000);
const FINDING_ROWS = RANKING_ROWS;
const TARGET_S = (10 * RANKING_ROWS) / 120_000;
const writerFile = resolve(
  option('--writer') ??
    join(root, 'server', 'dist', 'modules', 'exports', 'ranking-workbook.writer.js'),
);
const outFile = option('--out');
const { writeRankingWorkbook } = requireServer(writerFile);

const indicators = DEFAULT_MODEL.indicators.map((entry) => ({
  indicatorId: entry.indicatorId,
  labelZh: INDICATOR_CATALOGUE[entry.indicatorId].labelZh,
  labelEn: INDICATOR_CATALOGUE[entry.indicatorId].labelEn,
  weight: entry.weight,
}));

const meta = {
  roundLabel: '2023年度',
  regionName: '某省',
  peerGroup: null,
  indicators,
  model: DEFAULT_MODEL,
  asOf: '2024-03-15T12:00:00.000+08:00',
  generatedAt: new Date('2024-03-16T01:00:00Z'),
  snapshot: null,
};

const STATUSES = ['APPROVED', 'SUBMITTED', 'PUBLISHED', 'RETURNED', null];
const DEADLINE_MS = Date.parse('2024-01-31T23:59:59.999+08:00');

function* rankingRows() {
  for (let i = 0; i < RANKING_ROWS; i += 1) {
    const scored = i % 50 !== 49;
    const score = scored ? Math.round((100 - (i * 100) / RANKING_ROWS) * 100) / 100 : null;
    const flags =
      i % 7 === 0
        ? [{ id: 'timeliness.late', severity: 'warning', labelZh: '逾期报送' }]
        : i % 11 === 0
          ? [{ id: 'findings.openErrors', severity: 'error', labelZh: '存在未改正错误' }]
          : [];
    const status = STATUSES[i % STATUSES.length];
    yield {
      organizationId: `org-${i}`,
      organizationName: `第${1 + (i % 10)}市第${1 + (i % 12)}县部门${i}`,
      regionName: `第${1 + (i % 12)}县`,
      peerGroup: `kind-${i % 40}`,
      departmentType: '科技局',
      rank: scored ? i + 1 : null,
      tied: i % 13 === 0,
      score,
      points: indicators.map((_, j) =>
        scored && (i + j) % 9 !== 0 ? Math.round(((i * 7 + j * 13) % 2000) / 2) / 100 : null,
      ),
      flags,
      status,
      firstSubmittedAt:
        status === null ? null : new Date(DEADLINE_MS - ((i % 40) - 20) * 86_400_000).toISOString(),
      previousRank: i % 5 === 0 ? null : i + 1 + ((i % 21) - 10),
      rankChange: i % 5 === 0 ? null : (i % 21) - 10,
    };
  }
}

const RULES = ['applications.balance', 'staffing.present', 'timeliness.deadline', 'facts.range'];
function* findingRows() {
  for (let i = 0; i < FINDING_ROWS; i += 1) {
    yield {
      organizationName: `第${1 + (i % 10)}市第${1 + (i % 12)}县部门${i}`,
      rank: i + 1,
      rule: RULES[i % RULES.length],
      severity: i % 3 === 0 ? 'error' : 'warning',
      message: `申请数量不平衡：收到 ${i % 500} 件，办结 ${(i % 500) + 3} 件 <差额> & 说明`,
      cells: i % 4 === 0 ? [] : ['applications.total.total', 'applications.newReceived.total'],
    };
  }
}

/** Discards what it is given one tick later, so a fast producer sees `write()` return false. */
function discarding(onFirst) {
  let bytes = 0;
  const file = outFile ? createWriteStream(outFile) : null;
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      if (bytes === 0) onFirst();
      bytes += chunk.length;
      if (file) file.write(chunk, callback);
      else setImmediate(callback);
    },
    final(callback) {
      if (file) file.end(callback);
      else callback();
    },
  });
  return { sink, bytes: () => bytes };
}

function mb(n) {
  return n / 1024 / 1024;
}

globalThis.gc?.();
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const baseRss = peakRss;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);

const started = performance.now();
const cpuBefore = process.cpuUsage();
let firstMs = 0;
const { sink, bytes } = discarding(() => {
  firstMs = performance.now() - started;
});
const counts = await writeRankingWorkbook(sink, meta, rankingRows(), findingRows);
await new Promise((done) => sink.end(done));
const totalMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
const m = process.memoryUsage();
peakRss = Math.max(peakRss, m.rss);
peakHeap = Math.max(peakHeap, m.heapUsed);

const rowsWritten = counts.rows + counts.findings;
const seconds = totalMs / 1000;
const line = (name, value, unit, target) => {
  const ok = target === undefined || value <= target;
  const shown = value.toFixed(value < 100 ? 2 : 0);
  console.log(
    `  ${name.padEnd(34)} ${shown.padStart(10)} ${unit}${target === undefined ? '' : `  (target ≤ ${target} ${unit}${ok ? '' : ' — MISSED'})`}`,
  );
  return ok;
};
console.log(`  writer: ${writerFile.replace(`${root}/`, '')}`);
console.log(`  rows: ${counts.rows} ranking + ${counts.findings} findings`);
const ok = line('complete', seconds, 's', TARGET_S);
line('rows/s', rowsWritten / seconds, 'rows/s');
line('CPU time (all threads)', (cpu.user + cpu.system) / 1e6, 's');
line('first bytes', firstMs, 'ms');
line('file size', mb(bytes()), 'MB');
line('peak RSS (process)', mb(peakRss), 'MB');
line('RSS before writing', mb(baseRss), 'MB');
line('peak heap used', mb(peakHeap), 'MB');
if (counts.rows !== RANKING_ROWS || counts.findings !== FINDING_ROWS) {
  console.error('  row counts do not match what was generated');
  process.exit(1);
}
process.exit(ok ? 0 : 1);
