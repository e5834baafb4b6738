import type { AnnualReport } from '../report/annual-report.types';
import { sectionLabel } from '../templates/cell-label';
import { TEMPLATE_LABELS } from '../templates/labels';
import { TEMPLATES, templatesForYear } from '../templates/template-definitions';
import type { Finding } from './finding.types';
import type { CellDefinition } from '../templates/template.types';
import { CELL_PRESENT, ROW_ABSENT, readCells, type CellVector } from './cell-vector';

/** completeness.sections: all six sections present (2019, 2021). One finding per missing section. */
export function sectionFindings(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const section of TEMPLATES[report.template].requiredSections) {
    const text = report.sections[section];
    if (text !== null) continue;
    findings.push({
      rule: 'completeness.sections',
      severity: 'error',
      cells: [`sections.${section}`],
      message: `缺少“${sectionLabel(section, 'zh')}”部分`,
      messageEn: `Section "${sectionLabel(section, 'en')}" is missing`,
    });
  }
  return findings;
}

export const OVERVIEW_TOPICS: readonly {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly pattern: RegExp;
}[] = [
  { key: 'proactive', zh: '主动公开', en: 'proactive disclosure', pattern: /主动公开/ },
  { key: 'applications', zh: '依申请公开', en: 'disclosure on application', pattern: /依申请/ },
  {
    key: 'management',
    zh: '政府信息管理',
    en: 'information management',
    pattern: /信息管理|信息资源|规范性文件(?:清理|管理)|保密审查|公开目录|发布审核/,
  },
  { key: 'platforms', zh: '平台建设', en: 'platform building', pattern: /平台|网站|政务新媒体/ },
  {
    key: 'supervision',
    zh: '监督保障',
    en: 'supervision and safeguards',
    pattern: /监督|保障|考核/,
  },
];

/** completeness.overviewTopics (2021): the overview covers the five topics of the 2021 guidance. */
export function overviewTopicFindings(report: AnnualReport): Finding[] {
  const overview = report.sections.overview;
  if (overview === null || overview.trim() === '') return [];
  const missing = OVERVIEW_TOPICS.filter((topic) => !topic.pattern.test(overview));
  if (missing.length === 0) return [];
  return [
    {
      rule: 'completeness.overviewTopics',
      severity: 'warning',
      cells: ['sections.overview'],
      expected: OVERVIEW_TOPICS.length,
      actual: OVERVIEW_TOPICS.length - missing.length,
      message: `“一、总体情况”未涉及：${missing.map((t) => t.zh).join('、')}`,
      messageEn: `The overview does not cover: ${missing.map((t) => t.en).join(', ')}`,
    },
  ];
}

export type CellCompleteness = {
  /** Cells the template expects in this report (legacy tables: the cells of the rows printed). */
  readonly expected: number;
  /** Of those, cells with a number. */
  readonly filled: number;
  /** Paths of blank or missing cells, in template order. */
  readonly blank: readonly string[];
};

export function cellCompleteness(
  report: AnnualReport,
  vector: CellVector = readCells(report),
): CellCompleteness {
  const cells = TEMPLATES[report.template].cells;
  let expected = 0;
  let filled = 0;
  const blank: string[] = [];
  for (let i = 0; i < cells.length; i += 1) {
    const state = vector.states[i];
    if (state === ROW_ABSENT) {
      if ((cells[i] as CellDefinition).table === 'legacyStats') continue;
      blank.push((cells[i] as CellDefinition).path);
    } else if (state === CELL_PRESENT) filled += 1;
    else blank.push((cells[i] as CellDefinition).path);
    expected += 1;
  }
  return { expected, filled, blank };
}

/** completeness.blankCells: one finding naming every blank or missing cell. */
export function blankCellFindings(completeness: CellCompleteness): Finding[] {
  const count = completeness.blank.length;
  if (count === 0) return [];
  return [
    {
      rule: 'completeness.blankCells',
      severity: 'warning',
      cells: completeness.blank,
      expected: 0,
      actual: count,
      message: `表格有${count}个单元格空白或缺失（空白不等于0，无数据请填0）`,
      messageEn: `${count} table cell${count === 1 ? ' is' : 's are'} blank or missing (a blank is not a zero: write 0)`,
    },
  ];
}

/** completeness.templateVersion: the template is the one prescribed for the statistics year. */
export function templateVersionFindings(report: AnnualReport): Finding[] {
  const allowed = templatesForYear(report.year);
  if (allowed.includes(report.template)) return [];
  const expectedZh = allowed.map((id) => TEMPLATE_LABELS[id].zh).join('或');
  const expectedEn = allowed.map((id) => TEMPLATE_LABELS[id].en).join(' or ');
  return [
    {
      rule: 'completeness.templateVersion',
      severity: 'error',
      cells: ['template'],
      message: `${report.year}年度报告应使用${expectedZh}，实际为${TEMPLATE_LABELS[report.template].zh}`,
      messageEn: `A ${report.year} report should use the ${expectedEn}, not the ${TEMPLATE_LABELS[report.template].en}`,
    },
  ];
}
