import { formatShanghaiMinute } from '@gongkai/report-model';
import {
  type CellStyle,
  type CellValue,
  headerFooterText,
  LINE_HEIGHT,
  type SheetOptions,
  type SolidFill,
  type StyleRegistry,
  wrappedLines,
} from '@gongkai/office';
import { sheetTitle, type RankingColumn, type RankingSheetMeta } from './ranking-columns';

/** The ranking workbook's sheets, rows, colours, styles and print setup, shared by its sheets. */

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

export const BORDER = { color: 'FF9FB1C9' };
export const BOLD = { bold: true };

export type WorkbookCounts = { rows: number; findings: number };

/** The style id each data cell of a column starts with (its number format, wrapping). */
export function columnStyle(
  styles: StyleRegistry,
  column: RankingColumn,
  extra: CellStyle = {},
): number {
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
