import {
  CELL_LABEL_OVERRIDES,
  COLUMN_LABELS,
  TEMPLATES,
  type FACT_KEYS,
  ROW_LABELS,
  SECTION_LABELS,
  TABLE_LABELS,
  TEMPLATE_LABELS,
  emptyReport,
  findCell,
  type AnnualReport,
  type TemplateId,
} from '@gongkai/report-model';
import type { Worksheet } from 'exceljs';
import {
  FIRST_VALUE_COLUMN,
  INFO_KEYS,
  INFO_SHEET,
  MAX_CELL_TEXT,
  WORKBOOK_MARKER,
  tableMarker,
} from './template-workbook.layout';

const INFO_LABELS: Readonly<Record<string, string>> = {
  template: '模板（请勿修改）',
  year: '统计年度',
  'organization.name': '机关名称',
  'organization.region': '所属地区',
  title: '报告标题',
  publishedOn: '发布日期（YYYY-MM-DD）',
  'staffing.leadingGroup': '是否成立领导小组（是/否）',
  'staffing.dedicatedStaff': '专职工作人员（人）',
  'staffing.partTimeStaff': '兼职工作人员（人）',
  'staffing.trainings': '业务培训（次）',
  'facts.proactiveItems': '正文：主动公开政府信息（条）',
  'facts.weiboItems': '正文：政务微博发布（条）',
  'facts.wechatItems': '正文：政务微信发布（条）',
  'facts.policyInterpretations': '正文：政策解读（条）',
  'facts.applicationsReceived': '正文：收到申请（件）',
  'facts.applicationsCompleted': '正文：办结申请（件）',
  'facts.applicationsCarriedForward': '正文：结转下年（件）',
  'facts.reviews': '正文：行政复议（件）',
  'facts.lawsuits': '正文：行政诉讼（件）',
};

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;
const NA_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } } as const;

function labelOf(key: string): string {
  if (key.startsWith('sections.')) {
    const section = key.slice('sections.'.length) as keyof typeof SECTION_LABELS;
    return SECTION_LABELS[section]?.zh ?? key;
  }
  return INFO_LABELS[key] ?? key;
}

function infoValue(report: AnnualReport, key: string): string | number | boolean | null {
  const [head = '', tail = ''] = key.split('.');
  switch (head) {
    case 'template':
      return report.template;
    case 'year':
      return report.year;
    case 'organization':
      return tail === 'name' ? report.organization.name : (report.organization.region ?? null);
    case 'title':
      return report.title ?? null;
    case 'publishedOn':
      return report.publishedOn ?? null;
    case 'sections':
      return report.sections[tail as keyof AnnualReport['sections']] ?? null;
    case 'staffing':
      return report.staffing?.[tail as keyof NonNullable<AnnualReport['staffing']>] ?? null;
    case 'facts':
      return report.facts?.[tail as (typeof FACT_KEYS)[number]] ?? null;
    default:
      return null;
  }
}

async function protect(sheet: Worksheet): Promise<void> {
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

/**
 * The Excel workbook a bureau fills in offline: an info sheet (year, organization, the six
 * sections, staffing, facts, units) and one sheet per table of the template. Labels are locked
 * (sheets protected without a password), value cells are open and validated, and the keys the
 * reader needs sit in a hidden column A and a hidden row 1. With a report, its values are filled
 * in; without, the cells are blank.
 */
export async function buildTemplateWorkbook(
  template: TemplateId,
  report?: AnnualReport,
): Promise<Buffer> {
  if (report && report.template !== template) {
    throw new Error(`the report uses template ${report.template}, not ${template}`);
  }
  const source = report ?? emptyReport(template, new Date().getUTCFullYear() - 1);
  // Loaded on first use: exceljs adds ~30 MB to a process that never writes a workbook.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'gongkai';
  const info = workbook.addWorksheet(INFO_SHEET);
  info.getColumn(1).hidden = true;
  info.getColumn(2).width = 34;
  info.getColumn(3).width = 80;
  info.getCell('A1').value = WORKBOOK_MARKER;
  info.getCell('B1').value = `${TEMPLATE_LABELS[template].zh}（浅色单元格可填写）`;
  info.getRow(1).font = { bold: true };
  let r = 2;
  const units = Object.entries(source.units ?? {});
  const keys = [...INFO_KEYS, ...units.map(([path]) => `units.${path}`)];
  for (const key of keys) {
    const row = info.getRow(r);
    row.getCell(1).value = key;
    row.getCell(2).value = key.startsWith('units.') ? `单位：${key.slice(6)}` : labelOf(key);
    const value = key.startsWith('units.')
      ? (source.units?.[key.slice(6)] ?? null)
      : key === 'template'
        ? template
        : infoValue(source, key);
    if (typeof value === 'string' && value.length > MAX_CELL_TEXT) {
      for (let part = 0; part * MAX_CELL_TEXT < value.length; part += 1) {
        const cell = row.getCell(FIRST_VALUE_COLUMN + part);
        cell.value = value.slice(part * MAX_CELL_TEXT, (part + 1) * MAX_CELL_TEXT);
        cell.protection = { locked: false };
      }
    } else {
      const cell = row.getCell(FIRST_VALUE_COLUMN);
      cell.value = value;
      cell.protection = { locked: key === 'template' };
      if (key.startsWith('sections.')) cell.alignment = { wrapText: true, vertical: 'top' };
    }
    r += 1;
  }
  await protect(info);

  const tables = source.tables as Record<string, Record<string, Record<string, number | null>>>;
  for (const def of TEMPLATES[template].tables) {
    const data = tables[def.id];
    if (!data) continue;
    const sheet = workbook.addWorksheet(TABLE_LABELS[def.id].zh.slice(0, 31));
    const columns = [...new Set(def.rows.flatMap((row) => row.columns))];
    sheet.getColumn(1).hidden = true;
    sheet.getRow(1).hidden = true;
    sheet.getColumn(2).width = 48;
    sheet.getCell('A1').value = tableMarker(def.id);
    const header = sheet.getRow(2);
    header.getCell(2).value = '项目';
    const columnLabels = COLUMN_LABELS[def.id] as Record<string, { zh: string }>;
    columns.forEach((column, c) => {
      sheet.getCell(1, FIRST_VALUE_COLUMN + c).value = column;
      const override = def.rows
        .map((row) => CELL_LABEL_OVERRIDES[`${def.id}.${row.key}.${column}`])
        .find((label) => label !== undefined);
      header.getCell(FIRST_VALUE_COLUMN + c).value =
        override?.zh ?? columnLabels[column]?.zh ?? column;
      sheet.getColumn(FIRST_VALUE_COLUMN + c).width = 14;
    });
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
    });
    const rowLabels = ROW_LABELS[def.id] as Record<string, { zh: string }>;
    let rowNo = 3;
    for (const rowDef of def.rows) {
      const values = data[rowDef.key];
      if (!values) continue;
      const row = sheet.getRow(rowNo);
      row.getCell(1).value = rowDef.key;
      row.getCell(2).value = rowLabels[rowDef.key]?.zh ?? rowDef.key;
      columns.forEach((column, c) => {
        const cell = row.getCell(FIRST_VALUE_COLUMN + c);
        if (!rowDef.columns.includes(column)) {
          cell.fill = NA_FILL;
          return;
        }
        cell.value = values[column] ?? null;
        cell.protection = { locked: false };
        const kind = findCell(template, `${def.id}.${rowDef.key}.${column}`)?.kind ?? 'count';
        cell.dataValidation = {
          type: kind === 'money' ? 'decimal' : 'whole',
          operator: kind === 'change' ? 'between' : 'greaterThanOrEqual',
          formulae: kind === 'change' ? [-1_000_000_000, 1_000_000_000] : [0],
          allowBlank: true,
          showErrorMessage: true,
          errorTitle: '数值无效',
          error: kind === 'money' ? '请填写非负数（可有小数）' : '请填写整数',
        };
      });
      rowNo += 1;
    }
    sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];
    await protect(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
