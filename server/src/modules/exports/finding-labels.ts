import {
  cellLabel,
  COLUMN_LABELS,
  CELL_LABEL_OVERRIDES,
  ROW_LABELS,
  type RuleId,
  sectionLabel,
  SECTION_LABELS,
  tableLabel,
  TABLE_LABELS,
} from '@gongkai/report-model';

/** Short Chinese names of the rules, as a findings list names them (the id stays for experts). */
export const RULE_NAMES_ZH: Readonly<Record<RuleId, string>> = {
  'applications.balance': '申请表收支平衡',
  'applications.rowTotal': '申请表行合计',
  'applications.columnTotal': '申请表列合计',
  'applications.carryOver': '上年结转与上年报告一致',
  'reviewLitigation.groupTotal': '复议诉讼分组合计',
  'article20.inForceRollForward': '现行有效件数衔接上年',
  'article20.totalPublicRollForward': '对外公开总数衔接上年',
  'article20.previousItemsRollForward': '上一年项目数衔接上年',
  'article20.feeUnit': '收费金额单位（万元）',
  'legacy.cumulativeRollForward': '历年累计衔接上年',
  'legacy.cumulativeNotBelowYear': '历年累计不小于本年度',
  'legacy.channelsSum': '受理申请渠道合计',
  'legacy.responsesSum': '答复类型合计',
  'legacy.responsesNotAboveApplications': '答复数不大于受理数',
  'legacy.proactiveChannels': '主动公开渠道数',
  'completeness.sections': '六个部分齐全',
  'completeness.overviewTopics': '总体情况内容齐全',
  'completeness.blankCells': '表格无空白单元格',
  'completeness.templateVersion': '模板与年度相符',
  'text.matchesTable': '正文数字与表格一致',
  'text.arithmetic': '正文计算正确',
  'text.wrongYear': '正文年份正确',
  'text.wrongEntity': '正文机关名称正确',
  'originality.previousYear': '与上年报告雷同',
  'originality.peer': '与其他单位报告雷同',
  'staffing.noDedicatedStaff': '无专职工作人员',
  'staffing.noTraining': '未开展业务培训',
  'timeliness.deadline': '逾期报送',
};

/** The Chinese name of a rule; an id the catalogue does not know is named as a check, never shown raw. */
export function ruleNameZh(rule: string): string {
  return Object.prototype.hasOwnProperty.call(RULE_NAMES_ZH, rule)
    ? RULE_NAMES_ZH[rule as RuleId]
    : '其他检查';
}

const has = (record: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

/** Report fields outside the tables and sections that findings point at. */
const FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  template: '报告模板',
  sections: '报告正文',
  'staffing.dedicatedStaff': '工作人员·专职人员数',
  'staffing.partTimeStaff': '工作人员·兼职人员数',
  'staffing.leadingGroup': '工作人员·领导小组',
  'staffing.trainings': '工作人员·业务培训次数',
};

/**
 * A cell path of a finding (`applications.granted.commercial`) in the words of the template
 * (`收到和处理政府信息公开申请情况：（一）予以公开·商业企业`), or null when the template has no
 * label for it (the path then shows only in the cell-code column).
 */
export function cellLabelZh(path: string): string | null {
  const parts = cellLabelParts(path);
  return parts && (parts.table ? `${parts.table}：${parts.cell}` : parts.cell);
}

/** A cell's label as its table's label and the cell's own (row·column), or null when unknown. */
function cellLabelParts(path: string): { table: string | null; cell: string } | null {
  if (has(FIELD_LABELS_ZH, path)) return { table: null, cell: FIELD_LABELS_ZH[path] as string };
  const parts = path.split('.');
  if (parts[0] === 'sections' && parts.length === 2) {
    return has(SECTION_LABELS, parts[1] as string)
      ? { table: null, cell: sectionLabel(parts[1] as string) }
      : null;
  }
  if (parts.length !== 3) return null;
  const [table, row, column] = parts as [string, string, string];
  if (!has(TABLE_LABELS, table)) return null;
  const rows = (ROW_LABELS as Record<string, object>)[table] ?? {};
  const columns = (COLUMN_LABELS as Record<string, object>)[table] ?? {};
  if (!has(rows, row) || !(has(columns, column) || has(CELL_LABEL_OVERRIDES, path))) return null;
  return { table: tableLabel(table), cell: cellLabel(path) };
}

/** Cells a findings row names one by one; more are counted ("等 40 个单元格"). */
export const CELLS_NAMED = 6;

/**
 * The labels of a finding's cells, once each, in order (unknown paths as "其他单元格"), the
 * first `CELLS_NAMED` of them and how many there are in all.
 */
export function cellLabelsZh(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  // the table named once before its cells: `表：甲；乙；其他字段`
  const parts: string[] = [];
  let table: string | null = null;
  const seen = new Set<string>();
  for (const path of paths.slice(0, CELLS_NAMED)) {
    const label = cellLabelParts(path) ?? { table: null, cell: '其他单元格' };
    const key = `${label.table ?? ''}|${label.cell}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(label.table && label.table !== table ? `${label.table}：${label.cell}` : label.cell);
    table = label.table;
  }
  const named = parts.join('；');
  return paths.length > CELLS_NAMED ? `${named} 等 ${paths.length} 个单元格` : named;
}

/** The cell codes of a finding for experts, as many as `cellLabelsZh` names. */
export function cellCodes(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  const named = paths.slice(0, CELLS_NAMED).join(' ');
  return paths.length > CELLS_NAMED ? `${named} 等 ${paths.length} 个` : named;
}
