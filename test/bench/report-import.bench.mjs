// Importer throughput: reports parsed per second on one core, from text (pipe tables, glued
// digit runs), HTML, .docx (made by LibreOffice from the HTML, when soffice is installed) and the
// project's .xlsx template. Target: ≥ 200 reports/s for text and HTML. Then page text as portals
// publish it (reports/s, and cells right / blank / wrong per pattern: any wrong value fails).
// Needs the built packages: `pnpm build`, then `node test/bench/run.mjs report-import`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testing from '@gongkai/report-model/testing';
import importer from '@gongkai/report-import';

const { DEFAULT_YEARS, createRng, generateConsistentReport } = testing;
const {
  PAGE_PATTERNS,
  buildTemplateWorkbook,
  importReport,
  renderPageText,
  renderReportHtml,
  renderReportText,
} = importer;

const TEMPLATES = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];
const POOL = 100;
const MIN_MS = 2000;

const reports = [];
for (let i = 0; i < POOL; i += 1) {
  const template = TEMPLATES[i % TEMPLATES.length];
  reports.push(generateConsistentReport(i + 1, template, DEFAULT_YEARS[template]));
}

function measure(label, inputs, target) {
  for (const { bytes, name } of inputs.slice(0, 5)) importReport(bytes, name); // warm-up
  let n = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < MIN_MS) {
    const { bytes, name } = inputs[n % inputs.length];
    importReport(bytes, name);
    n += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const perSecond = n / seconds;
  // on a machine others share, reports per second of this process's own CPU time says more
  const perCpuSecond = n / ((used.user + used.system) / 1e6);
  const kb = inputs.reduce((a, i) => a + i.bytes.length, 0) / inputs.length / 1024;
  const verdict =
    target === undefined
      ? ''
      : perSecond >= target
        ? `  (target ≥ ${target}/s: met)`
        : `  (target ≥ ${target}/s: MISSED)`;
  console.log(
    `${label.padEnd(28)} ${perSecond.toFixed(0).padStart(6)} reports/s  ${perCpuSecond.toFixed(0).padStart(6)} per CPU-s  ${(1000 / perSecond).toFixed(2).padStart(6)} ms each  avg ${kb.toFixed(1)} kB${verdict}`,
  );
  return perSecond;
}

const text = (style) =>
  reports.map((r) => ({ bytes: Buffer.from(renderReportText(r, style)), name: 'r.txt' }));
const html = reports.map((r) => ({ bytes: Buffer.from(renderReportHtml(r)), name: 'r.html' }));

console.log(
  `node ${process.version}, ${POOL} generated reports (templates ${TEMPLATES.join(', ')}), ≥ ${MIN_MS} ms per format`,
);
const results = [];
results.push(measure('text, pipe tables', text('pipe'), 200));
results.push(measure('text, tab tables', text('tab'), 200));
results.push(measure('text, glued digit runs', text('glued'), 200));
results.push(measure('HTML', html, 200));

// page text as portals publish it: every pattern in turn (one line with chrome, tokens, glued runs,
// split headers, page breaks, full-width digits, —— for zero, all at once)
const patterns = Object.values(PAGE_PATTERNS);
const pageText = reports.map((r, i) => ({
  bytes: Buffer.from(renderPageText(r, patterns[i % patterns.length], createRng(i + 1))),
  name: 'page.txt',
}));
results.push(measure('page text (portal patterns)', pageText, 200));

const xlsx = [];
for (const r of reports.slice(0, 20))
  xlsx.push({ bytes: await buildTemplateWorkbook(r.template, r), name: 'r.xlsx' });
measure('xlsx template', xlsx);

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (soffice === '') {
  console.log('docx                         skipped: LibreOffice (soffice) not installed');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  try {
    const files = reports.slice(0, 12).map((r, i) => {
      const file = join(dir, `r${i}.html`);
      writeFileSync(file, renderReportHtml(r));
      return file;
    });
    const run = spawnSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        dir,
        ...files,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
    const docx = files.map((_, i) => ({
      bytes: readFileSync(join(dir, `r${i}.docx`)),
      name: `r${i}.docx`,
    }));
    measure('docx (LibreOffice)', docx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// cells right / blank / wrong on generated page text, per pattern (the README's table)
const PER_PATTERN = Number(process.env.PAGE_TEXT_BENCH_REPORTS ?? 200);
let wrongTotal = 0;
console.log(
  `\npage text, ${PER_PATTERN} generated reports per pattern: cells right / blank / wrong`,
);
for (const [name, pattern] of Object.entries(PAGE_PATTERNS)) {
  let right = 0;
  let blank = 0;
  let wrong = 0;
  for (let i = 0; i < PER_PATTERN; i += 1) {
    const template = TEMPLATES[i % TEMPLATES.length];
    const report = generateConsistentReport(10_000 + i, template, DEFAULT_YEARS[template]);
    const text = renderPageText(report, pattern, createRng(10_000 + i));
    const got = importReport(Buffer.from(text), 'page.txt').report.tables;
    for (const [table, rows] of Object.entries(report.tables)) {
      for (const [row, columns] of Object.entries(rows)) {
        for (const [column, value] of Object.entries(columns)) {
          const read = got[table]?.[row]?.[column];
          if (read === value) right += 1;
          else if (read === null || read === undefined) blank += 1;
          else wrong += 1;
        }
      }
    }
  }
  wrongTotal += wrong;
  const all = right + blank + wrong;
  console.log(
    `  ${name.padEnd(34)} ${((100 * right) / all).toFixed(2).padStart(6)}% right  ${((100 * blank) / all).toFixed(2).padStart(5)}% blank  ${wrong} wrong`,
  );
}
if (wrongTotal > 0) console.log(`page text: ${wrongTotal} WRONG values`);
const missed = results.some((r) => r < 200) || wrongTotal > 0;
process.exit(missed ? 1 : 0);
