import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TemplateId } from '@gongkai/report-model';
import { DEFAULT_YEARS, generateConsistentReport } from '@gongkai/report-model/testing';
import { importReport } from '../import-report';
import { renderReportHtml } from '../render/report-html.renderer';
import { readDocumentXml } from './docx.reader';

const TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

function soffice(): string {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (found.status !== 0 || bin === '') {
    throw new Error(
      'LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui',
    );
  }
  return bin;
}

describe('readDocx', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-docx-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns every cell, the template, year and organization when reading a .docx LibreOffice made from an HTML report', () => {
    const bin = soffice();
    const reports = TEMPLATES.map((template, i) =>
      generateConsistentReport(100 + i, template, DEFAULT_YEARS[template]),
    );
    const files = reports.map((report, i) => {
      const file = path.join(dir, `report-${i}.html`);
      writeFileSync(file, renderReportHtml(report));
      return file;
    });
    const run = spawnSync(
      bin,
      [
        '--headless',
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        dir,
        ...files,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    reports.forEach((report, i) => {
      const sut = importReport;
      const result = sut(readFileSync(path.join(dir, `report-${i}.docx`)), `report-${i}.docx`);
      expect(result.format).toBe('docx');
      expect(result.report.tables).toEqual(report.tables);
      expect(result.report.template).toBe(report.template);
      expect(result.report.year).toBe(report.year);
      expect(result.report.organization.name).toBe(report.organization.name);
      expect(result.report.sections.problems).toBe(report.sections.problems);
      expect(
        result.provenance[
          Object.keys(result.provenance).find((k) => /^\w+\.\w+\.\w+$/.test(k)) ?? ''
        ]?.source,
      ).toMatch(/^T\d+R\d+C\d+$/);
    });
  }, 180_000);

  it('returns the origin cell only when cells are merged vertically', () => {
    const sut = readDocumentXml;
    const xml = `<w:document xmlns:w="w"><w:body><w:tbl>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.属于国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>３</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2.其他法律行政法规禁止公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl></w:body></w:document>`;
    const lines = sut(xml).lines;
    expect(lines.map((l) => l.cells?.map((c) => c.text))).toEqual([
      ['(三)不予公开', '1.属于国家秘密', '3'],
      ['2.其他法律行政法规禁止公开', '0'],
    ]);
  });
});
