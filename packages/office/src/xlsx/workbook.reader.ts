import type ExcelJS from 'exceljs';
import { OfficeInputError } from '../input/office-input.error';
import { isZip, safeUnzip, type UnzipLimits } from '../input/safe-unzip';

/**
 * Limits for a workbook uploaded by a user: a sheet of 100,000 rows is about 20 MB of XML; sheet
 * XML compresses 5–50 times, so an entry inflating more than 200 times its size (deflate's most
 * is about 1,030) is a bomb.
 */
export const UNTRUSTED_WORKBOOK_LIMITS: UnzipLimits = {
  maxEntryBytes: 48 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 2_000,
  maxRatio: 200,
};

/**
 * Reads an .xlsx workbook from outside. The archive is inflated first within `limits` (entry
 * count, size of each entry and of all, compression ratio; in 1 kB steps, so a zip bomb costs at
 * most the limit), and only then handed to exceljs. Not a zip, no `xl/workbook.xml` or anything
 * exceljs cannot read is `not-a-workbook`; a damaged archive `corrupt-archive`; a bomb
 * `archive-too-large` or `archive-ratio`.
 */
export async function readUntrustedWorkbook(
  bytes: Uint8Array,
  file: string,
  limits: UnzipLimits = UNTRUSTED_WORKBOOK_LIMITS,
): Promise<ExcelJS.Workbook> {
  if (!isZip(bytes)) {
    throw new OfficeInputError('not-a-workbook', 'not an .xlsx workbook (not a zip archive)', {
      file,
    });
  }
  const parts = safeUnzip(bytes, () => true, file, limits);
  if (!parts.has('xl/workbook.xml')) {
    throw new OfficeInputError('not-a-workbook', 'a zip archive without xl/workbook.xml', { file });
  }
  // Loaded on first use: exceljs adds ~30 MB to a process that never reads a workbook.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new OfficeInputError('not-a-workbook', `exceljs cannot read it (${String(error)})`, {
      file,
    });
  }
  return workbook;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/**
 * The cells of a worksheet as text, row 1 first (`grid[i]` is row `i + 1`, as wide as the sheet; a
 * row the file leaves out is `[]`): rich text joined, formulas as their cached result, dates as `YYYY-MM-DD`.
 */
export function sheetGrid(sheet: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    grid[rowNumber - 1] = cells;
  });
  return Array.from(grid, (r) => r ?? []);
}
