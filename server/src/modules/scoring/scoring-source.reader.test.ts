import { check, SECTION_KEYS, type AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport, withCellDelta } from '@gongkai/report-model/testing';
import { DEFAULT_MODEL, flagOrganization, scoreAll, type ScoringInput } from '@gongkai/scoring';
import { createTestApp, type TestApp } from '../../../test/test-app';
import {
  PREVIOUS_TOTALS_SQL,
  REPORT_SQL,
  SAME_PROSE_SQL,
  SKIPPED_SPACE,
  scoredReports,
  type ReportColumns,
} from './scoring-source.reader';

/**
 * The source statement sends only parts of the reports to the server and decides in SQL whether
 * last year's prose and tables equal this year's. Flags and scores must be the same as from the
 * whole reports.
 */
const AS_OF = '2024-03-15T12:00:00+08:00';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const copy = (report: AnnualReport) => JSON.parse(JSON.stringify(report)) as Mutable<AnnualReport>;

function cases(): { name: string; report: AnnualReport | null; previous: AnnualReport | null }[] {
  const previous = generateConsistentReport(11, '2021', 2022);
  const report = generateConsistentReport(12, '2021', 2023, { previous });
  const same = copy(previous);
  const spaced = copy(previous);
  for (const key of SECTION_KEYS) {
    const text = spaced.sections[key];
    if (text) spaced.sections[key] = ` ${text.split('').join('\u3000')}\n\t\u00a0\r `;
  }
  const otherProse = copy(previous);
  otherProse.sections[SECTION_KEYS[0] as string as keyof typeof otherProse.sections] = '另一段文字';
  const blank = copy(previous);
  for (const key of SECTION_KEYS) blank.sections[key] = key === 'other' ? ' \u3000 ' : null;
  const extraRow = copy(previous) as unknown as { tables: Record<string, Record<string, unknown>> };
  const firstTable = Object.keys(extraRow.tables)[0] as string;
  extraRow.tables[firstTable] = { ...extraRow.tables[firstTable], extra: { total: null } };
  const grown = withCellDelta(report, 'applications.total.total', 400);
  const grownFacts = { ...report, facts: { ...report.facts, proactiveItems: 9_000_000 } };
  const noNumbers = copy(previous) as unknown as {
    tables: Record<string, Record<string, Record<string, unknown>>>;
  };
  for (const rows of Object.values(noNumbers.tables)) {
    for (const cells of Object.values(rows))
      for (const key of Object.keys(cells)) cells[key] = null;
  }
  return [
    { name: 'different reports', report, previous },
    { name: 'no report', report: null, previous },
    { name: 'no previous report', report, previous: null },
    { name: 'identical', report: same, previous },
    { name: 'same prose spaced differently', report: spaced, previous },
    { name: 'same tables, other prose', report: otherProse, previous },
    {
      name: 'same prose, a cell changed',
      report: withCellDelta(same, 'applications.total.total', 1),
      previous,
    },
    { name: 'blank prose on both', report: blank, previous: blank },
    { name: 'an extra row', report: extraRow as unknown as AnnualReport, previous },
    {
      name: 'no numbers in the tables',
      report: noNumbers as unknown as AnnualReport,
      previous: noNumbers as unknown as AnnualReport,
    },
    { name: 'a key total grew', report: grown, previous: report },
    { name: 'a key fact grew', report: grownFacts, previous: report },
  ];
}

function input(
  id: string,
  report: AnnualReport | null,
  previous: AnnualReport | null,
): ScoringInput {
  return {
    organizationId: id,
    peerGroup: 'county-department',
    regionPath: ['province', id],
    deadline: '2024-01-31T23:59:59.999+08:00',
    submission:
      report === null
        ? null
        : { status: 'approved', firstSubmittedAt: '2024-01-20T09:00:00+08:00', returnedAt: null },
    report,
    findings: report === null ? [] : check(report, previous ? { previous } : {}).findings,
    previous: { findingCounts: previous ? { error: 1, warning: 2 } : null, report: previous },
    roster: null,
  };
}

describe('scoring source: what leaves the database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('raises the same flags and scores as the whole reports', async () => {
    const all = cases();
    const full: ScoringInput[] = [];
    const reduced: ScoringInput[] = [];
    for (const [i, c] of all.entries()) {
      const rows = (await app.dataSource.query(
        `SELECT ${REPORT_SQL('v')} AS report, pv.report IS NOT NULL AS has_previous_report,
                ${SAME_PROSE_SQL} AS same_prose,
                v.report->'tables' = pv.report->'tables' AS same_tables,
                CASE WHEN v.report IS NOT NULL THEN ${PREVIOUS_TOTALS_SQL} END AS previous_totals
           FROM (SELECT $1::jsonb AS report) v, (SELECT $2::jsonb AS report) pv`,
        [
          c.report === null ? null : JSON.stringify(c.report),
          c.previous === null ? null : JSON.stringify(c.previous),
          SKIPPED_SPACE,
        ],
      )) as ReportColumns[];
      const whole = input(`org-${i}`, c.report, c.previous);
      const { report, previous } = scoredReports(rows[0] as ReportColumns);
      const part: ScoringInput = {
        ...whole,
        report,
        previous: { ...whole.previous, report: previous },
      };
      const expected = flagOrganization(whole, { asOf: AS_OF });
      expect({ name: c.name, flags: flagOrganization(part, { asOf: AS_OF }) }).toEqual({
        name: c.name,
        flags: expected,
      });
      full.push(whole);
      reduced.push(part);
    }
    const ids = (list: ScoringInput[]) =>
      list.flatMap((one) => flagOrganization(one, { asOf: AS_OF }).map((flag) => flag.id));
    // The cases reach every branch of the comparison.
    expect(ids(full)).toEqual(
      expect.arrayContaining(['originality.unchanged', 'outlier.yearOnYear']),
    );
    const board = (list: ScoringInput[]) => {
      const scored = scoreAll(list, DEFAULT_MODEL, { asOf: AS_OF });
      return { scores: [...scored.scores], rows: scored.rows };
    };
    expect(board(reduced)).toEqual(board(full));
  });
});
