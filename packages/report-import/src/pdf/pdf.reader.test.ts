import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AnnualReport, type TemplateId } from '@gongkai/report-model';
import { DEFAULT_YEARS, generateConsistentReport } from '@gongkai/report-model/testing';
import { ImportError } from '../import-error';
import { importReportFile } from '../import-report';
import { renderReportHtml } from '../render/report-html.renderer';
import { sofficeConvert } from '../test-support/soffice-fixtures';
import { textAt, tinyPdf } from '../test-support/tiny-pdf';
import { readPdfPages } from './pdf.reader';

const TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('importReportFile on PDF', () => {
  let dir = '';
  let reports: AnnualReport[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-pdf-'));
    reports = TEMPLATES.flatMap((template, i) =>
      [0, 1].map((k) =>
        generateConsistentReport(7_000 + i * 10 + k, template, DEFAULT_YEARS[template]),
      ),
    );
    const files = reports.map((report, i) => {
      const file = path.join(dir, `report-${i}.html`);
      writeFileSync(file, renderReportHtml(report, { print: true }));
      return file;
    });
    sofficeConvert(dir, files, 'pdf:writer_pdf_Export');
  }, 180_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns every cell, the template, year, organization and date of reports LibreOffice printed to PDF', async () => {
    let pages = 0;
    for (const [i, report] of reports.entries()) {
      const bytes = readFileSync(path.join(dir, `report-${i}.pdf`));
      pages += (await readPdfPages(bytes, 'r.pdf')).length;
      const result = await importReportFile(bytes, `report-${i}.pdf`);
      expect(result.format).toBe('pdf');
      expect(result.kind).toBe('annual-report');
      expect(result.report.tables).toEqual(report.tables);
      expect(result.report.template).toBe(report.template);
      expect(result.report.year).toBe(report.year);
      expect(result.report.organization.name).toBe(report.organization.name);
      expect(result.report.publishedOn).toBe(report.publishedOn);
    }
    // The statistics run over more than one page: tables split across pages were read whole.
    expect(pages).toBeGreaterThan(reports.length);
  }, 120_000);

  it('refuses a PDF protected by a password with a clear message', async () => {
    const bytes = tinyPdf({ pages: [textAt([[72, 700, 'secret']])], encrypted: true });
    const error = await failure(importReportFile(bytes, 'locked.pdf'));
    expect(error.code).toBe('encrypted-pdf');
    expect(error.describe()).toMatch(/^locked\.pdf: .*password/);
  });

  it('refuses a scanned PDF (images, no text layer) and says no text recognition is done', async () => {
    const bytes = tinyPdf({ pages: ['q 500 0 0 700 40 60 cm /Im0 Do Q'], image: true });
    const error = await failure(importReportFile(bytes, 'scan.pdf'));
    expect(error.code).toBe('pdf-no-text');
    expect(error.message).toMatch(/OCR/);
  });

  it('treats a scan whose only text is its page numbers as having no text layer', async () => {
    const bytes = tinyPdf({
      pages: [1, 2].map(
        (n) => `q 500 0 0 700 40 60 cm /Im0 Do Q\n${textAt([[290, 30, `-${n}-`]])}`,
      ),
      image: true,
    });
    const error = await failure(importReportFile(bytes, 'scan2.pdf'));
    expect(error.code).toBe('pdf-no-text');
  });

  it('reads several PDFs given at once (queued two at a time), each to its own pages', async () => {
    const files = [1, 2, 3, 4, 5].map((n) =>
      tinyPdf({ pages: Array.from({ length: n }, (_, k) => textAt([[72, 700, `page ${k + 1}`]])) }),
    );
    const read = await Promise.all(files.map((bytes, i) => readPdfPages(bytes, `f${i}.pdf`)));
    expect(read.map((pages) => pages.length)).toEqual([1, 2, 3, 4, 5]);
    expect(read[4]![4]!.items[0]![4]).toBe('page 5');
  });

  it.each([
    ['garbage after the header', Buffer.from('%PDF-1.7\n\u0000\u0001 not a pdf at all \u00ff\n')],
    ['a truncated file', tinyPdf({ pages: [textAt([[72, 700, 'x']])] }).subarray(0, 120)],
  ])('refuses a malformed PDF (%s) with a clear message', async (_name, bytes) => {
    const error = await failure(importReportFile(bytes, 'broken.pdf'));
    expect(['corrupt-pdf', 'pdf-no-text']).toContain(error.code);
    expect(error.describe()).toMatch(/^broken\.pdf: /);
  });

  it('refuses a file named .pdf that is not one', async () => {
    const error = await failure(importReportFile(Buffer.from('hello'), 'fake.pdf'));
    expect(error.code).toBe('corrupt-pdf');
  });

  it('refuses a 1,000-page PDF at once, naming the page limit', async () => {
    const pages = Array.from({ length: 1000 }, (_, i) => textAt([[72, 700, `page ${i + 1}`]]));
    const bytes = tinyPdf({ pages });
    const started = Date.now();
    const error = await failure(importReportFile(bytes, 'long.pdf'));
    expect(error.code).toBe('pdf-too-many-pages');
    expect(error.message).toContain('1000 pages');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('stops a PDF that takes longer than the time limit', async () => {
    const pages = Array.from({ length: 50 }, (_, i) => textAt([[72, 700, `page ${i + 1}`]]));
    const error = await failure(
      importReportFile(tinyPdf({ pages }), 'slow.pdf', { pdf: { timeoutMs: 1 } }),
    );
    expect(error.code).toBe('pdf-timeout');
  });
});
