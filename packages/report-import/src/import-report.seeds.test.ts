import { parseReport } from '@gongkai/report-model';
import { importReport } from './import-report';
import { readSeed } from './test-support/seeds';

const sut = importReport;

function legacyRow(year: number, cumulative: number | null) {
  return { year, cumulative };
}

describe(`${importReport.name} on the seed reports`, () => {
  it('returns every cell of the 2016 附表 when reading seed 002, the blank 上级转交数 cumulative as null', () => {
    const { bytes, name } = readSeed('002');
    const result = sut(bytes, name);
    expect(result.kind).toBe('annual-report');
    expect(result.report.template).toBe('legacy-fujian');
    expect(result.report.year).toBe(2016);
    expect(result.report.organization.name).toBe('晋江市科技和知识产权局');
    expect(result.report.publishedOn).toBe('2016-12-29');
    expect(result.report.tables).toEqual({
      legacyStats: {
        proactiveTotal: legacyRow(9, 118),
        proactiveWebsite: legacyRow(9, 118),
        proactiveGazette: legacyRow(0, 0),
        applicationsTotal: legacyRow(0, 0),
        applicationsInPerson: legacyRow(0, 0),
        applicationsOnline: legacyRow(0, 0),
        applicationsLetter: legacyRow(0, 0),
        applicationsReferred: legacyRow(0, null),
        responsesTotal: legacyRow(0, 0),
        responsesGranted: legacyRow(0, 0),
        responsesPartial: legacyRow(0, 0),
        responsesDenied: legacyRow(0, 0),
        responsesOther: legacyRow(0, 0),
        feeWaiverYuan: legacyRow(0, 0),
        complaints: legacyRow(0, 0),
        administrativeReviews: legacyRow(0, 0),
        lawsuits: legacyRow(0, 0),
      },
    });
    expect(result.provenance['legacyStats.applicationsReferred.cumulative']).toEqual({
      line: 85,
      confidence: 1,
    });
    expect(result.report.staffing).toEqual({
      leadingGroup: true,
      dedicatedStaff: 0,
      partTimeStaff: 1,
      trainings: null,
    });
    expect(result.report.facts).toMatchObject({
      proactiveItems: 9,
      wechatItems: 124,
      reviews: 0,
      lawsuits: 0,
    });
    expect(parseReport(JSON.parse(JSON.stringify(result.report))).ok).toBe(true);
  });

  it('returns every cell of the 2019 tables when reading seed 004, warning about the truncated headers', () => {
    const { bytes, name } = readSeed('004');
    const result = sut(bytes, name);
    expect(result.report.template).toBe('2019');
    expect(result.report.year).toBe(2019);
    const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
    const article = ['previousItems', 'change', 'decisions'];
    expect(result.report.tables.article20).toEqual({
      regulations: zeros(['made', 'published', 'totalPublic']),
      normativeDocuments: zeros(['made', 'published', 'totalPublic']),
      licensing: { previousItems: 0, change: 16, decisions: 16 },
      otherServices: zeros(article),
      penalties: zeros(article),
      enforcement: zeros(article),
      fees: zeros(['previousItems', 'change']),
      procurement: zeros(['projects', 'amount']),
    });
    const appRow = zeros([
      'natural',
      'commercial',
      'research',
      'publicInterest',
      'legal',
      'other',
      'total',
    ]);
    const applications = result.report.tables.applications ?? {};
    expect(Object.keys(applications)).toHaveLength(23);
    for (const row of Object.values(applications)) expect(row).toEqual(appRow);
    expect(applications.otherHandling).toEqual(appRow);
    const reviewRow = zeros(['upheld', 'corrected', 'other', 'pending', 'total']);
    expect(result.report.tables.reviewLitigation).toEqual({
      review: reviewRow,
      litigationDirect: reviewRow,
      litigationAfterReview: reviewRow,
    });
    expect(result.warnings.some((w) => w.includes('本年新') && w.includes('truncated'))).toBe(true);
    expect(result.report.facts).toMatchObject({
      proactiveItems: 373,
      weiboItems: 103,
      wechatItems: 89,
      policyInterpretations: 19,
    });
    expect(result.report.staffing).toMatchObject({ leadingGroup: true, trainings: 2 });
    expect(result.report.sections.other).toBeNull();
    expect(result.report.sections.problems).toMatch(/^目前,我局工作仍存在/);
  });

  it('returns sections and staffing facts when reading the narrative 2012 report of seed 003', () => {
    const { bytes, name } = readSeed('003');
    const result = sut(bytes, name);
    expect(result.kind).toBe('annual-report');
    expect(result.report.template).toBe('narrative');
    expect(result.report.tables).toEqual({});
    expect(result.report.title).toBe('高青县科学技术局2012年政府信息公开工作年度报告');
    expect(result.report.sections.overview).toMatch(/^2012年，我局政府信息公开工作继续遵循/);
    expect(result.report.sections.proactive).toContain('主动公开政府信息36条');
    expect(result.report.sections.applications).toContain(
      '未有公民、法人或其他组织提出政府信息公开申请',
    );
    expect(result.report.sections.reviewLitigation).toContain('没有发生因政府信息公开申请行政复议');
    expect(result.report.sections.problems).toMatch(
      /^2012年，我局在信息公开工作中取得了一定的成绩/,
    );
    expect(result.report.staffing?.leadingGroup).toBe(true);
    expect(result.report.facts).toMatchObject({ proactiveItems: 36, applicationsReceived: 0 });
  });

  it.each([
    ['000', '自查报告'],
    ['001', '成绩单'],
  ])('returns kind not-a-report and no tables when reading seed %s (%s)', (prefix) => {
    const { bytes, name } = readSeed(prefix);
    const result = sut(bytes, name);
    expect(result.kind).toBe('not-a-report');
    expect(result.report.template).toBe('narrative');
    expect(result.report.tables).toEqual({});
    expect(result.warnings[0]).toMatch(/not an annual report/);
  });
});
