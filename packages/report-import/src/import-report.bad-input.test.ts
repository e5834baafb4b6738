import { gbkBytes } from '@gongkai/report-model/testing';
import { zipSync } from 'fflate';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { importReport } from './import-report';
import { ImportError } from './import-error';
import { renderReportText } from './render/report-text.renderer';
import { buildTemplateWorkbook } from './xlsx/template-workbook.builder';

const sut = importReport;

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

const gbkEncode = gbkBytes;

describe(`${importReport.name} on bad input`, () => {
  it('throws code empty when the file is empty', () => {
    expect(importError(() => sut(new Uint8Array(0), 'a.txt')).code).toBe('empty');
  });

  it('throws code binary with the offset when the file is binary', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const error = importError(() => sut(bytes, 'report.txt'));
    expect(error.code).toBe('binary');
    expect(error.location.byte).toBeGreaterThanOrEqual(0);
    expect(error.describe()).toMatch(/^report\.txt \(byte \d+\): binary/);
  });

  it('throws code too-large quickly when the file exceeds the size cap', () => {
    const big = new Uint8Array(100 * 1024 * 1024).fill(0x41);
    const started = Date.now();
    const error = importError(() => sut(big, 'big.txt'));
    expect(error.code).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      importError(() => sut(new Uint8Array(2048).fill(0x41), 'a.txt', { maxBytes: 1024 })).code,
    ).toBe('too-large');
  });

  const bombs = new Map<string, Uint8Array>();
  beforeAll(() => {
    const huge = new Uint8Array(64 * 1024 * 1024); // deflates to ~64 kB: a 1000:1 bomb
    bombs.set('docx', zipSync({ 'word/document.xml': huge }, { level: 1 }));
    bombs.set('xlsx', zipSync({ 'xl/workbook.xml': huge }, { level: 1 }));
  });

  it.each(['docx', 'xlsx'])(
    'throws code archive-too-large within bounded memory when a zip bomb poses as .%s',
    (ext) => {
      const bomb = bombs.get(ext) ?? new Uint8Array(0);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const before = process.memoryUsage().rss;
      const error = importError(() =>
        sut(bomb, `bomb.${ext}`, {
          unzipLimits: {
            maxEntryBytes: 8 * 1024 * 1024,
            maxTotalBytes: 16 * 1024 * 1024,
            maxEntries: 100,
          },
        }),
      );
      expect(error.code).toBe('archive-too-large');
      expect(error.location.entry).toBe(ext === 'docx' ? 'word/document.xml' : 'xl/workbook.xml');
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    },
  );

  it('throws code corrupt-archive when a .docx or .xlsx is truncated', async () => {
    const workbook = await buildTemplateWorkbook('2021');
    const error = importError(() =>
      sut(workbook.subarray(0, Math.floor(workbook.length / 2)), 'cut.xlsx'),
    );
    expect(error.code).toBe('corrupt-archive');
    expect(error.message).toMatch(/truncated/);
    const docx = zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document/>') });
    expect(importError(() => sut(docx.subarray(0, 20), 'cut.docx')).code).toBe('corrupt-archive');
    expect(importError(() => sut(new TextEncoder().encode('hello'), 'fake.docx')).code).toBe(
      'corrupt-archive',
    );
  });

  it('throws code missing-part when a zip has no Word document inside', () => {
    const zip = zipSync({ 'readme.txt': new TextEncoder().encode('hi') });
    expect(importError(() => sut(zip, 'other.docx')).code).toBe('missing-part');
  });

  it('returns the report with a warning when a text file is cut inside a character', () => {
    const text = renderReportText(generateConsistentReport(5, '2021', 2023), 'pipe');
    const bytes = Buffer.from(text);
    const cut = bytes.subarray(0, bytes.length - 2);
    const last = cut[cut.length - 1] ?? 0;
    const trimmed = last >= 0x80 ? cut : Buffer.concat([cut, Buffer.from([0xe5])]);
    const result = sut(trimmed, 'cut.txt');
    expect(result.warnings[0]).toMatch(/truncated/);
    expect(result.report.year).toBe(2023);
  });

  it('returns the same report when the text file is GBK-encoded', () => {
    const report = generateConsistentReport(9, '2019', 2019);
    const text = renderReportText(report, 'pipe');
    const result = sut(gbkEncode(text), 'gbk.txt');
    expect(result.warnings[0]).toMatch(/GB18030/);
    expect(result.report.tables).toEqual(report.tables);
    expect(result.report.organization.name).toBe(report.organization.name);
  });

  it('returns kind not-a-report when the text has no title, tables or sections', () => {
    const result = sut(new TextEncoder().encode('hello world\nnothing to see'), 'x.txt');
    expect(result.kind).toBe('not-a-report');
  });
});
