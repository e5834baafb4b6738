// Spreadsheet, zip and CSV input/output for the server: nothing here knows the domain.

// The streaming .xlsx writer
export { cellAddress, columnLetter, rangeAddress } from './xlsx/cell-address';
export { StyleRegistry } from './xlsx/style.registry';
export type {
  Alignment,
  CellStyle,
  DifferentialStyle,
  FontStyle,
  SolidFill,
  ThinBorder,
} from './xlsx/style.registry';
export { LINE_HEIGHT, textWidth, wrappedLines } from './xlsx/text-width';
export { DEFAULT_LEVEL, XlsxWorkbookWriter } from './xlsx/workbook.writer';
export type { WorkbookOptions } from './xlsx/workbook.writer';
export { dateSerial, headerFooterText, WorksheetWriter } from './xlsx/worksheet.writer';
export type {
  CellValue,
  ColumnSpec,
  ConditionalRule,
  RowOptions,
  SheetOptions,
  SheetTail,
} from './xlsx/worksheet.writer';
export { escapeXml } from './xlsx/xml-escape';
export { OutputClosedError, ZipEntryWriter, ZipWriter } from './xlsx/zip.writer';
export type { ZipOptions } from './xlsx/zip.writer';

// CSV: one writer (with the formula guard) for every export, one reader for every import
export { csvCell, csvDocument, csvField, csvLine, UTF8_BOM } from './csv/csv.writer';
export type { CsvCell, CsvFigure } from './csv/csv.writer';
export { readCsv } from './csv/csv.reader';
export type { CsvTable } from './csv/csv.reader';

// Untrusted input: text decoding, zip extraction within limits, .xlsx reading within limits
export { OfficeInputError } from './input/office-input.error';
export type { OfficeInputErrorCode, OfficeInputLocation } from './input/office-input.error';
export { decodeText, firstInvalidUtf8 } from './input/decode-text';
export type { DecodedText, TextEncodingName } from './input/decode-text';
export {
  decodeEntryName,
  DEFAULT_UNZIP_LIMITS,
  isZip,
  RATIO_FLOOR,
  safeUnzip,
} from './input/safe-unzip';
export type { UnzipLimits } from './input/safe-unzip';
export {
  readUntrustedWorkbook,
  sheetGrid,
  UNTRUSTED_WORKBOOK_LIMITS,
} from './xlsx/workbook.reader';
