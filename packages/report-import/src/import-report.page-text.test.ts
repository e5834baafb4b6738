import { SECTION_KEYS, type AnnualReport, type TemplateId } from '@gongkai/report-model';
import {
  DEFAULT_YEARS,
  createRng,
  generateConsistentReport,
  generateYearPair,
} from '@gongkai/report-model/testing';
import fc from 'fast-check';
import { importReport } from './import-report';
import { renderReportHtml } from './render/report-html.renderer';
import { PAGE_PATTERNS, renderPageText, type PagePattern } from './test-support/page-text.render';

/**
 * Property: a generated consistent report, published in any of the patterns portals use (one
 * line inside the chrome, space-separated tokens, glued digit runs, split header words, page
 * breaks with repeated headers, full-width digits, `——` for zero, and all of them mixed), comes
 * back with every cell right or null with a warning naming its row and confidence 0 — never a
 * wrong value — and with its template, year and organization right.
 * PAGE_TEXT_RUNS raises the number of runs (the benchmark runs more), PAGE_TEXT_SEED replays.
 */
const RUNS = Number(process.env.PAGE_TEXT_RUNS ?? 2000);
const SEED = Number(process.env.PAGE_TEXT_SEED ?? 20261207);
const TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

type Outcome = { right: number; blank: number; wrong: string[] };

function compare(
  report: AnnualReport,
  result: ReturnType<typeof importReport>,
  outcome: Outcome,
): void {
  const got = result.report.tables as Record<
    string,
    Record<string, Record<string, number | null>> | undefined
  >;
  for (const [table, rows] of Object.entries(report.tables)) {
    for (const [row, columns] of Object.entries(rows ?? {})) {
      for (const [column, value] of Object.entries(columns as Record<string, number | null>)) {
        const path = `${table}.${row}.${column}`;
        const read = got[table]?.[row]?.[column];
        if (read === value) {
          outcome.right += 1;
          continue;
        }
        if (read === null || read === undefined) {
          const where = table === 'reviewLitigation' ? table : `${table}.${row}`;
          const warned =
            result.warnings.some((w) => w.includes(where)) ||
            result.warnings.some((w) => w.includes(`table ${table} not found`));
          if (!warned) outcome.wrong.push(`${path}: blank without a warning`);
          else if (read === null && result.provenance[path]?.confidence !== 0)
            outcome.wrong.push(
              `${path}: blank with confidence ${result.provenance[path]?.confidence}`,
            );
          else outcome.blank += 1;
          continue;
        }
        outcome.wrong.push(`${path}: ${value} read as ${read}`);
      }
    }
  }
}

const patternArb: fc.Arbitrary<PagePattern> = fc.oneof(
  fc.constantFrom(...Object.values(PAGE_PATTERNS)),
  fc.record({
    oneLine: fc.boolean(),
    chrome: fc.boolean(),
    values: fc.constantFrom('spaced' as const, 'glued' as const, 'mixed' as const),
    splitHeaders: fc.boolean(),
    pageBreaks: fc.boolean(),
    fullWidthDigits: fc.boolean(),
    dashZero: fc.boolean(),
    glueLabels: fc.boolean(),
  }),
);

describe(`${importReport.name} on page text as portals publish it`, () => {
  const sut = importReport;

  it(`returns every cell right or blank with a warning, never a wrong value, over ${RUNS} generated pages`, () => {
    const total: Outcome = { right: 0, blank: 0, wrong: [] };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(...TEMPLATES),
        patternArb,
        fc.boolean(),
        (seed, template, pattern, withPrevious) => {
          let report: AnnualReport;
          let previous: AnnualReport | undefined;
          if (withPrevious) {
            const pair = generateYearPair(seed, template, DEFAULT_YEARS[template]);
            report = pair.current;
            previous = pair.previous;
          } else report = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
          const text = renderPageText(report, pattern, createRng(seed));
          const result = sut(Buffer.from(text), 'page.txt', previous ? { previous } : {});
          const outcome: Outcome = { right: 0, blank: 0, wrong: [] };
          compare(report, result, outcome);
          expect(outcome.wrong).toEqual([]);
          expect(result.report.template).toBe(template);
          expect(result.report.year).toBe(report.year);
          expect(result.report.organization.name).toBe(report.organization.name);
          expect(result.report.publishedOn).toBe(report.publishedOn);
          for (const key of SECTION_KEYS)
            expect([key, result.report.sections[key]]).toEqual([key, expect.any(String)]);
          expect(result.report.sections.problems).toContain(report.sections.problems?.slice(0, 20));
          total.right += outcome.right;
          total.blank += outcome.blank;
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // most cells come back: the blanks are the runs no identity can split
    expect(total.right / (total.right + total.blank)).toBeGreaterThan(0.97);
  });

  it('returns the glued run pinned down by last year’s report when the run alone is ambiguous', () => {
    const { previous, current } = generateYearPair(11, '2021', 2023);
    // 3 / 1 / 417 and 31 / 4 / 17: only one keeps 现行有效件数 rolling forward from last year
    const page = (run: string): string =>
      `${current.title} 一、总体情况 概述。 二、主动公开政府信息情况 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000行政规范性文件${run}行政许可 0 行政处罚 0 行政强制 0 行政事业性收费 0`;
    const last: AnnualReport = {
      ...previous,
      tables: {
        ...previous.tables,
        article20: {
          ...previous.tables.article20,
          normativeDocuments: { issued: 1, repealed: 0, inForce: 28 },
        },
      },
    };
    const alone = sut(Buffer.from(page('31417')), 'page.txt');
    expect(alone.report.tables.article20?.normativeDocuments).toEqual({
      issued: null,
      repealed: null,
      inForce: null,
    });
    expect(
      alone.warnings.some(
        (w) => w.includes('article20.normativeDocuments') && w.includes('31,4,17'),
      ),
    ).toBe(true);
    const helped = sut(Buffer.from(page('31417')), 'page.txt', { previous: last });
    // 28 + 3 − 14 = 17: the split 3 / 14 / 17
    expect(helped.report.tables.article20?.normativeDocuments).toEqual({
      issued: 3,
      repealed: 14,
      inForce: 17,
    });
  });

  const portal = (body: string): string =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开</title></head><body>
<table width="1000"><tr><td colspan="2">当前位置：首页 &gt; 政务公开 &gt; 年报</td></tr>
<tr><td width="200"><ul><li>通知公告</li><li>政策解读</li></ul></td><td>
<table width="100%"><tr><td>${body}</td></tr></table>
<div>【打印本页】 【关闭窗口】</div></td></tr></table></body></html>`;

  it.each(['2021', '2019', 'legacy-fujian'] as const)(
    'returns every cell of a %s report published inside layout tables with the chrome',
    (template) => {
      const report = generateConsistentReport(5, template, DEFAULT_YEARS[template]);
      const body = /<body>\n([\s\S]*)\n<\/body>/.exec(renderReportHtml(report))?.[1] ?? '';
      const result = sut(Buffer.from(portal(body)), 'page.html');
      expect(result.report.tables).toEqual(report.tables);
      expect(result.report.template).toBe(template);
      expect(result.report.organization.name).toBe(report.organization.name);
    },
  );

  it('returns the tables of an HTML page whose tables are paragraphs of tokens', () => {
    const report = generateConsistentReport(6, '2021', 2023);
    const text = renderPageText(
      report,
      PAGE_PATTERNS['space-separated tokens'] as PagePattern,
      createRng(6),
    );
    const body = text
      .trim()
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('');
    const result = sut(Buffer.from(portal(body)), 'page.html');
    expect(result.report.tables).toEqual(report.tables);
  });

  it('returns no values and says the tables are pictures when a page publishes them as images', () => {
    const report = generateConsistentReport(7, '2021', 2023);
    const html = renderReportHtml(report).replace(
      /<table border="1">[\s\S]*?<\/table>/g,
      '<table border="1"><tr><td><img src="table.png"></td></tr></table>',
    );
    const result = sut(Buffer.from(portal(html)), 'page.html');
    expect(result.report.tables).toEqual({});
    expect(result.warnings.filter((w) => w.includes('表格为图片，无法读取'))).toHaveLength(3);

    const inline = renderReportHtml(report).replace(
      /<table border="1">[\s\S]*?<\/table>/g,
      '<p><img src="table.png"></p>',
    );
    const pictured = sut(Buffer.from(inline), 'page.html');
    expect(pictured.report.tables).toEqual({});
    expect(pictured.warnings).toContainEqual(expect.stringContaining('表格可能为图片，无法读取'));
  });
});
