import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { formatSchemaErrors, parseReport, type AnnualReport } from '@gongkai/report-model';
import { ImportError, importReportFile } from '@gongkai/report-import';

export type ReadReportResult =
  | { readonly ok: true; readonly report: AnnualReport }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Why, as a code (`encrypted-pdf`, `conversion-timeout`, `no-such-file`…), when known. */
      readonly code?: string;
    };

/** Files larger than this are refused before reading (a real report is well under 10 MB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Schema errors shown on the one-line reason; the rest are counted. */
const MAX_ERRORS_SHOWN = 5;

/** A reader turns the bytes of one file format into a canonical report. */
export type ReportReader = (
  bytes: Buffer,
  path: string,
) => Promise<ReadReportResult> | ReadReportResult;

export function readCanonicalJson(bytes: Buffer): ReadReportResult {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = parseReport(json);
  if (parsed.ok) return parsed;
  const shown = parsed.errors.slice(0, MAX_ERRORS_SHOWN);
  const more = parsed.errors.length - shown.length;
  return {
    ok: false,
    reason: `not a valid report: ${formatSchemaErrors(shown)}${more > 0 ? ` (and ${more} more)` : ''}`,
  };
}

/**
 * Reads a published report (.txt, .html, .docx, .pdf, and .doc, .wps, .rtf, .odt through
 * LibreOffice) or the filled-in template workbook (.xlsx). Documents that are not annual reports
 * (自查报告, progress notes) are refused.
 */
export async function readRawReport(bytes: Buffer, path: string): Promise<ReadReportResult> {
  try {
    const result = await importReportFile(bytes, basename(path));
    if (result.kind === 'not-a-report') {
      return {
        ok: false,
        reason: `not an annual report: ${result.warnings[0] ?? ''}`,
        code: 'not-a-report',
      };
    }
    return { ok: true, report: result.report };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    const { entry, cell, line, byte } = error.location;
    const where = [entry && `entry ${entry}`, cell && `cell ${cell}`, line && `line ${line}`]
      .concat(byte === undefined ? [] : [`byte ${byte}`])
      .filter(Boolean)
      .join(', ');
    return {
      ok: false,
      reason: `${error.message}${where ? ` (${where})` : ''}`,
      code: error.code,
    };
  }
}

/**
 * Readers by file extension. Raw report files (.txt, .html, .docx, .xlsx) plug in here, each as
 * one function from bytes to a canonical report.
 */
export const READERS: Readonly<Record<string, ReportReader>> = {
  '.json': readCanonicalJson,
  '.txt': readRawReport,
  '.text': readRawReport,
  '.html': readRawReport,
  '.htm': readRawReport,
  '.docx': readRawReport,
  '.xlsx': readRawReport,
  '.pdf': readRawReport,
  '.doc': readRawReport,
  '.wps': readRawReport,
  '.rtf': readRawReport,
  '.odt': readRawReport,
};

/** Reads any supported report file into a canonical report; never throws. */
export async function readReportFile(path: string): Promise<ReadReportResult> {
  const extension = extname(path).toLowerCase();
  const reader = READERS[extension];
  if (!reader) {
    const known = Object.keys(READERS).join(', ');
    return {
      ok: false,
      reason: `${path}: unknown format "${extension || '(none)'}" (supported: ${known})`,
      code: 'unknown-format',
    };
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: `${path}: not a file`, code: 'not-a-file' };
    if (info.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        code: 'too-large',
        reason: `${path}: file too large (${info.size} bytes, at most ${MAX_FILE_BYTES})`,
      };
    }
    const result = await reader(await readFile(path), path);
    return result.ok ? result : { ...result, reason: `${path}: ${result.reason}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, reason: `${path}: no such file`, code: 'no-such-file' };
    if (code === 'EACCES')
      return { ok: false, reason: `${path}: permission denied`, code: 'permission-denied' };
    return {
      ok: false,
      reason: `${path}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
