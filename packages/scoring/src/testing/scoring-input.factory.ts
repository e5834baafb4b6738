import { emptyReport, type RuleId } from '@gongkai/report-model';
import type { AnnualReport, Finding, Severity } from '../report.types';
import type { RosterPost, RosterSummary, ScoringInput } from '../scoring-input.types';

/** Deadline of the factory's round: 31 January 2024, end of day in Asia/Shanghai. */
export const DEADLINE = '2024-01-31T23:59:59.999+08:00';
/** Scoring instant of the factory's round: well after the deadline. */
export const AS_OF = '2024-03-01T12:00:00+08:00';

type Tables = Record<string, Record<string, Record<string, number | null>>>;

const CELLS: Readonly<Record<string, number>> = {
  'applications.newReceived.total': 20,
  'applications.carriedOver.total': 2,
  'applications.granted.total': 12,
  'applications.partiallyGranted.total': 3,
  'applications.total.total': 20,
  'applications.carriedForward.total': 2,
  'reviewLitigation.review.upheld': 1,
  'reviewLitigation.review.total': 1,
  'article20.licensing.decisions': 120,
  'article20.penalties.decisions': 30,
};

/**
 * A 2021-template report with every section present and the cells the indicators read filled
 * (other cells 0). Its findings are whatever a test gives the input: scoring reads findings,
 * never re-checks the report.
 */
export function aReport(overrides: Partial<AnnualReport> = {}): AnnualReport {
  let report: AnnualReport = {
    ...emptyReport('2021', 2023, { name: '某县科学技术局', region: '某省某市某县' }),
    sections: {
      overview: '2023年，本局认真贯彻落实政府信息公开条例。',
      proactive: '全年主动公开政府信息373条。',
      applications: '共收到申请20件。',
      reviewLitigation: '发生行政复议1件。',
      problems: '存在的主要问题是公开内容不够丰富。',
      other: '本年度未收取信息处理费。',
    },
    staffing: { leadingGroup: true, dedicatedStaff: 1, partTimeStaff: 1, trainings: 2 },
    facts: { proactiveItems: 373 },
  };
  const tables = JSON.parse(JSON.stringify(report.tables)) as Tables;
  for (const rows of Object.values(tables)) {
    for (const columns of Object.values(rows)) {
      for (const column of Object.keys(columns)) columns[column] = 0;
    }
  }
  report = { ...report, tables: tables as AnnualReport['tables'] };
  for (const [path, value] of Object.entries(CELLS)) report = withCell(report, path, value);
  return { ...report, ...overrides };
}

/** A report with one cell replaced (`table.row.column`). */
export function withCell(report: AnnualReport, path: string, value: number | null): AnnualReport {
  const [table = '', row = '', column = ''] = path.split('.');
  const tables = JSON.parse(JSON.stringify(report.tables)) as Tables;
  const tableData = (tables[table] ??= {});
  const rowData = (tableData[row] ??= {});
  rowData[column] = value;
  return { ...report, tables: tables as AnnualReport['tables'] };
}

export function aFinding(overrides: Partial<Finding> & { rule: RuleId }): Finding {
  const severity: Severity = overrides.severity ?? 'warning';
  return {
    severity,
    cells: [],
    message: `检查结果 ${overrides.rule}`,
    messageEn: `finding ${overrides.rule}`,
    ...overrides,
  };
}

export function aPost(overrides: Partial<RosterPost> = {}): RosterPost {
  return {
    postId: 'dedicatedStaff',
    labelZh: '专职工作人员',
    labelEn: 'Dedicated staff',
    minCount: 1,
    fullTimeRequired: true,
    holders: 1,
    fullTimeHolders: 1,
    vacantSince: null,
    ...overrides,
  };
}

export function aRoster(overrides: Partial<RosterSummary> = {}): RosterSummary {
  return {
    lastUpdatedAt: '2024-01-10T09:00:00+08:00',
    fullTimeStaff: 1,
    partTimeStaff: 1,
    leadingGroup: true,
    trainingsInRound: 1,
    posts: [aPost(), aPost({ postId: 'liaison', fullTimeRequired: false, fullTimeHolders: 0 })],
    ...overrides,
  };
}

/** An organization that submitted a clean report on time. */
export function aScoringInput(overrides: Partial<ScoringInput> = {}): ScoringInput {
  return {
    organizationId: 'org-001',
    peerGroup: 'county-department',
    regionPath: ['province', 'city', 'county-a'],
    deadline: DEADLINE,
    submission: {
      status: 'approved',
      firstSubmittedAt: '2024-01-20T10:00:00+08:00',
      lastSubmittedAt: '2024-01-20T10:00:00+08:00',
      returnedAt: null,
    },
    report: aReport(),
    findings: [],
    ...overrides,
  };
}
