import {
  TEMPLATES,
  type AnnualReport,
  type ProvenanceEntry,
  type TemplateId,
} from '@gongkai/report-model';
import { readDocx } from './docx/docx.reader';
import { extractReport, type ExtractedReport, type ReportKind } from './extract/report.extractor';
import { readHtml } from './html/html.reader';
import { ImportError } from './import-error';
import { decodeText } from './input/decode-text';
import { DEFAULT_UNZIP_LIMITS, isZip, type UnzipLimits } from './input/safe-unzip';
import type { SourceDocument } from './source-document.types';
import { normalizePageText, readPageText } from './text/page-text.reader';
import { readText } from './text/text.reader';
import { readTemplateWorkbook } from './xlsx/template-workbook.reader';
import {
  CONVERTED_FORMATS,
  convertToDocx,
  type ConvertOptions,
  type ConvertedFormat,
} from './convert/soffice';
import { DEFAULT_PDF_LIMITS, isPdf, readPdf, type PdfLimits } from './pdf/pdf.reader';

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

/** A document's lines as text again, table rows as their cells separated by spaces. */
function documentText(document: SourceDocument): string {
  return document.lines
    .map((line) => (line.cells ? line.cells.map((c) => c.text).join(' ') : line.text))
    .join('\n');
}

const STREAM_TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

/**
 * The page-text reading of a document, with the template whose row labels it finds most of
 * (the line-by-line reading's template first).
 */
function streamExtract(
  text: string,
  fileName: string,
  first: ExtractedReport,
  options: { readonly previous?: AnnualReport },
): { extracted: ExtractedReport; warnings: readonly string[] } | null {
  const order = [
    ...new Set([first.report.template, ...STREAM_TEMPLATES].filter((t) => t !== 'narrative')),
  ];
  let best: { document: SourceDocument; template: TemplateId; share: number } | null = null;
  const normalized = normalizePageText(text);
  for (const template of order) {
    const document = readPageText(normalized, { template, normalized: true });
    const found = document.lines.filter((l) => l.stream && l.cells && l.cells.length > 1).length;
    const printed = TEMPLATES[template].tables.reduce((n, t) => n + t.rows.length, 0);
    const share = found / Math.max(1, printed);
    if (found > 0 && (!best || share > best.share)) best = { document, template, share };
    if (share >= 1) break; // every row of the template found: no other can do better
  }
  if (!best) return null;
  let template = best.template;
  if (template.startsWith('legacy')) {
    // the two legacy tables differ by the rows they print
    const rows = new Set(best.document.lines.map((l) => l.anchor?.row));
    if (rows.has('applicationsReferred')) template = 'legacy-fujian';
    else if (['applicationsFax', 'applicationsEmail', 'applicationsOther'].some((r) => rows.has(r)))
      template = 'legacy-2011';
  }
  return {
    extracted: extractReport(best.document.lines, fileName, {
      ...options,
      template,
    }),
    warnings: best.document.warnings,
  };
}

/**
 * The reading kept, with every cell the other reading found a different number for left blank:
 * when two ways of reading the same text disagree, neither is trusted.
 */
function blankDisagreements(kept: ExtractedReport, other: ExtractedReport): ExtractedReport {
  const tables = kept.report.tables as Record<
    string,
    Record<string, Record<string, number | null>>
  >;
  const others = other.report.tables as Record<
    string,
    Record<string, Record<string, number | null>> | undefined
  >;
  // copied on the first disagreement: most readings agree, and the copies are large
  let warnings: string[] | null = null;
  let provenance: Record<string, ProvenanceEntry> | null = null;
  let changed = false;
  const out: Record<string, Record<string, Record<string, number | null>>> = {};
  for (const [table, rows] of Object.entries(tables)) {
    out[table] = {};
    for (const [row, columns] of Object.entries(rows)) {
      const copy: Record<string, number | null> = { ...columns };
      for (const [column, value] of Object.entries(columns)) {
        const theirs = others[table]?.[row]?.[column];
        if (value === null || theirs === null || theirs === undefined || theirs === value) continue;
        copy[column] = null;
        changed = true;
        warnings ??= [...kept.warnings];
        provenance ??= { ...kept.provenance };
        const path = `${table}.${row}.${column}`;
        provenance[path] = { ...provenance[path], confidence: 0 };
        warnings.push(
          `${table}.${row}.${column}：两种读法结果不同（${value} / ${theirs}），单元格留空 — the line and page-text readings disagree; cell left blank`,
        );
      }
      (out[table] as Record<string, Record<string, number | null>>)[row] = copy;
    }
  }
  if (!changed || !warnings || !provenance) return kept;
  const report = { ...kept.report, tables: out as AnnualReport['tables'], provenance };
  return { ...kept, report, provenance, warnings };
}

function filledCells(extracted: ExtractedReport): number {
  let n = 0;
  for (const rows of Object.values(extracted.report.tables)) {
    for (const columns of Object.values(rows ?? {})) {
      for (const value of Object.values(columns as Record<string, number | null>))
        if (value !== null) n += 1;
    }
  }
  return n;
}

/** Cells the report should have: every row of its tables, or of an optional-row table the rows found. */
function expectedCells(extracted: ExtractedReport): number {
  const found = extracted.report.tables as Record<string, Record<string, unknown> | undefined>;
  return TEMPLATES[extracted.report.template].tables.reduce((sum, table) => {
    const rows = found[table.id];
    const counted = table.rowsOptional && rows ? table.rows.filter((r) => rows[r.key]) : table.rows;
    return sum + counted.reduce((s, row) => s + row.columns.length, 0);
  }, 0);
}
