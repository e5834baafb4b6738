/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987): the UTF-8 name for every
 * current browser, and an ASCII stand-in (other characters as `_`) for clients that only read
 * `filename`.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
