import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { importReport } from './import-report';

/**
 * Hand-written pages in the patterns portals publish (test/fixtures: synthetic bodies and numbers),
 * each with the values a careful reader would take from it in `<name>.expected.json` — null where
 * the page does not say which number is which.
 */
const FIXTURES = path.resolve(__dirname, '../test/fixtures');

type Expected = {
  readonly description: string;
  readonly template: string;
  readonly year: number;
  readonly organization: string;
  readonly title: string;
  readonly publishedOn: string;
  readonly tables: Record<string, unknown>;
  readonly warnings: readonly string[];
};

const cases = readdirSync(FIXTURES)
  .filter((f) => !f.endsWith('.expected.json'))
  .map((file) => {
    const expected = path.join(FIXTURES, `${file.replace(/\.[a-z]+$/, '')}.expected.json`);
    return [file, expected] as const;
  });

describe(`${importReport.name} on hand-written portal pages`, () => {
  const sut = importReport;

  it('has an expectation for every page', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const [, expected] of cases) expect(existsSync(expected)).toBe(true);
  });

  it.each(cases)('returns the expected cells, blanks and warnings for %s', (file, expectedFile) => {
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
    const result = sut(readFileSync(path.join(FIXTURES, file)), file);
    expect(result.kind).toBe('annual-report');
    expect(result.report.template).toBe(expected.template);
    expect(result.report.year).toBe(expected.year);
    expect(result.report.organization.name).toBe(expected.organization);
    expect(result.report.title).toBe(expected.title);
    expect(result.report.publishedOn).toBe(expected.publishedOn);
    expect(result.report.tables).toEqual(expected.tables);
    for (const warning of expected.warnings) {
      expect(result.warnings).toContainEqual(expect.stringContaining(warning));
    }
    // every blank cell is named in a warning and has confidence 0
    for (const [table, rows] of Object.entries(result.report.tables)) {
      for (const [row, columns] of Object.entries(rows ?? {})) {
        for (const [column, value] of Object.entries(columns as Record<string, number | null>)) {
          if (value !== null) continue;
          expect(result.warnings.some((w) => w.includes(`${table}.${row}`))).toBe(true);
          expect(result.provenance[`${table}.${row}.${column}`]?.confidence).toBe(0);
        }
      }
    }
  });
});
