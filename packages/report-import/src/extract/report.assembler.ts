import {
  REPORT_FORMAT,
  SECTION_KEYS,
  type AnnualReport,
  type ProvenanceEntry,
  type SectionKey,
  type TemplateId,
} from '@gongkai/report-model';
import type { DocumentMeta } from './document-meta.extractor';
import { extractProseFacts } from './prose-facts.extractor';
import { provenanceOf } from './provenance';
import type { CollectedRows } from './row-collector';
import type { AssembledTables } from './table.assembler';

export type ReportKind = 'annual-report' | 'not-a-report';

export type ExtractedReport = {
  readonly report: AnnualReport;
  readonly provenance: Readonly<Record<string, ProvenanceEntry>>;
  readonly warnings: readonly string[];
  readonly kind: ReportKind;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The canonical report from what was read: the metadata, the collected sections and prose (facts
 * and staffing read from it), and the assembled tables; decides whether the document is an
 * annual report at all. `warnings` (those of the earlier steps, in order) is added to.
 */
export function assembleReport(input: {
  readonly fileName: string;
  readonly meta: DocumentMeta;
  readonly template: TemplateId;
  readonly collected: CollectedRows;
  readonly assembled: AssembledTables;
  readonly warnings: string[];
}): ExtractedReport {
  const { fileName, meta, template, collected, assembled, warnings } = input;
  const { tables, units, provenance } = assembled;
  const { prose, sectionLines } = collected;
  const year = meta.year?.value ?? null;
  const notAReport = meta.notAReport;

  const proseFacts = extractProseFacts(prose);
  warnings.push(...proseFacts.warnings);
  const facts: Record<string, number> = {};
  for (const [key, found] of Object.entries(proseFacts.facts)) {
    if (!found) continue;
    facts[key] = found.value;
    provenance[`facts.${key}`] = provenanceOf({ line: found.line }, found.confidence);
  }
  const staffing: Mutable<NonNullable<AnnualReport['staffing']>> = {
    leadingGroup: null,
    dedicatedStaff: null,
    partTimeStaff: null,
    trainings: null,
  };
  for (const key of ['leadingGroup', 'dedicatedStaff', 'partTimeStaff', 'trainings'] as const) {
    const found = proseFacts.staffing[key];
    if (!found) continue;
    (staffing as Record<string, unknown>)[key] = found.value;
    provenance[`staffing.${key}`] = provenanceOf({ line: found.line }, found.confidence);
  }

  const sections: Record<SectionKey, string | null> = {
    overview: null,
    proactive: null,
    applications: null,
    reviewLitigation: null,
    problems: null,
    other: null,
  };
  for (const key of SECTION_KEYS) {
    const text = sectionLines.get(key);
    if (text) sections[key] = text.join('\n').trim();
  }

  let yearValue = year;
  if (yearValue === null) {
    yearValue = new Date().getUTCFullYear() - 1;
    warnings.push(
      `未找到统计年度，暂记为${yearValue}年 — statistics year not found; assumed ${yearValue}`,
    );
  } else if (meta.year && meta.year.confidence < 1) {
    warnings.push(
      `统计年度${yearValue}取自正文第${meta.year.line ?? '?'}行（无标题） — year taken from the body text`,
    );
  }
  if (meta.year) provenance.year = provenanceOf({ line: meta.year.line }, meta.year.confidence);
  let orgName = meta.organization?.value ?? '';
  if (orgName === '') {
    orgName = '（未识别的机关）';
    warnings.push('未识别出报告机关名称 — organization not recognised');
  } else if (meta.organization && meta.organization.confidence < 1) {
    warnings.push(
      `机关名称“${orgName}”是从正文推断的，请核实 — organization inferred from the text`,
    );
  }
  if (meta.organization)
    provenance['organization.name'] = provenanceOf(
      { line: meta.organization.line },
      meta.organization.confidence,
    );
  if (meta.title) provenance.title = provenanceOf({ line: meta.title.line }, meta.title.confidence);
  else if (!notAReport) warnings.push('未找到报告标题 — no title found');
  if (meta.publishedOn)
    provenance.publishedOn = provenanceOf(
      { line: meta.publishedOn.line },
      meta.publishedOn.confidence,
    );

  let kind: ReportKind = 'annual-report';
  const sectionCount = SECTION_KEYS.filter((k) => sections[k] !== null).length;
  if (notAReport) {
    kind = 'not-a-report';
    warnings.unshift(
      `${fileName}：这不是政府信息公开工作年度报告（第${notAReport.line ?? '?'}行：“${notAReport.value}”），未生成任何表格 — not an annual report (${notAReport.value}); no tables were read`,
    );
  } else if (!meta.title && Object.keys(tables).length === 0 && sectionCount < 3) {
    kind = 'not-a-report';
    warnings.unshift(
      `${fileName}：既无年度报告标题，也无统计表和章节结构 — no report title, tables or sections: not an annual report`,
    );
  }

  const report: AnnualReport = {
    format: REPORT_FORMAT,
    template: kind === 'not-a-report' ? 'narrative' : template,
    year: yearValue,
    organization: { name: orgName, region: regionOf(orgName) },
    title: meta.title?.value ?? null,
    publishedOn: meta.publishedOn?.value ?? null,
    sections,
    tables: kind === 'not-a-report' ? {} : (tables as AnnualReport['tables']),
    ...(Object.keys(units).length > 0 ? { units } : {}),
    staffing,
    facts,
    provenance,
  };
  return { report, provenance, warnings, kind };
}

function regionOf(name: string): string | null {
  const hit = /^(.*?[省市县区旗州盟])/.exec(name);
  return hit?.[1] && hit[1].length < name.length ? hit[1] : null;
}
