/**
 * Consistent report generator: pure and seeded, for property tests, benchmarks and demo data.
 * A generated report passes every error rule of its template, states in its prose the numbers of
 * its tables, has all six sections, a dedicated officer and training; with `previous`, it continues
 * that report (carry-overs, roll-forwards, cumulative columns).
 */
import { REPORT_FORMAT, type AnnualReport, type ReportTables } from '../report/annual-report.types';
import {
  APPLICANT_COLUMNS,
  LEGACY_2011_ROWS,
  LEGACY_APPLICATION_CHANNEL_ROWS,
  LEGACY_FUJIAN_ROWS,
  LEGACY_RESPONSE_ROWS,
  REVIEW_LITIGATION_PARTS,
  REVIEW_LITIGATION_ROWS,
  applicationOutcomeRows,
} from '../templates/template-definitions';
import type { TemplateId } from '../templates/template.types';

export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator of floats in [0, 1). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: Rng, max: number): number {
  return Math.floor(rng() * (max + 1));
}

/** Mostly zeros, sometimes small counts, like real tables. */
function sparse(rng: Rng, max: number): number {
  return rng() < 0.6 ? 0 : 1 + int(rng, max - 1);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

type Rows = Record<string, Record<string, number | null>>;

const PLACES = ['青山', '河西', '东城', '南湖', '北岭', '西林', '平安', '永宁', '长乐', '清河'];
const BODIES = [
  '科学技术局',
  '教育局',
  '民政局',
  '财政局',
  '自然资源局',
  '生态环境局',
  '文化和旅游局',
  '卫生健康委员会',
  '应急管理局',
  '统计局',
];

const VERBS = [
  '推进',
  '加强',
  '完善',
  '健全',
  '落实',
  '深化',
  '规范',
  '优化',
  '强化',
  '提升',
  '推动',
  '做好',
  '建立',
  '开展',
  '坚持',
  '拓展',
  '细化',
  '统筹',
  '夯实',
  '压实',
  '创新',
  '改进',
  '梳理',
  '整合',
  '加快',
  '扩大',
  '严格',
  '明确',
  '畅通',
  '丰富',
  '巩固',
  '探索',
  '深入',
  '加大',
  '聚焦',
  '围绕',
];
const NOUNS = [
  '政务公开',
  '信息发布',
  '政策解读',
  '回应关切',
  '制度建设',
  '保密审查',
  '公开目录',
  '公开指南',
  '考核评议',
  '监督检查',
  '队伍建设',
  '工作机制',
  '责任清单',
  '权力清单',
  '办事指南',
  '网站管理',
  '政务新媒体',
  '数据开放',
  '重点领域',
  '财政预决算',
  '三公经费',
  '重大项目',
  '公共资源配置',
  '社会救助',
  '就业创业',
  '教育收费',
  '医疗卫生',
  '环境保护',
  '安全生产',
  '食品药品',
  '征地拆迁',
  '保障性住房',
  '政府采购',
  '建议提案',
  '规范性文件',
  '政策文件库',
  '基层政务',
  '标准化建设',
  '便民服务',
  '在线申请',
  '答复时限',
  '办理流程',
  '台账管理',
  '协调机制',
  '舆情回应',
  '新闻发布',
  '政府开放日',
  '公众参与',
  '决策公开',
  '执行公开',
  '管理公开',
  '服务公开',
  '结果公开',
  '解读材料',
  '意见征集',
  '栏目设置',
  '信息更新',
  '内容审核',
  '工作人员',
  '业务能力',
  '公开意识',
  '群众满意度',
];
const LINKS = ['，', '，进一步', '，不断', '，切实', '，着力', '，持续'];

function clause(rng: Rng): string {
  const words = 2 + int(rng, 2);
  let out = '';
  for (let i = 0; i < words; i += 1) out += `${pick(rng, VERBS)}${pick(rng, NOUNS)}`;
  return out;
}

function paragraph(rng: Rng, count: number): string {
  let out = clause(rng);
  for (let i = 1; i < count * 2; i += 1) out += `${pick(rng, LINKS)}${clause(rng)}`;
  return `${out}。`;
}

function nationalTables(
  rng: Rng,
  template: '2019' | '2021',
  previous: AnnualReport | undefined,
): ReportTables {
  const outcomeRows = applicationOutcomeRows(template);
  const applications: Rows = {};
  for (const row of ['newReceived', 'carriedOver', ...outcomeRows, 'total', 'carriedForward']) {
    applications[row] = {};
  }
  const prevApps =
    previous && (previous.template === '2019' || previous.template === '2021')
      ? previous.tables.applications
      : undefined;
  for (const column of APPLICANT_COLUMNS) {
    const scale = column === 'natural' ? 12 : 3;
    let total = 0;
    for (const row of outcomeRows) {
      const value = sparse(rng, row === 'granted' ? scale * 2 : scale);
      (applications[row] as Record<string, number>)[column] = value;
      total += value;
    }
    const carriedOver = prevApps?.carriedForward?.[column] ?? sparse(rng, 2);
    let carriedForward = sparse(rng, 2);
    if (total + carriedForward < carriedOver) {
      const missing = carriedOver - total - carriedForward;
      (applications.granted as Record<string, number>)[column] =
        ((applications.granted as Record<string, number>)[column] ?? 0) + missing;
      total += missing;
    }
    carriedForward = Math.max(0, carriedForward);
    (applications.total as Record<string, number>)[column] = total;
    (applications.carriedOver as Record<string, number>)[column] = carriedOver;
    (applications.carriedForward as Record<string, number>)[column] = carriedForward;
    (applications.newReceived as Record<string, number>)[column] =
      total + carriedForward - carriedOver;
  }
  for (const values of Object.values(applications)) {
    values.total = APPLICANT_COLUMNS.reduce((sum, column) => sum + (values[column] ?? 0), 0);
  }

  const reviewLitigation: Rows = {};
  for (const row of REVIEW_LITIGATION_ROWS) {
    const values: Record<string, number> = {};
    let total = 0;
    for (const part of REVIEW_LITIGATION_PARTS) {
      values[part] = sparse(rng, row === 'review' ? 3 : 2);
      total += values[part];
    }
    values.total = total;
    reviewLitigation[row] = values;
  }

  const prev20 = previous?.template === template ? previous.tables.article20 : undefined;
  const article20: Rows = {};
  if (template === '2021') {
    for (const row of ['regulations', 'normativeDocuments']) {
      const issued = sparse(rng, 5);
      const repealed = sparse(rng, 2);
      const base = prev20?.[row]?.inForce ?? int(rng, 30) + repealed;
      article20[row] = { issued, repealed, inForce: Math.max(0, base + issued - repealed) };
      if (base + issued - repealed < 0)
        article20[row] = { issued, repealed: 0, inForce: base + issued };
    }
    for (const row of ['licensing', 'penalties', 'enforcement']) {
      article20[row] = { decisions: sparse(rng, 200) };
    }
    article20.fees = { amount: Math.round(rng() * 5000) / 100 };
  } else {
    for (const row of ['regulations', 'normativeDocuments']) {
      const made = sparse(rng, 5);
      const published = Math.min(made, sparse(rng, 5));
      const base = prev20?.[row]?.totalPublic ?? int(rng, 30);
      article20[row] = { made, published, totalPublic: base + published };
    }
    for (const row of ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees']) {
      const previousItems = prev20
        ? (prev20[row]?.previousItems ?? 0) + (prev20[row]?.change ?? 0)
        : int(rng, 20);
      const change = int(rng, 6) - Math.min(3, previousItems);
      article20[row] =
        row === 'fees'
          ? { previousItems, change }
          : { previousItems, change, decisions: sparse(rng, 100) };
    }
    article20.procurement = { projects: sparse(rng, 5), amount: Math.round(rng() * 100000) / 100 };
  }
  return { article20, applications, reviewLitigation };
}

function legacyTables(
  rng: Rng,
  template: 'legacy-fujian' | 'legacy-2011',
  previous: AnnualReport | undefined,
): ReportTables {
  const rows: readonly string[] =
    template === 'legacy-fujian' ? LEGACY_FUJIAN_ROWS : LEGACY_2011_ROWS;
  const year: Record<string, number> = {};
  const website = sparse(rng, 100);
  const gazette = sparse(rng, 20);
  year.proactiveWebsite = website;
  year.proactiveGazette = gazette;
  year.proactiveTotal = website + gazette + sparse(rng, 10);
  let applications = 0;
  for (const row of LEGACY_APPLICATION_CHANNEL_ROWS) {
    if (!rows.includes(row)) continue;
    year[row] = sparse(rng, 5);
    applications += year[row];
  }
  year.applicationsTotal = applications;
  let remaining = applications;
  let responses = 0;
  for (const row of LEGACY_RESPONSE_ROWS) {
    year[row] = int(rng, remaining);
    remaining -= year[row];
    responses += year[row];
  }
  year.responsesTotal = responses;
  year.feeWaiverYuan = rng() < 0.8 ? 0 : Math.round(rng() * 50000) / 100;
  year.complaints = sparse(rng, 3);
  year.administrativeReviews = sparse(rng, 2);
  year.lawsuits = sparse(rng, 2);
  // Cumulative = previous cumulative (or a random history with the same sums) + this year.
  const history: Record<string, number> = {};
  const prev = previous?.tables.legacyStats;
  for (const row of rows) {
    const before = prev?.[row]?.cumulative;
    history[row] =
      before ?? (row === 'feeWaiverYuan' ? Math.round(rng() * 100000) / 100 : int(rng, 50));
  }
  if (!prev) {
    history.proactiveTotal = (history.proactiveWebsite ?? 0) + (history.proactiveGazette ?? 0);
    history.applicationsTotal = LEGACY_APPLICATION_CHANNEL_ROWS.reduce(
      (sum, row) => sum + (rows.includes(row) ? (history[row] ?? 0) : 0),
      0,
    );
    let left = history.applicationsTotal;
    let sum = 0;
    for (const row of LEGACY_RESPONSE_ROWS) {
      history[row] = int(rng, left);
      left -= history[row];
      sum += history[row];
    }
    history.responsesTotal = sum;
  }
  const legacyStats: Rows = {};
  for (const row of rows) {
    const y = year[row] ?? 0;
    const cumulative = (history[row] ?? 0) + y;
    legacyStats[row] = {
      year: y,
      cumulative: row === 'feeWaiverYuan' ? Math.round(cumulative * 100) / 100 : cumulative,
    };
  }
  return { legacyStats };
}

function levelOf(name: string): string {
  return name.includes('区') ? '区' : name.includes('县') ? '县' : '市';
}

export type GenerateOptions = {
  /** Continue this report: same body, carry-overs and roll-forwards matching. */
  readonly previous?: AnnualReport;
  readonly organization?: AnnualReport['organization'];
};

/**
 * A consistent report of a template and year. `seed` is a number or a generator (`createRng`).
 * Deterministic: the same seed gives the same report.
 */
export function generateConsistentReport(
  seed: number | Rng,
  template: TemplateId,
  year: number,
  options: GenerateOptions = {},
): AnnualReport {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  const organization = options.organization ??
    options.previous?.organization ?? {
      name: `${pick(rng, PLACES)}${pick(rng, ['县', '区'])}${pick(rng, BODIES)}`,
      region: null,
    };
  const tables: ReportTables =
    template === '2019' || template === '2021'
      ? nationalTables(rng, template, options.previous)
      : template === 'narrative'
        ? {}
        : legacyTables(rng, template, options.previous);
  const level = levelOf(organization.name);
  const apps = tables.applications;
  const received = apps?.newReceived?.total ?? tables.legacyStats?.applicationsTotal?.year ?? 0;
  const completed = apps?.total?.total ?? tables.legacyStats?.responsesTotal?.year ?? 0;
  const forward = apps?.carriedForward?.total ?? 0;
  const reviews =
    tables.reviewLitigation?.review?.total ?? tables.legacyStats?.administrativeReviews?.year ?? 0;
  const lawsuits =
    tables.reviewLitigation !== undefined
      ? (tables.reviewLitigation.litigationDirect?.total ?? 0) +
        (tables.reviewLitigation.litigationAfterReview?.total ?? 0)
      : (tables.legacyStats?.lawsuits?.year ?? 0);
  const proactive = tables.legacyStats?.proactiveTotal?.year ?? 100 + int(rng, 400);
  const national = template === '2019' || template === '2021';
  const sections = {
    overview:
      `${year}年，${organization.name}在${level}委、${level}政府的领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，` +
      `统计期限自${year}年1月1日至${year}年12月31日。全年主动公开政府信息${proactive}条。` +
      `在政府信息管理方面，${paragraph(rng, 3)}在平台建设方面，${paragraph(rng, 3)}` +
      `在依申请公开方面，${paragraph(rng, 2)}在监督保障方面，明确1名专职工作人员负责政府信息公开工作，全年参加业务培训${1 + int(rng, 3)}次，${paragraph(rng, 2)}`,
    proactive: national ? `主动公开政府信息情况如下。${paragraph(rng, 4)}` : paragraph(rng, 4),
    applications:
      `本年度共收到政府信息公开申请${received}件` +
      (national
        ? `，上年结转${apps?.carriedOver?.total ?? 0}件，办结${completed}件，结转下年度继续办理${forward}件。`
        : `，办结${completed}件。`) +
      paragraph(rng, 2),
    reviewLitigation: `本年度发生政府信息公开行政复议${reviews}件，行政诉讼${lawsuits}件。${paragraph(rng, 1)}`,
    problems: `工作中仍存在一些不足。${paragraph(rng, 3)}${year + 1}年，我们将${paragraph(rng, 3)}`,
    other: `本年度未收取信息处理费。${paragraph(rng, 2)}`,
  };
  const trainings = 1 + int(rng, 3);
  return {
    format: REPORT_FORMAT,
    template,
    year,
    organization,
    title: `${organization.name}${year}年政府信息公开工作年度报告`,
    publishedOn: `${year + 1}-01-${String(10 + int(rng, 15)).padStart(2, '0')}`,
    sections,
    tables,
    staffing: { leadingGroup: true, dedicatedStaff: 1, partTimeStaff: int(rng, 2), trainings },
    facts: { proactiveItems: proactive },
  };
}

/** The statistics year each template is generated for by default. */
export const DEFAULT_YEARS: Readonly<Record<TemplateId, number>> = {
  '2021': 2023,
  '2019': 2019,
  'legacy-fujian': 2016,
  'legacy-2011': 2011,
  narrative: 2012,
};

/** A previous-year and current-year report of one body whose carry-overs and roll-forwards match. */
export function generateYearPair(
  seed: number | Rng,
  template: TemplateId,
  year: number,
): { readonly previous: AnnualReport; readonly current: AnnualReport } {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  const previous = generateConsistentReport(rng, template, year - 1);
  const current = generateConsistentReport(rng, template, year, { previous });
  return { previous, current };
}
