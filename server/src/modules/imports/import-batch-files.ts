import type { AnnualReport } from '@gongkai/report-model';
import { DEFAULT_UNZIP_LIMITS, ImportError, safeUnzip } from '@gongkai/report-import';
import { badInput } from '../../common/domain-error';
import { uploadedName, UPLOAD_EXTENSIONS } from '../submissions';

/** Most report files one batch takes (after unpacking its zips). */
export const MAX_BATCH_FILES = 500;
/** Most entries a zip may list: more is refused before anything is read. */
export const MAX_ZIP_ENTRIES = 2000;

const BATCH_EXTENSIONS = (UPLOAD_EXTENSIONS as readonly string[]).filter((e) => e !== 'json');

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** `encrypted-pdf` → `import.encryptedPdf`, as the single-file upload names it. */
export function importReason(error: ImportError): {
  key: string;
  params: Record<string, string | number>;
} {
  const code = error.code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { key: `import.${code}`, params: { file: error.location.file, ...error.params } };
}

/** Whether a table cell of the report was left blank (a glued run the reader could not split…). */
export function hasBlankCell(report: AnnualReport): boolean {
  for (const rows of Object.values(report.tables ?? {}))
    for (const cells of Object.values((rows ?? {}) as Record<string, Record<string, unknown>>))
      if (Object.values(cells ?? {}).some((v) => v === null)) return true;
  return false;
}

/** The issuing body as the report names it, else the part of the title before the year. */
export function issuingBody(report: AnnualReport): string {
  const name = report.organization.name.trim();
  if (name) return name;
  const title = report.title?.trim() ?? '';
  return title.replace(/[0-9０-９]{4}\s*年.*$/u, '').trim();
}

/**
 * The report files of an upload: zips unpacked within limits (a nested zip or too many entries
 * refuses the whole upload), other files by their extension. Refusals name the file.
 */
export function unpackUpload(
  files: readonly { originalname: string; buffer: Buffer }[],
  maxUploadBytes: number,
): { name: string; bytes: Buffer }[] {
  const entries: { name: string; bytes: Buffer }[] = [];
  for (const file of files) {
    const name = uploadedName(file.originalname).slice(0, 255);
    const ext = extensionOf(name);
    if (ext === 'zip' || (isZipBytes(file.buffer) && !['docx', 'xlsx', 'odt'].includes(ext))) {
      entries.push(...unzip(name, file.buffer, maxUploadBytes));
    } else if (BATCH_EXTENSIONS.includes(ext)) {
      entries.push({ name, bytes: file.buffer });
    } else
      throw badInput('files', `unsupported file type .${ext} in ${name}`, {
        key: 'import.unsupportedInBatch',
        params: { file: name, ext: ext ? `.${ext}` : '' },
      });
  }
  if (entries.length === 0)
    throw badInput('files', 'the upload holds no report files', { key: 'import.emptyBatch' });
  if (entries.length > MAX_BATCH_FILES)
    throw badInput('files', `at most ${MAX_BATCH_FILES} files per batch`, {
      key: 'import.tooManyFiles',
      params: { count: entries.length, max: MAX_BATCH_FILES },
    });
  return entries;
}

function unzip(
  name: string,
  buffer: Buffer,
  maxUploadBytes: number,
): { name: string; bytes: Buffer }[] {
  const wanted = (entry: string): boolean =>
    !entry.endsWith('/') && !entry.startsWith('__MACOSX/') && !/(^|\/)\./.test(entry);
  let files: Map<string, Uint8Array>;
  try {
    files = safeUnzip(
      new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length),
      wanted,
      name,
      {
        ...DEFAULT_UNZIP_LIMITS,
        maxEntries: MAX_ZIP_ENTRIES,
        maxEntryBytes: maxUploadBytes,
      },
    );
  } catch (error) {
    if (error instanceof ImportError) {
      const reason = importReason(error);
      throw badInput('files', error.describe(), reason);
    }
    throw error;
  }
  const out: { name: string; bytes: Buffer }[] = [];
  for (const [entry, bytes] of files) {
    const base = entry.split('/').at(-1) ?? entry;
    const ext = extensionOf(base);
    if (ext === 'zip' || (isZipBytes(bytes) && !['docx', 'xlsx', 'odt'].includes(ext)))
      throw badInput('files', `${name} holds another archive (${entry}): unpack it first`, {
        key: 'import.nestedZip',
        params: { file: name, entry },
      });
    if (!BATCH_EXTENSIONS.includes(ext)) continue;
    out.push({ name: base.slice(0, 255), bytes: Buffer.from(bytes) });
  }
  return out;
}
