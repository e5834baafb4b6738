import { emptyReport, getCell } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { moveIntoYear } from './move-into-year';

const org = { name: '某县科学技术局', region: null };

describe("last year's report moved into this year's form", () => {
  it("puts last year's carried-forward figures into this year's carried-over row, and nothing else", () => {
    const last = generateConsistentReport(5, '2021', 2023, { organization: org });
    const moved = moveIntoYear(last, 2024)!;
    expect(moved.relation).toBe('previous-year');
    expect(moved.report.year).toBe(2024);
    expect(moved.report.template).toBe('2021');
    expect(moved.cells).toHaveLength(7);
    for (const c of [
      'natural',
      'commercial',
      'research',
      'publicInterest',
      'legal',
      'other',
      'total',
    ])
      expect(getCell(moved.report, `applications.carriedOver.${c}`)).toBe(
        getCell(last, `applications.carriedForward.${c}`),
      );
    // last year's own figures are not this year's
    expect(getCell(moved.report, 'applications.newReceived.total')).toBeNull();
    expect(getCell(moved.report, 'article20.regulations.inForce')).toBeNull();
    expect(moved.report.sections.overview).toBeNull();
    expect(moved.notes[0]).toMatch(
      /^上传的是2023年度的报告，本表是2024年度.*上年结转.* — this is the 2023 report/,
    );
    expect(moved.notes.join('\n')).toContain('上年现行有效件数');
  });

  it('keeps the draft it is moved into where nothing carries over', () => {
    const last = generateConsistentReport(6, '2021', 2023, { organization: org });
    const draft = generateConsistentReport(7, '2021', 2024, { organization: org });
    const moved = moveIntoYear(last, 2024, draft)!;
    expect(getCell(moved.report, 'applications.newReceived.total')).toBe(
      getCell(draft, 'applications.newReceived.total'),
    );
    expect(getCell(moved.report, 'applications.carriedOver.total')).toBe(
      getCell(last, 'applications.carriedForward.total'),
    );
    expect(moved.report.sections).toEqual(draft.sections);
  });

  it('rolls the 2019 template’s item counts forward', () => {
    const last = generateConsistentReport(8, '2019', 2019, { organization: org });
    const moved = moveIntoYear(last, 2020)!;
    const prev = last.tables.article20!.licensing!;
    expect(getCell(moved.report, 'article20.licensing.previousItems')).toBe(
      (prev.previousItems ?? 0) + (prev.change ?? 0),
    );
  });

  it('moves a report of this year in the older template where the rows correspond', () => {
    const older = generateConsistentReport(9, '2019', 2022, { organization: org });
    const moved = moveIntoYear(older, 2022, emptyReport('2021', 2022, org))!;
    expect(moved.relation).toBe('other-template');
    expect(moved.report.template).toBe('2021');
    expect(getCell(moved.report, 'applications.granted.total')).toBe(
      getCell(older, 'applications.granted.total'),
    );
    expect(getCell(moved.report, 'reviewLitigation.review.total')).toBe(
      getCell(older, 'reviewLitigation.review.total'),
    );
    expect(getCell(moved.report, 'article20.licensing.decisions')).toBe(
      getCell(older, 'article20.licensing.decisions'),
    );
    // 2019's one 其他处理 row does not say how 2021's three split
    expect(getCell(moved.report, 'applications.otherOther.total')).toBeNull();
    expect(getCell(moved.report, 'article20.regulations.issued')).toBeNull();
    expect(moved.report.sections.overview).toBe(older.sections.overview);
  });

  it('takes nothing from a report two years old, and says so', () => {
    const old = generateConsistentReport(10, '2021', 2022, { organization: org });
    const moved = moveIntoYear(old, 2024)!;
    expect(moved.relation).toBe('unrelated');
    expect(moved.cells).toEqual([]);
    expect(moved.notes[0]).toContain('未带入任何数字');
  });

  it('leaves a report of the form’s year and template alone', () => {
    const same = generateConsistentReport(11, '2021', 2024, { organization: org });
    expect(moveIntoYear(same, 2024)).toBeNull();
  });

  it('leaves a report of the year in another template the year allows alone', () => {
    // both legacy tables are right for a 2015 report: the upload replaces the draft as read
    const older = generateConsistentReport(13, 'legacy-2011', 2015, { organization: org });
    expect(moveIntoYear(older, 2015, emptyReport('legacy-fujian', 2015, org))).toBeNull();
  });
});

describe('a draft without the table', () => {
  it('still gets the carried-over row', () => {
    const last = generateConsistentReport(12, '2021', 2023, { organization: org });
    const draft = { ...emptyReport('2021', 2024, org), tables: {} };
    const moved = moveIntoYear(last, 2024, draft)!;
    expect(moved.cells).toHaveLength(7);
    expect(getCell(moved.report, 'applications.newReceived.total')).toBeNull();
  });
});
