import { type AnnualReport, type TemplateId } from '@gongkai/report-model';
import { DEFAULT_YEARS, generateConsistentReport } from '@gongkai/report-model/testing';
import fc from 'fast-check';
import { importReport } from './import-report';
import { renderReportHtml } from './render/report-html.renderer';
import { renderReportText, type TextTableStyle } from './render/report-text.renderer';

const TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];
type Variant = TextTableStyle | 'html';

function render(report: AnnualReport, variant: Variant): { bytes: Buffer; name: string } {
  if (variant === 'html')
    return { bytes: Buffer.from(renderReportHtml(report)), name: 'report.html' };
  return { bytes: Buffer.from(renderReportText(report, variant)), name: 'report.txt' };
}

function cells(report: AnnualReport): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const [table, rows] of Object.entries(report.tables)) {
    for (const [row, columns] of Object.entries(rows ?? {})) {
      for (const [column, value] of Object.entries(columns))
        out.push([`${table}.${row}.${column}`, value]);
    }
  }
  return out;
}

const sut = importReport;

describe(`${importReport.name} on generated reports`, () => {
  it.each(['pipe', 'tab', 'html'] as const)(
    'returns every cell, the template, year and organization when tables are written as %s',
    (variant) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.constantFrom(...TEMPLATES),
          (seed, template) => {
            const report = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
            const { bytes, name } = render(report, variant);
            const result = sut(bytes, name);
            expect(result.report.tables).toEqual(report.tables);
            expect(result.report.template).toBe(template);
            expect(result.report.year).toBe(report.year);
            expect(result.report.organization.name).toBe(report.organization.name);
            expect(result.report.publishedOn).toBe(report.publishedOn);
            expect(result.report.sections.problems).toBe(report.sections.problems);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('returns every cell right or blank with a warning naming its row when the table cells are glued', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(...TEMPLATES),
        (seed, template) => {
          const report = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
          const { bytes, name } = render(report, 'glued');
          const result = sut(bytes, name);
          for (const [path, value] of cells(report)) {
            const [table = '', row = '', column = ''] = path.split('.');
            const got = (
              result.report.tables as Record<string, Record<string, Record<string, number | null>>>
            )[table]?.[row]?.[column];
            if (got === null) {
              const rowName = table === 'reviewLitigation' ? table : `${table}.${row}`;
              expect(result.warnings.some((w) => w.includes(rowName))).toBe(true);
              expect(result.provenance[path]?.confidence).toBe(0);
            } else {
              expect(got).toBe(value);
            }
          }
          // the applications and 复议/诉讼 tables carry enough identities to be recovered in full
          if (template === '2019' || template === '2021') {
            expect(result.report.tables.reviewLitigation).toEqual(report.tables.reviewLitigation);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns the row resolved by the column totals when a glued row alone is ambiguous', () => {
    const base = generateConsistentReport(7, '2021', 2023);
    const zero = {
      natural: 0,
      commercial: 0,
      research: 0,
      publicInterest: 0,
      legal: 0,
      other: 0,
      total: 0,
    };
    const granted = {
      natural: 16,
      commercial: 0,
      research: 0,
      publicInterest: 1,
      legal: 0,
      other: 1,
      total: 18,
    };
    const partial = { ...zero, natural: 5, total: 5 };
    const sum = { ...granted, natural: 21, total: 23 };
    const applications = Object.fromEntries(
      Object.keys(base.tables.applications ?? {}).map((key) => [
        key,
        key === 'granted'
          ? granted
          : key === 'partiallyGranted'
            ? partial
            : key === 'newReceived' || key === 'total'
              ? sum
              : zero,
      ]),
    );
    const report: AnnualReport = { ...base, tables: { ...base.tables, applications } };
    const glued = renderReportText(report, 'glued');
    expect(glued).toContain('（一）予以公开160010118');
    const result = sut(Buffer.from(glued), 'report.txt');
    expect(result.report.tables.applications?.granted).toEqual(granted);
    expect(result.provenance['applications.granted.natural']?.confidence).toBe(0.9);
    expect(result.warnings.some((w) => w.includes('column totals'))).toBe(true);
  });

  it('returns blank cells and a warning listing the candidates when two splits satisfy every identity', () => {
    const base = generateConsistentReport(11, '2021', 2023);
    const zero = {
      natural: 0,
      commercial: 0,
      research: 0,
      publicInterest: 0,
      legal: 0,
      other: 0,
      total: 0,
    };
    const a = {
      natural: 16,
      commercial: 0,
      research: 0,
      publicInterest: 1,
      legal: 0,
      other: 1,
      total: 18,
    };
    const b = {
      natural: 1,
      commercial: 6,
      research: 0,
      publicInterest: 0,
      legal: 10,
      other: 1,
      total: 18,
    };
    const sum = {
      natural: 17,
      commercial: 6,
      research: 0,
      publicInterest: 1,
      legal: 10,
      other: 2,
      total: 36,
    };
    const applications = Object.fromEntries(
      Object.keys(base.tables.applications ?? {}).map((key) => [
        key,
        key === 'granted'
          ? a
          : key === 'partiallyGranted'
            ? b
            : key === 'newReceived' || key === 'total'
              ? sum
              : zero,
      ]),
    );
    const report: AnnualReport = { ...base, tables: { ...base.tables, applications } };
    const result = sut(Buffer.from(renderReportText(report, 'glued')), 'report.txt');
    expect(result.report.tables.applications?.granted).toEqual({
      ...a,
      natural: null,
      commercial: null,
      publicInterest: null,
      legal: null,
    });
    const warning = result.warnings.find((w) => w.includes('applications.granted'));
    expect(warning).toContain('[16,0,0,1,0,1,18]');
    expect(warning).toContain('[1,6,0,0,10,1,18]');
  });

  it('returns the cells of a whole （三） group glued on one line, ordinals stuck to the digits', () => {
    const report = generateConsistentReport(3, '2021', 2023);
    const glued = renderReportText(report, 'glued');
    expect(glued).toMatch(/\d2\.其他法律行政法规禁止公开/);
    const result = sut(Buffer.from(glued), 'report.txt');
    expect(result.report.tables.applications?.deniedProhibitedByLaw).toEqual(
      report.tables.applications?.deniedProhibitedByLaw,
    );
  });
});
