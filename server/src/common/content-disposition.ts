import type { Response } from 'express';

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987): the UTF-8 name for every
 * current browser, and an ASCII stand-in (other characters as `_`) for clients that only read
 * `filename`.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The media type of an Excel workbook (.xlsx). */
export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Starts sending a file for download: status 200, its media type, `attachment` with its name (see
 * `attachmentDisposition`) and `Cache-Control: no-store`. The caller writes the body.
 */
export function startAttachment<T extends Response>(
  res: T,
  contentType: string,
  fileName: string,
): T {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(fileName));
  res.setHeader('Cache-Control', 'no-store');
  return res;
}
