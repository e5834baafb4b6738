import {
  type CellValue,
  headerFooterText,
  rangeAddress,
  type SheetOptions,
  type SolidFill,
  XlsxWorkbookWriter,
} from '@gongkai/office';
import {
  type AnnualReport,
  CELL_LABEL_OVERRIDES,
  cellLabel,
  columnLabel,
  formatShanghaiMinute,
  getTemplate,
  rowLabel,
  type TableDefinition,
  tableDifferences,
  tableLabel,
  type TemplateId,
} from '@gongkai/report-model';
import type { Writable } from 'node:stream';
import { STATUS_LABELS } from './ranking-columns';
import { rowHeight } from './ranking-workbook.layout';

export const ROLLUP_SHEET = '汇总表';
export const DIFFERENCES_SHEET = '与本级报告比较';
export const MEMBERS_SHEET = '纳入情况';
export const ROLLUP_FINDINGS_SHEET = '检查结果';

export type RollupSheetInput = {
  readonly nodeName: string;
  readonly year: number;
  readonly template: TemplateId;
  /** The sum of the included reports. */
  readonly report: AnnualReport;
  /** The node's own report, when it has one. */
  readonly own: { readonly report: AnnualReport; readonly label: string } | null;
  readonly members: readonly {
    readonly organizationName: string;
    readonly status: string | null;
    readonly included: boolean;
  }[];
  readonly findings: readonly { readonly severity: string; readonly message: string }[];
  readonly created: Date;
};

const solid = (argb: string): SolidFill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});
const HEADER_FILL = solid('FFDDE6F2');
const DIFF_FILL = solid('FFFFEB9C');
const BORDER = { color: 'FF9FB1C9' };
const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};
/** A4 (paper size 9 of SpreadsheetML). */
const A4 = 9;

/**
 * How every sheet prints: A4 landscape, as wide as one page and as many pages down as needed,
 * the title and the sheet in the page header, the export time on the right, "第 n 页，共 m 页"
 * in the footer.
 */
function printSetup(
  heading: string,
  sheetName: string,
  created: Date,
): Pick<SheetOptions, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: { orientation: 'landscape', paperSize: A4, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      header:
        `&L${headerFooterText(`${heading} · ${sheetName}`)}` +
        `&R${headerFooterText(`导出时间 ${formatShanghaiMinute(created.toISOString())}`)}`,
      footer: '&C第 &P 页，共 &N 页',
    },
  };
}

/**
 * Rows printed again at the top of each page: the title and the note on the sums (whose tables
 * each bring their own header), the title and the column headers on the other sheets.
 */
export const ROLLUP_PRINT_TITLES = {
  [ROLLUP_SHEET]: { firstRow: 1, lastRow: 2 },
  [DIFFERENCES_SHEET]: { firstRow: 1, lastRow: 2 },
  [MEMBERS_SHEET]: { firstRow: 1, lastRow: 2 },
  [ROLLUP_FINDINGS_SHEET]: { firstRow: 1, lastRow: 2 },
};

/** A column header; a money column takes its printed label (with the unit) from its row's cell. */
function columnHeader(table: TableDefinition, column: string): string {
  const row = table.rows.find((r) => r.columns.includes(column));
  const override = row && CELL_LABEL_OVERRIDES[`${table.id}.${row.key}.${column}`];
  return override ? override.zh : columnLabel(table.id, column, 'zh');
}

function tableColumns(table: TableDefinition): string[] {
  const seen: string[] = [];
  for (const row of table.rows) for (const c of row.columns) if (!seen.includes(c)) seen.push(c);
  return seen;
}

/**
 * The roll-up of a government's departments as an .xlsx in Chinese: the sums in the template's
 * tables (cells that differ from the government's own report filled yellow), the differing cells
 * with both values, which bodies are included or missing, and the findings of the rules.
 * Every sheet prints on A4 landscape, one page wide, with its headers repeated on every page.
 */
export async function writeRollupWorkbook(out: Writable, input: RollupSheetInput): Promise<void> {
  const sheets = [ROLLUP_SHEET, DIFFERENCES_SHEET, MEMBERS_SHEET, ROLLUP_FINDINGS_SHEET];
  const book = new XlsxWorkbookWriter(out, {
    sheets,
    creator: '公开',
    created: input.created,
    printTitles: ROLLUP_PRINT_TITLES,
  });
  const { styles } = book;
  const title = styles.cellStyle({ font: { bold: true, size: 14 } });
  const note = styles.cellStyle({ font: { color: 'FF555555' } });
  const tableTitle = styles.cellStyle({ font: { bold: true, size: 12 } });
  const header = styles.cellStyle({
    font: { bold: true },
    fill: HEADER_FILL,
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'center', wrapText: true },
  });
  const label = styles.cellStyle({ border: BORDER, alignment: { wrapText: true } });
  const value = styles.cellStyle({ border: BORDER, numFmt: '#,##0.####' });
  const differing = styles.cellStyle({ border: BORDER, numFmt: '#,##0.####', fill: DIFF_FILL });
  const heading = `${input.nodeName}${input.year}年度政府信息公开工作年度报告（部门汇总）`;
  const included = input.members.filter((m) => m.included).length;
  const differences = input.own
    ? tableDifferences(input.template, input.report, input.own.report)
    : [];
  const differs = new Set(differences.map((d) => d.path));
  const print = (sheetName: string) => printSetup(heading, sheetName, input.created);

  // 1. the sums, table by table, in the template's layout
  const template = getTemplate(input.template);
  const width = Math.max(...template.tables.map((t) => tableColumns(t).length));
  const sums = await book.addSheet(ROLLUP_SHEET, {
    columns: [{ width: 40 }, ...Array.from({ length: width }, () => ({ width: 14 }))],
    frozen: { columns: 1 },
    ...print(ROLLUP_SHEET),
  });
  await sums.addRow([heading], [title], { height: 24 });
  await sums.addRow(
    [
      `已纳入 ${included} / ${input.members.length} 个单位的已通过报告` +
        (input.own
          ? `；黄色单元格与本级报告（${input.own.label}）不一致，见“${DIFFERENCES_SHEET}”`
          : '；本级尚无报告可比较'),
    ],
    [note],
  );
  for (const table of template.tables) {
    const data = input.report.tables[table.id];
    const rows = table.rows.filter((r) => data?.[r.key] !== undefined);
    if (rows.length === 0) continue;
    const columns = tableColumns(table);
    await sums.addRow([]);
    await sums.addRow([tableLabel(table.id, 'zh')], [tableTitle]);
    const headers = ['项目', ...columns.map((c) => columnHeader(table, c))];
    await sums.addRow(headers, [header, ...columns.map(() => header)], {
      height: rowHeight(headers, [40, ...columns.map(() => 14)]),
    });
    for (const row of rows) {
      const values: CellValue[] = [rowLabel(table.id, row.key, 'zh')];
      const cellStyles: number[] = [label];
      for (const column of columns) {
        const present = row.columns.includes(column);
        values.push(present ? (data?.[row.key]?.[column] ?? null) : null);
        cellStyles.push(differs.has(`${table.id}.${row.key}.${column}`) ? differing : value);
      }
      await sums.addRow(values, cellStyles, { height: rowHeight(values, [40]) });
    }
  }
  await sums.end({ merges: [rangeAddress(1, 1, 1, width + 1)] });

  // 2. the differing cells with both values
  const diffSheet = await book.addSheet(DIFFERENCES_SHEET, {
    columns: [{ width: 60 }, { width: 16 }, { width: 16 }, { width: 14 }],
    frozen: { rows: 2 },
    ...print(DIFFERENCES_SHEET),
  });
  await diffSheet.addRow([`${heading}：与本级报告不一致的单元格`], [title], { height: 24 });
  const diffHeaders = ['单元格', '部门汇总', '本级报告', '差额（汇总 − 本级）'];
  await diffSheet.addRow(diffHeaders, [header, header, header, header], {
    height: rowHeight(diffHeaders, [60, 16, 16, 14]),
  });
  if (!input.own) await diffSheet.addRow(['本级尚无报告可比较'], [note]);
  else if (differences.length === 0) await diffSheet.addRow(['两者一致'], [note]);
  for (const d of differences) {
    const values = [
      cellLabel(d.path, 'zh'),
      d.left,
      d.right,
      d.left !== null && d.right !== null ? Math.round((d.left - d.right) * 1e4) / 1e4 : null,
    ];
    await diffSheet.addRow(values, [label, value, value, value], {
      height: rowHeight(values, [60]),
    });
  }
  await diffSheet.end();

  // 3. which bodies are in the sum, and which are missing with their status
  const membersSheet = await book.addSheet(MEMBERS_SHEET, {
    columns: [{ width: 44 }, { width: 14 }, { width: 16 }],
    frozen: { rows: 2 },
    ...print(MEMBERS_SHEET),
  });
  await membersSheet.addRow([`${heading}：纳入与未纳入的单位`], [title], { height: 24 });
  await membersSheet.addRow(['单位', '是否纳入', '报告状态'], [header, header, header]);
  for (const m of input.members) {
    const values = [
      m.organizationName,
      m.included ? '已纳入' : '未纳入',
      m.status ? (STATUS_LABELS[m.status] ?? m.status) : '未开始',
    ];
    await membersSheet.addRow(values, [label, label, label], {
      height: rowHeight(values, [44]),
    });
  }
  await membersSheet.end();

  // 4. the findings of the same rules on the sum
  const findingsSheet = await book.addSheet(ROLLUP_FINDINGS_SHEET, {
    columns: [{ width: 10 }, { width: 100 }],
    frozen: { rows: 2 },
    ...print(ROLLUP_FINDINGS_SHEET),
  });
  await findingsSheet.addRow([`${heading}：按同一规则检查的结果`], [title], { height: 24 });
  await findingsSheet.addRow(['级别', '问题'], [header, header]);
  if (input.findings.length === 0) await findingsSheet.addRow(['', '未发现问题'], [label, label]);
  for (const f of input.findings) {
    const values = [SEVERITY_LABELS[f.severity] ?? f.severity, f.message];
    await findingsSheet.addRow(values, [label, label], { height: rowHeight(values, [10, 100]) });
  }
  await findingsSheet.end();
  await book.finish();
}
