/**
 * Consistent report generator: pure and seeded, for property tests, benchmarks and demo data.
 * A generated report passes every error rule of its template, states in its prose the numbers of
 * its tables, has all six sections, a dedicated officer and training; with `previous`, it continues
 * that report (carry-overs, roll-forwards, cumulative columns).
 */
import { REPORT_FORMAT, type AnnualReport, type ReportTables } from '../report/annual-report.types';
import type { TemplateId } from '../templates/template.types';
import { int, pick, createRng, type Rng } from './rng';
import { BODIES, PLACES, paragraph } from './generate-prose';
import { legacyTables, nationalTables } from './generate-tables';

export { createRng, type Rng } from './rng';

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
