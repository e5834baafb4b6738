import { formatShanghaiMinute } from '@gongkai/report-model';
import {
  type CellStyle,
  type CellValue,
  columnLetter,
  headerFooterText,
  LINE_HEIGHT,
  OutputClosedError,
  rangeAddress,
  type SheetOptions,
  type SolidFill,
  type StyleRegistry,
  type WorksheetWriter,
  wrappedLines,
  XlsxWorkbookWriter,
} from '@gongkai/office';
import { describeNormalisation, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import type { Writable } from 'node:stream';
import type { FindingRow, RankingRow } from '../scoring';
import { cellCodes, cellLabelsZh, ruleNameZh } from './finding-labels';
import { sourceZh } from './methodology-zh';
import {
  NO_PREVIOUS_NOTE,
  rankingColumns,
  sheetTitle,
  type RankingColumn,
  type RankingSheetMeta,
} from './ranking-columns';

export const RANKING_SHEET = '排名表';
export const METHODOLOGY_SHEET = '评分方法';
export const FINDINGS_SHEET = '问题明细';

/** Header rows: title, first-level groups, second-level headers. Data starts below. */
export const TITLE_ROW = 1;
export const GROUP_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

const solid = (argb: string): SolidFill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});

export const FILLS = {
  header: solid('FFDDE6F2'),
  good: solid('FFC6EFCE'),
  fair: solid('FFFFEB9C'),
  poor: solid('FFFFC7CE'),
  unscored: solid('FFEDEDED'),
  flagError: solid('FFFFC7CE'),
  flagWarning: solid('FFFFEB9C'),
} as const;

/** Score bands of the colours: ≥ 90 good, ≥ 60 fair, below poor. */
export function scoreFill(score: number | null): SolidFill {
  if (score === null) return FILLS.unscored;
  if (score >= 90) return FILLS.good;
  if (score >= 60) return FILLS.fair;
  return FILLS.poor;
}

const NUMBER_FORMATS: Record<RankingColumn['kind'], string | undefined> = {
  integer: '0',
  score: '0.00',
  change: '+0;-0;0',
  scoreChange: '+0.00;-0.00;0.00',
  text: undefined,
  date: 'yyyy-mm-dd hh:mm',
};

const BORDER = { color: 'FF9FB1C9' };
const BOLD = { bold: true };

export type WorkbookCounts = { rows: number; findings: number };

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** The style id each data cell of a column starts with (its number format, wrapping). */
function columnStyle(styles: StyleRegistry, column: RankingColumn, extra: CellStyle = {}): number {
  const numFmt = NUMBER_FORMATS[column.kind];
  const wrap: CellStyle = column.wrap
    ? { alignment: { vertical: 'top', wrapText: true } }
    : { alignment: { vertical: 'top' } };
  return styles.cellStyle({ ...wrap, ...(numFmt ? { numFmt } : {}), ...extra });
}

/**
 * The height a row needs for its wrapped cells (`undefined`: one line, the default): readers
 * do not all grow a row to its wrapped text, and overlapping lines are unreadable on paper.
 */
export function rowHeight(
  values: readonly CellValue[],
  widths: readonly (number | null)[],
): number | undefined {
  let lines = 1;
  for (let j = 0; j < widths.length; j += 1) {
    const width = widths[j];
    const value = values[j];
    if (width == null || typeof value !== 'string' || value === '') continue;
    lines = Math.max(lines, wrappedLines(value, width));
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/** A4 (paper size 9 of SpreadsheetML). */
const A4 = 9;

/**
 * How every sheet prints: A4 landscape, as wide as one page and as many pages down as needed,
 * the sheet's title and the scoring time in the page header, "第 n 页，共 m 页" in the footer.
 */
export function printSetup(
  meta: RankingSheetMeta,
  sheetName: string,
): Pick<SheetOptions, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: { orientation: 'landscape', paperSize: A4, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      header:
        `&L${headerFooterText(`${sheetTitle(meta)} · ${sheetName}`)}` +
        `&R${headerFooterText(`计分时点 ${formatShanghaiMinute(meta.asOf)}`)}`,
      footer: '&C第 &P 页，共 &N 页',
    },
  };
}

/** Rows printed again at the top of each page: the two header rows, the findings' header. */
export const PRINT_TITLES = {
  [RANKING_SHEET]: { firstRow: GROUP_ROW, lastRow: HEADER_ROW },
  [FINDINGS_SHEET]: { firstRow: 1, lastRow: 1 },
};

/**
 * Writes the ranking sheet as .xlsx to `out`, row by row: a title row naming round and region,
 * merged two-level headers, one row per organization with colours by score band and flags,
 * frozen header, autofilter; then the methodology sheet and one row per finding per
 * organization. Each row's XML is written straight into the deflated zip entry, waiting
 * whenever `out` asks to (backpressure), so memory stays flat however long the sheet. Resolves
 * with the row counts once the file is complete (or, if `out` closes early, with the rows
 * written until then).
 */
export async function writeRankingWorkbook(
  out: Writable,
  meta: RankingSheetMeta,
  rows: AsyncIterable<RankingRow> | Iterable<RankingRow>,
  findings: () => AsyncIterable<FindingRow> | Iterable<FindingRow>,
): Promise<WorkbookCounts> {
  const book = new XlsxWorkbookWriter(out, {
    sheets: [RANKING_SHEET, METHODOLOGY_SHEET, FINDINGS_SHEET],
    creator: 'Gongkai',
    created: meta.generatedAt,
    printTitles: PRINT_TITLES,
  });
  const counts: WorkbookCounts = { rows: 0, findings: 0 };
  try {
    await writeRankingSheet(book, meta, rows, counts);
    await writeMethodology(book, meta, counts.rows);
    await writeFindings(book, meta, findings, counts);
    await book.finish();
  } catch (error) {
    book.abort(error instanceof Error ? error : undefined);
    if (!(error instanceof OutputClosedError)) throw error;
  }
  return counts;
}

async function writeRankingSheet(
  book: XlsxWorkbookWriter,
  meta: RankingSheetMeta,
  rows: AsyncIterable<RankingRow> | Iterable<RankingRow>,
  counts: WorkbookCounts,
): Promise<void> {
  const styles = book.styles;
  const columns = rankingColumns(meta);
  const columnStyles = columns.map((column) => columnStyle(styles, column));
  const sheet = await book.addSheet(RANKING_SHEET, {
    columns: columns.map((column, j) => ({
      width: column.width,
      style: columnStyles[j] as number,
    })),
    frozen: { columns: 3, rows: HEADER_ROW },
    ...printSetup(meta, RANKING_SHEET),
  });
  const merges = await writeHeader(sheet, styles, meta, columns);

  const scoreIndex = columns.findIndex((c) => c.key === 'score');
  const flagsIndex = columns.findIndex((c) => c.key === 'flags');
  const scoreColumn = columns[scoreIndex] as RankingColumn;
  const flagsColumn = columns[flagsIndex] as RankingColumn;
  const scoreStyles = new Map(
    [FILLS.good, FILLS.fair, FILLS.poor, FILLS.unscored].map((fill) => [
      fill,
      columnStyle(styles, scoreColumn, { fill, font: BOLD }),
    ]),
  );
  const flagStyles = {
    none: columnStyles[flagsIndex] as number,
    error: columnStyle(styles, flagsColumn, { fill: FILLS.flagError }),
    warning: columnStyle(styles, flagsColumn, { fill: FILLS.flagWarning }),
  };
  const rowStyles = columnStyles.slice();
  const wrapWidths = columns.map((column) => (column.wrap ? column.width : null));
  const values: CellValue[] = new Array<CellValue>(columns.length);
  for await (const row of rows) {
    for (let j = 0; j < columns.length; j += 1)
      values[j] = (columns[j] as RankingColumn).value(row);
    rowStyles[scoreIndex] = scoreStyles.get(scoreFill(row.score)) as number;
    rowStyles[flagsIndex] =
      row.flags.length === 0
        ? flagStyles.none
        : row.flags.some((flag) => flag.severity === 'error')
          ? flagStyles.error
          : flagStyles.warning;
    const height = rowHeight(values, wrapWidths);
    const wait = sheet.addRow(values, rowStyles, height ? { height } : {});
    if (wait) await wait;
    counts.rows += 1;
  }
  const lastDataRow = HEADER_ROW + Math.max(counts.rows, 1);
  const changeColumn = columnLetter(columns.findIndex((c) => c.key === 'rankChange') + 1);
  await sheet.end({
    autoFilter: rangeAddress(HEADER_ROW, 1, lastDataRow, columns.length),
    merges,
    conditionalFormatting: [
      {
        ref: `${changeColumn}${FIRST_DATA_ROW}:${changeColumn}${lastDataRow}`,
        rules: [
          {
            type: 'cellIs',
            operator: 'greaterThan',
            formula: '0',
            priority: 1,
            dxfId: styles.differentialStyle({ fontColor: 'FF006100' }),
          },
          {
            type: 'cellIs',
            operator: 'lessThan',
            formula: '0',
            priority: 2,
            dxfId: styles.differentialStyle({ fontColor: 'FF9C0006' }),
          },
        ],
      },
    ],
  });
}

/** Title and the two header rows; returns the merged ranges (written after the rows). */
async function writeHeader(
  sheet: WorksheetWriter,
  styles: StyleRegistry,
  meta: RankingSheetMeta,
  columns: readonly RankingColumn[],
): Promise<string[]> {
  const merges = [rangeAddress(TITLE_ROW, 1, TITLE_ROW, columns.length)];
  const title = styles.cellStyle({
    font: { bold: true, size: 14 },
    alignment: { horizontal: 'center', vertical: 'center' },
  });
  await sheet.addRow([sheetTitle(meta)], [title], { height: 28 });

  const groups: CellValue[] = new Array<CellValue>(columns.length).fill(null);
  const headers: CellValue[] = new Array<CellValue>(columns.length).fill(null);
  let start = 0;
  while (start < columns.length) {
    const group = (columns[start] as RankingColumn).group;
    let end = start;
    while (end + 1 < columns.length && (columns[end + 1] as RankingColumn).group === group)
      end += 1;
    const single = start === end && (columns[start] as RankingColumn).header === group;
    groups[start] = group;
    for (let i = start; i <= end; i += 1) {
      headers[i] = single ? null : (columns[i] as RankingColumn).header;
    }
    if (single) {
      merges.push(rangeAddress(GROUP_ROW, start + 1, HEADER_ROW, start + 1));
    } else if (end > start) {
      merges.push(rangeAddress(GROUP_ROW, start + 1, GROUP_ROW, end + 1));
    }
    start = end + 1;
  }
  const header = styles.cellStyle({
    font: BOLD,
    fill: FILLS.header,
    border: BORDER,
    alignment: { horizontal: 'center', vertical: 'center', wrapText: true },
  });
  const headerStyles = columns.map(() => header);
  // A group's text wraps over the width of all its columns, a header within its own.
  const groupWidths = columns.map((column, j) => {
    if (groups[j] === null) return null;
    let width = 0;
    for (let k = j; k < columns.length && (k === j || groups[k] === null); k += 1)
      width += (columns[k] as RankingColumn).width;
    return headers[j] === null && column.header === column.group ? null : width;
  });
  await sheet.addRow(groups, headerStyles, {
    height: rowHeight(groups, groupWidths) ?? LINE_HEIGHT + 3,
  });
  await sheet.addRow(headers, headerStyles, {
    height:
      rowHeight(
        headers,
        columns.map((column) => column.width),
      ) ?? LINE_HEIGHT + 3,
  });
  return merges;
}

/**
 * A description without the rule ids it cites for experts (`（applications.*、legacy.*）`,
 * `（originality.*，0–1）` → `（0–1）`): the methodology sheet is for readers of Chinese.
 */
export function withoutRuleIds(text: string): string {
  return text
    .replace(/[a-zA-Z][a-zA-Z0-9]*\.(?:\*|[a-zA-Z][a-zA-Z0-9.]*)[、，,]?\s*/g, '')
    .replace(/[（(]\s*[）)]/g, '')
    .replace(/（[，、\s]+/g, '（')
    .replace(/[，、\s]+）/g, '）');
}

async function writeMethodology(
  book: XlsxWorkbookWriter,
  meta: RankingSheetMeta,
  rowCount: number,
): Promise<void> {
  const wrap = book.styles.cellStyle({ alignment: { vertical: 'top', wrapText: true } });
  const top = book.styles.cellStyle({ alignment: { vertical: 'top' } });
  const sheet = await book.addSheet(METHODOLOGY_SHEET, {
    columns: [
      { width: 24, style: wrap },
      { width: 10, style: top },
      { width: 10, style: top },
      { width: 12, style: top },
      { width: 80, style: wrap },
    ],
    ...printSetup(meta, METHODOLOGY_SHEET),
  });
  const bold = book.styles.cellStyle({ font: BOLD });
  const wraps = [24, null, null, null, 80];
  // a paragraph alone in the first cell runs on across the empty cells beside it
  const paragraph = book.styles.cellStyle({ alignment: { vertical: 'top' } });
  const add = async (values: CellValue[], isBold = false): Promise<void> => {
    const alone = values.length === 1;
    const height = alone ? undefined : rowHeight(values, wraps);
    await sheet.addRow(values, alone && !isBold ? [paragraph] : undefined, {
      ...(isBold ? { style: bold } : {}),
      ...(height ? { height } : {}),
    });
  };
  const minute = (iso: string | null): string | null => (iso ? formatShanghaiMinute(iso) : null);
  const model = meta.model;
  await add(['评分方法与数据来源'], true);
  await add(['评分模型', model.titleZh]);
  await add(['模型版本', model.version]);
  await add(['发布日期', model.publishedOn]);
  await add(['同类比较范围', model.peerScope === 'all' ? '全体' : '同类组内']);
  await add(['计分时点', minute(meta.asOf)]);
  await add(['生成时间', minute(meta.generatedAt.toISOString())]);
  await add(['排名单位数', rowCount]);
  if (meta.snapshot) {
    await add(['排名快照', meta.snapshot.title]);
    await add(['快照编号', meta.snapshot.id]);
    await add(['快照状态', meta.snapshot.status === 'PUBLISHED' ? '已发布' : '已冻结']);
    await add(['冻结时间', minute(meta.snapshot.frozenAt)]);
    await add(['发布时间', minute(meta.snapshot.publishedAt) ?? '未发布']);
    await add([
      '数据是否已变化',
      meta.snapshot.stale ? `是：${meta.snapshot.staleReason ?? ''}` : '否',
    ]);
  } else {
    await add(['排名快照', '无（实时数据）']);
  }
  await add([
    '与上年比较依据',
    meta.previous
      ? `${meta.previous.title}（发布于 ${minute(meta.previous.publishedAt) ?? '—'}）`
      : NO_PREVIOUS_NOTE,
  ]);
  await add([]);
  await add([
    '总分 = 100 × Σ(权重 × 指标得分) ÷ Σ 适用指标权重；不适用的指标不计入，缺报的指标得 0 分。',
  ]);
  await add([]);
  await add(['指标', '权重', '占比', '方向', '归一化与说明'], true);
  const total = model.indicators.reduce((sum, entry) => sum + entry.weight, 0);
  for (const entry of model.indicators) {
    const indicator = INDICATOR_CATALOGUE[entry.indicatorId];
    await add([
      indicator.labelZh,
      entry.weight,
      total > 0 ? `${((100 * entry.weight) / total).toFixed(1)}%` : null,
      entry.direction === 'higherIsBetter' ? '越高越好' : '越低越好',
      `${describeNormalisation(entry.normalisation, 'zh')}；${withoutRuleIds(indicator.descriptionZh)}`,
    ]);
  }
  await add([]);
  await add(['依据与来源'], true);
  for (const source of model.sources) {
    const zh = sourceZh(source);
    await add([zh.title, null, null, null, zh.note]);
  }
  await sheet.end();
}

/** The findings sheet's columns; only the last holds the template's cell codes. */
export const FINDINGS_HEADERS = [
  '排名',
  '单位',
  '级别',
  '规则',
  '说明',
  '涉及单元格',
  '单元格代码',
] as const;

async function writeFindings(
  book: XlsxWorkbookWriter,
  meta: RankingSheetMeta,
  findings: () => AsyncIterable<FindingRow> | Iterable<FindingRow>,
  counts: WorkbookCounts,
): Promise<void> {
  const styles = book.styles;
  const rank = styles.cellStyle({ numFmt: '0', alignment: { vertical: 'top' } });
  const wrap = styles.cellStyle({ alignment: { vertical: 'top', wrapText: true } });
  const top = styles.cellStyle({ alignment: { vertical: 'top' } });
  // (the codes are small print: about half the width per character)
  const widths = [null, 26, null, 20, 56, 40, 28];
  const sheet = await book.addSheet(FINDINGS_SHEET, {
    columns: [
      { width: 7, style: rank },
      { width: 26, style: wrap },
      { width: 7, style: top },
      { width: 20, style: wrap },
      { width: 56, style: wrap },
      { width: 40, style: wrap },
      // the template's cell codes, for experts: last and narrow
      {
        width: 14,
        style: styles.cellStyle({
          font: { size: 8, color: 'FF808080' },
          alignment: { vertical: 'top', wrapText: true },
        }),
      },
    ],
    frozen: { rows: 1 },
    ...printSetup(meta, FINDINGS_SHEET),
  });
  const header = styles.cellStyle({
    font: BOLD,
    fill: FILLS.header,
    border: BORDER,
    alignment: { vertical: 'center', wrapText: true },
  });
  await sheet.addRow(
    [...FINDINGS_HEADERS],
    FINDINGS_HEADERS.map(() => header),
  );
  const errorStyles = [
    undefined,
    undefined,
    styles.cellStyle({ fill: FILLS.flagError, alignment: { vertical: 'top' } }),
  ] as number[];
  const values: CellValue[] = new Array<CellValue>(FINDINGS_HEADERS.length);
  for await (const finding of findings()) {
    values[0] = finding.rank;
    values[1] = finding.organizationName;
    values[2] = SEVERITY_LABELS[finding.severity] ?? '提示';
    values[3] = ruleNameZh(finding.rule);
    values[4] = finding.message;
    values[5] = cellLabelsZh(finding.cells);
    values[6] = cellCodes(finding.cells);
    const height = rowHeight(values, widths);
    const wait = sheet.addRow(
      values,
      finding.severity === 'error' ? errorStyles : undefined,
      height ? { height } : {},
    );
    if (wait) await wait;
    counts.findings += 1;
  }
  await sheet.end({
    autoFilter: `A1:${columnLetter(FINDINGS_HEADERS.length)}${Math.max(counts.findings, 1) + 1}`,
  });
}
