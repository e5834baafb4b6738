import type { AnnualReport } from '../report/annual-report.types';
import { generateConsistentReport, generateYearPair } from '../testing/generate-report';
import { mutableCopy, withCell, withCellDelta } from '../testing/mutable';
import type { TemplateId } from '../templates/template.types';
import { check, type CheckOptions } from './check';
import type { RuleId } from './finding.types';
import { RULE_CATALOGUE } from './rule-catalogue';

type Case = {
  readonly rule: RuleId;
  readonly name: string;
  /** The report (and options) on which the rule must fire. */
  readonly firing: () => { report: AnnualReport; options?: CheckOptions };
  /** A close report (and options) on which it must not. */
  readonly passing: () => { report: AnnualReport; options?: CheckOptions };
};

const base = (template: TemplateId, year: number, seed = 7) =>
  generateConsistentReport(seed, template, year);
const pair = (template: TemplateId, year: number, seed = 7) =>
  generateYearPair(seed, template, year);

function patch(report: AnnualReport, change: (draft: ReturnType<typeof mutableCopy>) => void) {
  const draft = mutableCopy(report);
  change(draft);
  return draft as AnnualReport;
}

function withPrevious(
  template: TemplateId,
  year: number,
  change: (r: AnnualReport) => AnnualReport,
) {
  return () => {
    const { previous, current } = pair(template, year);
    return { report: change(current), options: { previous } };
  };
}

const R21 = base('2021', 2023);
const R19 = base('2019', 2020);
const RF = base('legacy-fujian', 2016);
const R11 = base('legacy-2011', 2011);

const cases: readonly Case[] = [
  {
    rule: 'applications.balance',
    name: 'new received raised in a column and its total',
    firing: () => ({
      report: withCellDelta(
        withCellDelta(R21, 'applications.newReceived.natural', 1),
        'applications.newReceived.total',
        1,
      ),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'applications.rowTotal',
    name: 'a row total that is not the sum of the applicant columns',
    firing: () => ({ report: withCellDelta(R19, 'applications.carriedForward.total', 2) }),
    passing: () => ({ report: R19 }),
  },
  {
    rule: 'applications.columnTotal',
    name: 'an outcome changed in a column and in the total column',
    firing: () => ({
      report: withCellDelta(
        withCellDelta(R21, 'applications.otherOther.legal', 1),
        'applications.otherOther.total',
        1,
      ),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'applications.carryOver',
    name: "carried over differs from last year's carried forward",
    firing: withPrevious('2021', 2023, (r) =>
      withCellDelta(r, 'applications.carriedOver.research', 1),
    ),
    passing: withPrevious('2021', 2023, (r) => r),
  },
  {
    rule: 'reviewLitigation.groupTotal',
    name: 'upheld raised without the total',
    firing: () => ({ report: withCellDelta(R21, 'reviewLitigation.litigationDirect.upheld', 1) }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'article20.inForceRollForward',
    name: 'in force does not roll forward',
    firing: withPrevious('2021', 2023, (r) => withCellDelta(r, 'article20.regulations.inForce', 3)),
    passing: withPrevious('2021', 2023, (r) => r),
  },
  {
    rule: 'article20.totalPublicRollForward',
    name: 'total public does not roll forward',
    firing: withPrevious('2019', 2020, (r) =>
      withCellDelta(r, 'article20.normativeDocuments.totalPublic', 1),
    ),
    passing: withPrevious('2019', 2020, (r) => r),
  },
  {
    rule: 'article20.previousItemsRollForward',
    name: "items last year differ from last year's items + change",
    firing: withPrevious('2019', 2020, (r) => withCellDelta(r, 'article20.fees.previousItems', 1)),
    passing: withPrevious('2019', 2020, (r) => r),
  },
  {
    rule: 'article20.feeUnit',
    name: 'fees in yuan written into the 万元 cell',
    firing: () => ({ report: withCell(R21, 'article20.fees.amount', 251000) }),
    passing: () => ({ report: withCell(R21, 'article20.fees.amount', 25.1) }),
  },
  {
    rule: 'article20.feeUnit',
    name: 'fees with six decimals',
    firing: () => ({ report: withCell(R21, 'article20.fees.amount', 2.510001) }),
    passing: () => ({ report: withCell(R21, 'article20.fees.amount', 2.5101) }),
  },
  {
    rule: 'legacy.cumulativeRollForward',
    name: 'cumulative is not previous cumulative + year',
    firing: withPrevious('legacy-fujian', 2016, (r) =>
      withCellDelta(r, 'legacyStats.complaints.cumulative', 1),
    ),
    passing: withPrevious('legacy-fujian', 2016, (r) => r),
  },
  {
    rule: 'legacy.cumulativeNotBelowYear',
    name: 'cumulative below the year',
    firing: () => ({
      report: withCell(
        withCell(RF, 'legacyStats.lawsuits.year', 5),
        'legacyStats.lawsuits.cumulative',
        4,
      ),
    }),
    passing: () => ({
      report: withCell(
        withCell(RF, 'legacyStats.lawsuits.year', 5),
        'legacyStats.lawsuits.cumulative',
        5,
      ),
    }),
  },
  {
    rule: 'legacy.cumulativeNotBelowYear',
    name: 'cumulative lower than last year',
    firing: withPrevious('legacy-2011', 2011, (r) =>
      withCell(
        withCell(r, 'legacyStats.complaints.year', 0),
        'legacyStats.complaints.cumulative',
        0,
      ),
    ),
    passing: withPrevious('legacy-2011', 2011, (r) => r),
  },
  {
    rule: 'legacy.channelsSum',
    name: 'applications total is not the sum of the channels',
    firing: () => ({ report: withCellDelta(R11, 'legacyStats.applicationsEmail.cumulative', 1) }),
    passing: () => ({ report: R11 }),
  },
  {
    rule: 'legacy.responsesSum',
    name: 'responses total is not the sum of the responses',
    firing: () => ({ report: withCellDelta(RF, 'legacyStats.responsesDenied.year', 1) }),
    passing: () => ({ report: RF }),
  },
  {
    rule: 'legacy.responsesNotAboveApplications',
    name: 'more responses than applications',
    firing: () => {
      const applications = RF.tables.legacyStats?.applicationsTotal?.year ?? 0;
      const responses = RF.tables.legacyStats?.responsesTotal?.year ?? 0;
      const extra = applications - responses + 1;
      return {
        report: withCellDelta(
          withCellDelta(RF, 'legacyStats.responsesOther.year', extra),
          'legacyStats.responsesTotal.year',
          extra,
        ),
      };
    },
    passing: () => ({ report: RF }),
  },
  {
    rule: 'legacy.proactiveChannels',
    name: 'website items above the total',
    firing: () => ({
      report: withCell(
        RF,
        'legacyStats.proactiveWebsite.year',
        (RF.tables.legacyStats?.proactiveTotal?.year ?? 0) + 1,
      ),
    }),
    passing: () => ({ report: RF }),
  },
  {
    rule: 'completeness.sections',
    name: 'section six absent',
    firing: () => ({ report: patch(R21, (d) => void (d.sections.other = null)) }),
    passing: () => ({ report: patch(R21, (d) => void (d.sections.other = '')) }),
  },
  {
    rule: 'completeness.overviewTopics',
    name: 'an overview without the five topics',
    firing: () => ({
      report: patch(R21, (d) => void (d.sections.overview = '本年度，我局主动公开政府信息100条。')),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'completeness.blankCells',
    name: 'a blank cell',
    firing: () => ({ report: withCell(R19, 'article20.procurement.amount', null) }),
    passing: () => ({ report: withCell(R19, 'article20.procurement.amount', 0) }),
  },
  {
    rule: 'completeness.templateVersion',
    name: 'a 2023 report in the 2019 template',
    firing: () => ({ report: patch(R19, (d) => void (d.year = 2023)) }),
    passing: () => ({ report: R19 }),
  },
  {
    rule: 'text.matchesTable',
    name: 'prose states a different number of lawsuits',
    firing: () => ({
      report: patch(R21, (d) => {
        const total =
          (R21.tables.reviewLitigation?.litigationDirect?.total ?? 0) +
          (R21.tables.reviewLitigation?.litigationAfterReview?.total ?? 0);
        d.sections.reviewLitigation = `本年度发生行政诉讼${total + 2}件。`;
      }),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'text.arithmetic',
    name: 'a wrong percentage',
    firing: () => ({
      report: patch(
        R21,
        (d) => void (d.sections.other = '全年共发布信息10条，其中政策文件3条，占40%。'),
      ),
    }),
    passing: () => ({
      report: patch(
        R21,
        (d) => void (d.sections.other = '全年共发布信息10条，其中政策文件3条，占30%。'),
      ),
    }),
  },
  {
    rule: 'text.wrongYear',
    name: 'plans dated with the report year',
    firing: () => ({
      report: patch(R21, (d) => void (d.sections.problems = '2023年，我局将继续加强培训。')),
    }),
    passing: () => ({
      report: patch(R21, (d) => void (d.sections.problems = '2024年，我局将继续加强培训。')),
    }),
  },
  {
    rule: 'text.wrongYear',
    name: 'a blank statistics period',
    firing: () => ({
      report: patch(
        R21,
        (d) => void (d.sections.overview = `统计期限自至。${R21.sections.overview ?? ''}`),
      ),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'text.wrongEntity',
    name: '我县 in a district report',
    firing: () => ({
      report: patch(R21, (d) => {
        d.organization.name = '平安区民政局';
        d.sections.other = '我县民政工作稳步推进。';
      }),
    }),
    passing: () => ({
      report: patch(R21, (d) => {
        d.organization.name = '平安区民政局';
        d.sections.other = '我区民政工作稳步推进。';
      }),
    }),
  },
  {
    rule: 'originality.previousYear',
    name: "last year's prose reused",
    firing: () => ({ report: R21, options: { previous: patch(R21, (d) => void (d.year = 2022)) } }),
    passing: () => ({ report: R21, options: { previous: base('2021', 2022, 99) } }),
  },
  {
    rule: 'originality.peer',
    name: "another body's prose reused",
    firing: () => ({
      report: R21,
      options: {
        peers: [
          patch(R21, (d) => void (d.organization.name = '长乐县统计局')),
          base('2021', 2023, 8),
        ],
      },
    }),
    passing: () => ({
      report: R21,
      options: { peers: [base('2021', 2023, 8), base('2021', 2023, 9)] },
    }),
  },
  {
    rule: 'staffing.noDedicatedStaff',
    name: 'no dedicated staff stated',
    firing: () => ({
      report: patch(R21, (d) => void (d.staffing = { dedicatedStaff: 0, partTimeStaff: 1 })),
    }),
    passing: () => ({ report: R21 }),
  },
  {
    rule: 'staffing.noDedicatedStaff',
    name: 'prose says one part-timer does it all',
    firing: () => ({
      report: patch(R21, (d) => {
        d.staffing = {};
        d.sections.problems =
          '目前单位没有专职从事政府信息公开工作人员，所有内容皆由1名兼职工作人员完成。';
      }),
    }),
    passing: () => ({ report: patch(R21, (d) => void (d.staffing = {})) }),
  },
  {
    rule: 'staffing.noTraining',
    name: 'no training',
    firing: () => ({
      report: patch(R21, (d) => void (d.staffing = { dedicatedStaff: 1, trainings: 0 })),
    }),
    passing: () => ({ report: R21 }),
  },
];

describe(check.name, () => {
  it.each(cases)('reports $rule when $name', ({ rule, firing }) => {
    const { report, options } = firing();
    const sut = check(report, options);
    expect(sut.findings.map((f) => f.rule)).toContain(rule);
  });

  it.each(cases)(
    'does not report $rule on the close passing case of "$name"',
    ({ rule, passing }) => {
      const { report, options } = passing();
      const sut = check(report, options);
      expect(sut.findings.map((f) => f.rule)).not.toContain(rule);
    },
  );

  it('has a firing and a passing case for every rule evaluated by check', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const missing = RULE_CATALOGUE.filter((r) => r.scope !== 'server' && !covered.has(r.id)).map(
      (r) => r.id,
    );
    expect(missing).toEqual([]);
  });
});
