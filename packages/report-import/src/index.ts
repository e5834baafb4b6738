export {
  importReport,
  importReportFile,
  extractDocument,
  detectFormat,
  detectAsyncFormat,
  DEFAULT_MAX_BYTES,
} from './import-report';
export type {
  ImportFormat,
  ImportOptions,
  ImportResult,
  AsyncImportFormat,
  FileImportOptions,
  FileImportResult,
  ExtractDocumentOptions,
} from './import-report';
export { readPdf, readPdfPages, DEFAULT_PDF_LIMITS } from './pdf/pdf.reader';
export type { PdfLimits } from './pdf/pdf.reader';
export { convertToDocx, CONVERTED_FORMATS, DEFAULT_CONVERT_TIMEOUT_MS } from './convert/soffice';
export type { ConvertOptions, ConvertedFormat } from './convert/soffice';
export { ImportError } from './import-error';
export type { ImportErrorCode, ImportErrorLocation } from './import-error';
export type { ReportKind } from './extract/report.extractor';
export { buildTemplateWorkbook } from './xlsx/template-workbook.builder';
export { readTemplateWorkbook } from './xlsx/template-workbook.reader';
export { splitDigitRun, solveRows } from './extract/digit-split.solver';
export type {
  RowShape,
  RowIdentity,
  SplitResult,
  JointSolution,
} from './extract/digit-split.solver';
export { decodeText } from './input/decode-text';
export { safeUnzip, DEFAULT_UNZIP_LIMITS } from './input/safe-unzip';
export type { UnzipLimits } from './input/safe-unzip';
export { normalizeText } from './text/normalize-text';
export { toGrid } from './html/table-grid';
export { renderReportText } from './render/report-text.renderer';
export type { TextTableStyle } from './render/report-text.renderer';
export { renderReportHtml } from './render/report-html.renderer';
export { readPageText, normalizePageText } from './text/page-text.reader';
export { renderPageText, PAGE_PATTERNS } from './test-support/page-text.render';
export type { PagePattern } from './test-support/page-text.render';
export type { ExtractedReport, ExtractOptions } from './extract/report.extractor';
export type { SourceCell, SourceDocument, SourceLine } from './source-document.types';
export { moveIntoYear } from './carry/move-into-year';
export type { MovedReport } from './carry/move-into-year';
