import { describeNormalisation, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { stream as excelStream, type Fill, type Row, type Style, type Worksheet } from 'exceljs';
import type { Writable } from 'node:stream';
import type { FindingRow, RankingRow } from '../scoring/ranking-row';
import {
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

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

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
export function scoreFill(score: number | null): Fill {
  if (score === null) return FILLS.unscored;
  if (score >= 90) return FILLS.good;
  if (score >= 60) return FILLS.fair;
  return FILLS.poor;
}

const NUMBER_FORMATS: Record<RankingColumn['kind'], string | undefined> = {
  integer: '0',
  score: '0.00',
  change: '+0;-0;0',
  text: undefined,
  date: 'yyyy-mm-dd hh:mm',
};

const THIN = { style: 'thin' as const, color: { argb: 'FF9FB1C9' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export type WorkbookCounts = { rows: number; findings: number };

/** The style each data cell of a column starts with (its number format, if any). */
function columnStyles(columns: readonly RankingColumn[]): Partial<Style>[] {
  return columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return numFmt ? { numFmt } : {};
  });
}

/**
 * Gives the cells of a data row shared style objects. exceljs registers a style once per style
 * object (by identity): the fresh object every cell gets otherwise is serialised and looked up
 * again for each of the sheet's millions of cells. The objects hold exactly what the cells
 * would have had (column number format, then fill and font), so the file is the same.
 */
function shareStyles(row: Row, styles: readonly Partial<Style>[]): void {
  for (let j = 0; j < styles.length; j += 1) {
    row.getCell(j + 1).style = styles[j] as Partial<Style>;
  }
}

/** Lets the response drain every so many rows: memory stays flat however long the sheet. */
async function breathe(out: Writable): Promise<void> {
  if (out.writableNeedDrain) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('close', done);
    });
  } else {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Writes the ranking sheet as .xlsx to `out`, row by row (exceljs streaming writer): a title
 * row naming round and region, merged two-level headers, one row per organization with
 * colours by score band and flags, frozen header, autofilter; then the methodology sheet and
 * one row per finding per organization. Resolves with the row counts once the file is complete.
 */
export async function writeRankingWorkbook(
  out: Writable,
  meta: RankingSheetMeta,
  rows: AsyncIterable<RankingRow> | Iterable<RankingRow>,
  findings: () => AsyncIterable<FindingRow> | Iterable<FindingRow>,
): Promise<WorkbookCounts> {
  const workbook = new excelStream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Gongkai';
  workbook.created = meta.generatedAt;
  const columns = rankingColumns(meta);
  const lastColumn = columnLetter(columns.length);

  const sheet = workbook.addWorksheet(RANKING_SHEET, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  writeHeader(sheet, meta, columns, lastColumn);

  const scoreIndex = columns.findIndex((c) => c.key === 'score');
  const flagsIndex = columns.findIndex((c) => c.key === 'flags');
  const styles = columnStyles(columns);
  const scoreStyles = new Map(
    [FILLS.good, FILLS.fair, FILLS.poor, FILLS.unscored].map((fill) => [
      fill,
      { ...styles[scoreIndex], fill, font: { bold: true } },
    ]),
  );
  const flagStyles = {
    error: { ...styles[flagsIndex], fill: FILLS.flagError },
    warning: { ...styles[flagsIndex], fill: FILLS.flagWarning },
  };
  const rowStyles = styles.slice();
  let count = 0;
  for await (const row of rows) {
    const excelRow = sheet.addRow(columns.map((column) => column.value(row)));
    rowStyles[scoreIndex] = scoreStyles.get(scoreFill(row.score)) as Partial<Style>;
    rowStyles[flagsIndex] =
      row.flags.length === 0
        ? (styles[flagsIndex] as Partial<Style>)
        : row.flags.some((flag) => flag.severity === 'error')
          ? flagStyles.error
          : flagStyles.warning;
    shareStyles(excelRow, rowStyles);
    excelRow.commit();
    count += 1;
    if (count % 500 === 0) await breathe(out);
  }
  const lastDataRow = HEADER_ROW + Math.max(count, 1);
  sheet.autoFilter = `A${HEADER_ROW}:${lastColumn}${lastDataRow}`;
  const changeColumn = columnLetter(columns.findIndex((c) => c.key === 'rankChange') + 1);
  sheet.addConditionalFormatting({
    ref: `${changeColumn}${FIRST_DATA_ROW}:${changeColumn}${lastDataRow}`,
    rules: [
      {
        type: 'cellIs',
        operator: 'greaterThan',
        formulae: ['0'],
        priority: 1,
        style: { font: { color: { argb: 'FF006100' } } },
      },
      {
        type: 'cellIs',
        operator: 'lessThan',
        formulae: ['0'],
        priority: 2,
        style: { font: { color: { argb: 'FF9C0006' } } },
      },
    ],
  });
  sheet.commit();

  writeMethodology(workbook.addWorksheet(METHODOLOGY_SHEET), meta, count);

  const findingSheet = workbook.addWorksheet(FINDINGS_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  findingSheet.columns = [
    { key: 'rank', width: 7, style: { numFmt: '0' } },
    { key: 'organization', width: 30 },
    { key: 'severity', width: 8 },
    { key: 'rule', width: 28 },
    { key: 'message', width: 70 },
    { key: 'cells', width: 40 },
  ];
  const findingHeader = findingSheet.addRow(['排名', '单位', '级别', '规则', '说明', '涉及单元格']);
  findingHeader.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = FILLS.header;
    cell.border = BORDER;
  });
  findingHeader.commit();
  let findingCount = 0;
  const findingStyles: Partial<Style>[] = [{ numFmt: '0' }, {}, {}, {}, {}, {}];
  const findingErrorStyles = findingStyles.slice();
  findingErrorStyles[2] = { fill: FILLS.flagError };
  for await (const finding of findings()) {
    const row = findingSheet.addRow([
      finding.rank,
      finding.organizationName,
      SEVERITY_LABELS[finding.severity] ?? finding.severity,
      finding.rule,
      finding.message,
      finding.cells.join('，') || null,
    ]);
    shareStyles(row, finding.severity === 'error' ? findingErrorStyles : findingStyles);
    row.commit();
    findingCount += 1;
    if (findingCount % 500 === 0) await breathe(out);
  }
  findingSheet.autoFilter = `A1:F${Math.max(findingCount, 1) + 1}`;
  findingSheet.commit();
  await workbook.commit();
  return { rows: count, findings: findingCount };
}

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

function writeHeader(
  sheet: Worksheet,
  meta: RankingSheetMeta,
  columns: readonly RankingColumn[],
  lastColumn: string,
): void {
  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = sheetTitle(meta);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  sheet.mergeCells(`A${TITLE_ROW}:${lastColumn}${TITLE_ROW}`);

  const groups = sheet.getRow(GROUP_ROW);
  const headers = sheet.getRow(HEADER_ROW);
  let start = 0;
  while (start < columns.length) {
    const group = (columns[start] as RankingColumn).group;
    let end = start;
    while (end + 1 < columns.length && (columns[end + 1] as RankingColumn).group === group)
      end += 1;
    const single = start === end && (columns[start] as RankingColumn).header === group;
    groups.getCell(start + 1).value = group;
    for (let i = start; i <= end; i += 1) {
      headers.getCell(i + 1).value = single ? null : (columns[i] as RankingColumn).header;
    }
    if (single) {
      sheet.mergeCells(GROUP_ROW, start + 1, HEADER_ROW, start + 1);
    } else if (end > start) {
      sheet.mergeCells(GROUP_ROW, start + 1, GROUP_ROW, end + 1);
    }
    start = end + 1;
  }
  for (const row of [groups, headers]) {
    for (let i = 1; i <= columns.length; i += 1) {
      const cell = row.getCell(i);
      cell.font = { bold: true };
      cell.fill = FILLS.header;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  title.commit();
  groups.commit();
  headers.commit();
}

function writeMethodology(sheet: Worksheet, meta: RankingSheetMeta, rowCount: number): void {
  sheet.columns = [{ width: 22 }, { width: 12 }, { width: 12 }, { width: 16 }, { width: 60 }];
  const add = (values: (string | number | null)[], bold = false): void => {
    const row = sheet.addRow(values);
    if (bold) row.font = { bold: true };
    row.commit();
  };
  const model = meta.model;
  add(['评分方法与数据来源'], true);
  add(['模型标识', model.id]);
  add(['模型版本', model.version]);
  add(['模型名称', model.titleZh]);
  add(['发布日期', model.publishedOn]);
  add(['同类比较范围', model.peerScope === 'all' ? '全体' : '同类组内']);
  add(['评分基准时间', meta.asOf]);
  add(['生成时间', meta.generatedAt.toISOString()]);
  add(['排名单位数', rowCount]);
  if (meta.snapshot) {
    add(['排名快照', meta.snapshot.id]);
    add(['快照状态', meta.snapshot.status === 'PUBLISHED' ? '已发布' : '已冻结']);
    add(['冻结时间', meta.snapshot.frozenAt]);
    add(['发布时间', meta.snapshot.publishedAt]);
    add(['数据是否已变化', meta.snapshot.stale ? `是：${meta.snapshot.staleReason ?? ''}` : '否']);
  } else {
    add(['排名快照', '无（实时数据）']);
  }
  add([]);
  add([
    '总分 = 100 × Σ(权重 × 指标得分) ÷ Σ 适用指标权重；不适用的指标不计入，缺报的指标得 0 分。',
  ]);
  add([]);
  add(['指标', '权重', '占比', '方向', '归一化与说明'], true);
  const total = model.indicators.reduce((sum, entry) => sum + entry.weight, 0);
  for (const entry of model.indicators) {
    const indicator = INDICATOR_CATALOGUE[entry.indicatorId];
    add([
      indicator.labelZh,
      entry.weight,
      total > 0 ? `${((100 * entry.weight) / total).toFixed(1)}%` : null,
      entry.direction === 'higherIsBetter' ? '越高越好' : '越低越好',
      `${describeNormalisation(entry.normalisation, 'zh')}；${indicator.descriptionZh}`,
    ]);
  }
  add([]);
  add(['依据与来源'], true);
  for (const source of model.sources) add([source.title, null, null, null, source.note]);
  sheet.commit();
}
