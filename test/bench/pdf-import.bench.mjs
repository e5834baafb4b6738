// PDF and word-processor import throughput: PDF pages read per second (PDF.js in a worker thread,
// layout rebuilt from text positions), whole PDF reports per second, and the time LibreOffice
// takes to convert one .doc. The PDFs and the .doc are printed by LibreOffice from generated
// reports, so soffice must be installed. Needs the built packages: `pnpm build`, then
// `node test/bench/run.mjs pdf-import`. Target: ≥ 10 PDF pages/s on one core for a long document
// (about 19 measured on a busy 2-core machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import testing from '@gongkai/report-model/testing';
import importer from '@gongkai/report-import';

const { DEFAULT_YEARS, generateConsistentReport } = testing;
const { importReportFile, readPdf, readPdfPages, renderReportHtml } = importer;

const TEMPLATES = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];
const TARGET_PAGES_PER_SECOND = 10;

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (soffice === '') {
  console.log('pdf import                   skipped: LibreOffice (soffice) not installed');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-pdf-'));
function convert(files, target) {
  const run = spawnSync(
    soffice,
    [
      '--headless',
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--convert-to',
      target,
      '--outdir',
      dir,
      ...files,
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
}

try {
  const reports = Array.from({ length: 8 }, (_, i) => {
    const template = TEMPLATES[i % TEMPLATES.length];
    return generateConsistentReport(500 + i, template, DEFAULT_YEARS[template]);
  });
  const files = reports.map((r, i) => {
    const file = join(dir, `r${i}.html`);
    writeFileSync(file, renderReportHtml(r));
    return file;
  });
  // One long document: 30 reports one after another.
  const bodies = Array.from({ length: 30 }, (_, i) =>
    renderReportHtml(reports[i % reports.length]).replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, ''),
  );
  const long = join(dir, 'long.html');
  writeFileSync(
    long,
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${bodies.join('\n')}</body></html>`,
  );
  convert([...files, long], 'pdf:writer_pdf_Export');
  convert([files[0]], 'doc:MS Word 97');

  console.log(`node ${process.version}, PDFs printed by LibreOffice from generated reports`);

  const longPdf = readFileSync(join(dir, 'long.pdf'));
  await readPdf(longPdf, 'long.pdf'); // warm-up
  let started = performance.now();
  const doc = await readPdfPages(longPdf, 'long.pdf');
  let seconds = (performance.now() - started) / 1000;
  const pagesPerSecond = doc.length / seconds;
  started = performance.now();
  await readPdf(longPdf, 'long.pdf');
  const withLayout = doc.length / ((performance.now() - started) / 1000);
  const verdict = pagesPerSecond >= TARGET_PAGES_PER_SECOND ? 'met' : 'MISSED';
  console.log(
    `PDF pages, ${doc.length}-page document  ${pagesPerSecond.toFixed(1).padStart(6)} pages/s text layer  ${withLayout.toFixed(1).padStart(6)} pages/s with layout  (target ≥ ${TARGET_PAGES_PER_SECOND}/s: ${verdict})`,
  );

  const pdfs = reports.map((_, i) => readFileSync(join(dir, `r${i}.pdf`)));
  let pages = 0;
  for (const bytes of pdfs) pages += (await readPdfPages(bytes, 'r.pdf')).length;
  started = performance.now();
  for (const [i, bytes] of pdfs.entries()) await importReportFile(bytes, `r${i}.pdf`);
  seconds = (performance.now() - started) / 1000;
  console.log(
    `PDF reports (${(pages / pdfs.length).toFixed(1)} pages each)   ${(pdfs.length / seconds).toFixed(2).padStart(6)} reports/s  ${((seconds / pdfs.length) * 1000).toFixed(0).padStart(6)} ms each (worker start included)`,
  );

  const docBytes = readFileSync(join(dir, 'r0.doc'));
  started = performance.now();
  await importReportFile(docBytes, 'r0.doc');
  seconds = performance.now() - started;
  console.log(
    `.doc via LibreOffice          ${seconds.toFixed(0).padStart(6)} ms per report (one conversion at a time)`,
  );
  process.exitCode = pagesPerSecond >= TARGET_PAGES_PER_SECOND ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
