import { TEMPLATES, type AnnualReport, type ProvenanceEntry } from '@gongkai/report-model';
import { readDocx } from './docx/docx.reader';
import { extractReport, type ExtractedReport, type ReportKind } from './extract/report.extractor';
import { readHtml } from './html/html.reader';
import { ImportError } from './import-error';
import { decodeText } from './input/decode-text';
import { DEFAULT_UNZIP_LIMITS, isZip, type UnzipLimits } from './input/safe-unzip';
import type { SourceDocument } from './source-document.types';
import { readText } from './text/text.reader';
import { readTemplateWorkbook } from './xlsx/template-workbook.reader';
import {
  CONVERTED_FORMATS,
  convertToDocx,
  type ConvertOptions,
  type ConvertedFormat,
} from './convert/soffice';
import { DEFAULT_PDF_LIMITS, isPdf, readPdf, type PdfLimits } from './pdf/pdf.reader';
import {
  blankDisagreements,
  documentText,
  expectedCells,
  filledCells,
  streamExtract,
} from './extract/page-text-fallback';

export type ImportFormat = 'text' | 'html' | 'docx' | 'xlsx';

export type ImportOptions = {
  /** Largest accepted input, in bytes (default 20 MB). */
  readonly maxBytes?: number;
  /** Limits for .docx/.xlsx archives (uncompressed sizes, entry count). */
  readonly unzipLimits?: UnzipLimits;
  /** Force a format instead of guessing from the file name and content. */
  readonly format?: ImportFormat;
  /**
   * Last year's report of the same body, when known: its carried-forward and in-force figures
   * help to split glued digit runs.
   */
  readonly previous?: AnnualReport;
};

export type ImportResult = {
  readonly report: AnnualReport;
  /** Where each value came from, keyed by cell path or field (also in `report.provenance`). */
  readonly provenance: Readonly<Record<string, ProvenanceEntry>>;
  /** Everything guessed, skipped or doubtful, one line each (Chinese — English). */
  readonly warnings: readonly string[];
  readonly kind: ReportKind;
  readonly format: ImportFormat;
};

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

function extension(fileName: string): string {
  return /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/** The format of an input, from its content first (zip or markup) and its name second. */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat {
  const ext = extension(fileName);
  if (isZip(bytes)) {
    if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
    if (ext === 'docx') return 'docx';
    throw new ImportError('unsupported-format', 'a zip archive that is neither .docx nor .xlsx', {
      file: fileName,
    });
  }
  if (ext === 'docx' || ext === 'xlsx') {
    throw new ImportError(
      'corrupt-archive',
      `not a valid .${ext} file (it does not start like a zip archive; truncated or renamed?)`,
      { file: fileName, byte: 0 },
    );
  }
  if (ext === 'pdf' || (CONVERTED_FORMATS as readonly string[]).includes(ext)) {
    throw new ImportError(
      'unsupported-format',
      `.${ext} files are read asynchronously: call importReportFile`,
      { file: fileName },
    );
  }
  if (ext === 'xls') {
    throw new ImportError(
      'unsupported-format',
      `.xls files are not supported: save as .xlsx, or fill in the template workbook`,
      { file: fileName },
    );
  }
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048)).toLowerCase();
  if (/<!doctype html|<html[\s>]|<body[\s>]|<table[\s>]/.test(head)) return 'html';
  return 'text';
}

/**
 * Reads a report file — `.txt`, `.html`, `.docx`, or the project's `.xlsx` template — into the
 * canonical report, with provenance and warnings. `kind` is 'not-a-report' for documents that
 * are not annual reports (自查报告, progress notes): they come back as `narrative` with no tables.
 * Unreadable input throws an ImportError saying what and where.
 */
export function importReport(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) {
    throw new ImportError('empty', 'the file is empty', { file: fileName });
  }
  if (bytes.length > maxBytes) {
    throw new ImportError(
      'too-large',
      `the file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit`,
      { file: fileName, byte: maxBytes },
    );
  }
  const format = options.format ?? detectFormat(bytes, fileName);
  const limits = options.unzipLimits ?? DEFAULT_UNZIP_LIMITS;
  if (format === 'xlsx') {
    const read = readTemplateWorkbook(bytes, fileName, limits);
    return { ...read, kind: 'annual-report', format };
  }
  let document: SourceDocument;
  const decodeWarnings: string[] = [];
  let text: string | null = null;
  if (format === 'docx') document = readDocx(bytes, fileName, limits);
  else {
    const decoded = decodeText(bytes, fileName);
    decodeWarnings.push(...decoded.warnings);
    document = format === 'html' ? readHtml(decoded.text) : readText(decoded.text);
    if (format === 'text') text = decoded.text;
  }
  const extracted = extractDocument(document, fileName, {
    ...(options.previous ? { previous: options.previous } : {}),
    ...(text !== null ? { text } : {}),
  });
  return {
    ...extracted,
    warnings: [...decodeWarnings, ...extracted.warnings],
    format,
  };
}

/** Formats read only by `importReportFile` (PDF.js and LibreOffice work asynchronously). */
export type AsyncImportFormat = 'pdf' | ConvertedFormat;

export type FileImportOptions = ImportOptions & {
  readonly pdf?: Partial<PdfLimits>;
  readonly convert?: ConvertOptions;
};

export type FileImportResult = Omit<ImportResult, 'format'> & {
  readonly format: ImportFormat | AsyncImportFormat;
};

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The PDF or word-processor format of a file (by content, then name), or null for the others. */
export function detectAsyncFormat(bytes: Uint8Array, fileName: string): AsyncImportFormat | null {
  const ext = extension(fileName);
  if (ext === 'pdf' || (isPdf(bytes) && !isZip(bytes) && ext !== 'txt')) return 'pdf';
  return (CONVERTED_FORMATS as readonly string[]).includes(ext) ? (ext as ConvertedFormat) : null;
}

function looksLike(format: ConvertedFormat, bytes: Uint8Array): boolean {
  if (format === 'odt') return isZip(bytes);
  if (format === 'rtf') return new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '{\\rtf';
  // .doc and .wps are OLE2 compound files.
  return OLE2.every((b, i) => bytes[i] === b);
}

/**
 * Reads any report file `importReport` reads, and also PDF (its text layer, through PDF.js) and
 * .doc, .wps, .rtf, .odt (converted to .docx by LibreOffice headless). Asynchronous; the same
 * result and the same ImportErrors, plus clear ones for encrypted, scanned, malformed or
 * over-long PDFs and for conversions that are impossible, fail or hang.
 */
export async function importReportFile(
  bytes: Uint8Array,
  fileName: string,
  options: FileImportOptions = {},
): Promise<FileImportResult> {
  const format = options.format ? null : detectAsyncFormat(bytes, fileName);
  if (format === null) return importReport(bytes, fileName, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ImportError('empty', 'the file is empty', { file: fileName });
  if (bytes.length > maxBytes) {
    throw new ImportError(
      'too-large',
      `the file is ${bytes.length} bytes, more than the ${maxBytes}-byte limit`,
      { file: fileName, byte: maxBytes },
    );
  }
  let document: SourceDocument;
  if (format === 'pdf') {
    if (!isPdf(bytes))
      throw new ImportError('corrupt-pdf', 'not a PDF file (it does not start with %PDF-)', {
        file: fileName,
        byte: 0,
      });
    document = await readPdf(bytes, fileName, { ...DEFAULT_PDF_LIMITS, ...options.pdf });
  } else {
    if (!looksLike(format, bytes))
      throw new ImportError(
        'conversion-failed',
        `not a .${format} file (its first bytes are not those of a .${format} document)`,
        { file: fileName, byte: 0 },
        { format: `.${format}` },
      );
    const docx = await convertToDocx(bytes, fileName, format, options.convert);
    document = readDocx(docx, fileName, options.unzipLimits ?? DEFAULT_UNZIP_LIMITS);
  }
  const extracted = extractDocument(
    document,
    fileName,
    options.previous ? { previous: options.previous } : {},
  );
  return { ...extracted, format };
}

export type ExtractDocumentOptions = {
  /** Last year's report of the same body (see `ImportOptions.previous`). */
  readonly previous?: AnnualReport;
  /** The document's text as decoded, when it has one (else it is rebuilt from the lines). */
  readonly text?: string;
};

/**
 * The report in a document read into lines (by any reader: text, HTML, Word, PDF): extracted line
 * by line, and — when that leaves cells out — read again as one token stream by the page-text
 * reader, keeping the reading with more cells. The warnings include the reader's.
 */
export function extractDocument(
  document: SourceDocument,
  fileName: string,
  options: ExtractDocumentOptions = {},
): ExtractedReport {
  const extractOptions = options.previous ? { previous: options.previous } : {};
  let extracted = extractReport(document.lines, fileName, extractOptions);
  let readerWarnings = document.warnings;
  const statedNotAReport = extracted.warnings.some((w) =>
    w.includes('这不是政府信息公开工作年度报告'),
  );
  if (
    !statedNotAReport &&
    (extracted.report.template === 'narrative' || filledCells(extracted) < expectedCells(extracted))
  ) {
    // the tables did not come through line by line: read the text as one token stream
    const stream = streamExtract(
      options.text ?? documentText(document),
      fileName,
      extracted,
      extractOptions,
    );
    if (
      stream &&
      stream.extracted.kind === 'annual-report' &&
      filledCells(stream.extracted) > filledCells(extracted)
    ) {
      extracted = blankDisagreements(stream.extracted, extracted);
      readerWarnings = [...document.warnings, ...stream.warnings];
    } else if (
      stream &&
      stream.extracted.report.template === extracted.report.template &&
      !document.lines.some((l) => l.cells !== null && l.cells.length >= 2)
    ) {
      // no table cells in the document: the line reading split glued lines, which the page-text
      // reading checks
      extracted = blankDisagreements(extracted, stream.extracted);
    }
  }
  const imageWarnings: string[] = [];
  if (document.images && document.images.length > 0 && extracted.kind === 'annual-report') {
    const missing = TEMPLATES[extracted.report.template].tables
      .map((t) => t.id)
      .filter((id) => !extracted.report.tables[id]);
    if (missing.length > 0) {
      const at = document.images
        .slice(0, 5)
        .map((line) => `第${line}行`)
        .join('、');
      imageWarnings.push(
        `未找到表格 ${missing.join('、')}；页面在${at}有图片，表格可能为图片，无法读取 — tables ${missing.join(', ')} not found; the page has images, the tables may be pictures`,
      );
    }
  }
  return {
    ...extracted,
    warnings: [...readerWarnings, ...extracted.warnings, ...imageWarnings],
  };
}
