import {
  type CellValue,
  columnLetter,
  LINE_HEIGHT,
  OutputClosedError,
  rangeAddress,
  type StyleRegistry,
  type WorksheetWriter,
  XlsxWorkbookWriter,
} from '@gongkai/office';
import type { Writable } from 'node:stream';
import type { FindingRow, RankingRow } from '../scoring';
import {
  rankingColumns,
  sheetTitle,
  type RankingColumn,
  type RankingSheetMeta,
} from './ranking-columns';
import { writeFindings } from './ranking-findings.sheet';
import { writeMethodology } from './ranking-methodology.sheet';
import {
  BOLD,
  BORDER,
  columnStyle,
  FILLS,
  FINDINGS_SHEET,
  HEADER_ROW,
  FIRST_DATA_ROW,
  GROUP_ROW,
  METHODOLOGY_SHEET,
  PRINT_TITLES,
  printSetup,
  RANKING_SHEET,
  rowHeight,
  scoreFill,
  TITLE_ROW,
  type WorkbookCounts,
} from './ranking-workbook.layout';

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
    // an output gone (the client left) ends the file wherever the writer was, not with an error
    if (!(error instanceof OutputClosedError) && !out.destroyed) throw error;
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
