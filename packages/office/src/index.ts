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
