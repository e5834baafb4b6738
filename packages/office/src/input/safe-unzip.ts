import { Inflate } from 'fflate';
import { firstInvalidUtf8 } from './decode-text';
import { OfficeInputError } from './office-input.error';

export type UnzipLimits = {
  /** Largest uncompressed size of one entry, in bytes. */
  readonly maxEntryBytes: number;
  /** Largest uncompressed size of all extracted entries together, in bytes. */
  readonly maxTotalBytes: number;
  /** Most entries the central directory may list. */
  readonly maxEntries: number;
  /**
   * Largest ratio of an entry's inflated to its compressed size, checked once the entry has
   * inflated beyond {@link RATIO_FLOOR} bytes (small entries of repeated XML compress well).
   * Absent: no ratio check.
   */
  readonly maxRatio?: number;
};

/** Inflated bytes of an entry below which its compression ratio is not checked. */
export const RATIO_FLOOR = 1024 * 1024;

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxEntries: 10_000,
};

/** General-purpose flag bit 11: the entry's name and comment are UTF-8. */
const UTF8_FLAG = 0x0800;
/** Info-ZIP Unicode Path extra field: a UTF-8 copy of a name stored in a legacy code page. */
const UNICODE_PATH_FIELD = 0x7075;

const utf8 = new TextDecoder('utf-8');
const gb18030 = new TextDecoder('gb18030');

/**
 * An entry name as the archiver meant it. With the UTF-8 flag the bytes are UTF-8. Without it,
 * an Info-ZIP Unicode Path field wins; else bytes that are valid UTF-8 are UTF-8 (macOS and 7-Zip
 * write it unflagged), and anything else is the Windows code page of a Chinese system — GBK,
 * read as GB18030, its superset.
 */
export function decodeEntryName(name: Uint8Array, flags: number, extra: Uint8Array): string {
  if ((flags & UTF8_FLAG) !== 0) return utf8.decode(name);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = u16(extra, at);
    const size = u16(extra, at + 2);
    if (
      id === UNICODE_PATH_FIELD &&
      size > 5 &&
      extra[at + 4] === 1 &&
      at + 4 + size <= extra.length
    ) {
      const unicode = extra.subarray(at + 9, at + 4 + size);
      if (firstInvalidUtf8(unicode) < 0) return utf8.decode(unicode);
    }
    at += 4 + size;
  }
  return firstInvalidUtf8(name) < 0 ? utf8.decode(name) : gb18030.decode(name);
}

type CentralEntry = {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** As the directory declares it: a bomb may lie, so inflating checks again. */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
};

// Deflate expands at most ~1032:1, so one 1 kB step yields at most ~1 MB before the size check.
const CHUNK = 1024;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

function readCentralDirectory(zip: Uint8Array, file: string, limits: UnzipLimits): CentralEntry[] {
  const corrupt = (message: string, byte?: number): OfficeInputError =>
    new OfficeInputError('corrupt-archive', message, { file, byte });
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (u32(zip, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw corrupt(
      'not a complete zip archive (no end-of-directory record): truncated or not a zip',
    );
  }
  const count = u16(zip, eocd + 10);
  const dirOffset = u32(zip, eocd + 16);
  if (count > limits.maxEntries) {
    throw new OfficeInputError('archive-too-large', `the archive lists ${count} entries`, { file });
  }
  if (dirOffset === 0xffffffff || count === 0xffff)
    throw corrupt('zip64 archives are not supported');
  const entries: CentralEntry[] = [];
  let at = dirOffset;
  for (let k = 0; k < count; k += 1) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) {
      throw corrupt('damaged zip directory', at);
    }
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const commentLength = u16(zip, at + 32);
    entries.push({
      method: u16(zip, at + 10),
      compressedSize: u32(zip, at + 20),
      declaredSize: u32(zip, at + 24),
      localHeaderOffset: u32(zip, at + 42),
      name: decodeEntryName(
        zip.subarray(at + 46, at + 46 + nameLength),
        u16(zip, at + 8),
        zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      ),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Extracts the named entries of a zip archive, inflating in 1 kB steps and stopping as soon as an
 * entry or the total exceeds its limit, so a zip bomb costs at most the limit in memory and the
 * time to inflate it. Entries not asked for are never inflated. Missing entries are absent from the
 * result.
 */
export function safeUnzip(
  zip: Uint8Array,
  wanted: (name: string) => boolean,
  file: string,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
): Map<string, Uint8Array> {
  const entries = readCentralDirectory(zip, file, limits);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let declaredTotal = 0;
  const tooLarge = (entry: string): OfficeInputError =>
    new OfficeInputError(
      'archive-too-large',
      `zip entry inflates beyond ${Math.min(limits.maxEntryBytes, limits.maxTotalBytes)} bytes (zip bomb?)`,
      { file, entry },
    );
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    // what the directory declares is refused before anything is inflated
    declaredTotal += entry.declaredSize;
    if (entry.declaredSize > limits.maxEntryBytes || declaredTotal > limits.maxTotalBytes) {
      throw tooLarge(entry.name);
    }
    const local = entry.localHeaderOffset;
    if (local + 30 > zip.length || u32(zip, local) !== 0x04034b50) {
      throw new OfficeInputError('corrupt-archive', 'damaged zip entry header', {
        file,
        entry: entry.name,
        byte: local,
      });
    }
    const start = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    const end = start + entry.compressedSize;
    if (end > zip.length) {
      throw new OfficeInputError(
        'corrupt-archive',
        'zip entry runs past the end of the file (truncated)',
        {
          file,
          entry: entry.name,
          byte: zip.length,
        },
      );
    }
    const data = zip.subarray(start, end);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const account = (chunk: Uint8Array): void => {
      size += chunk.length;
      total += chunk.length;
      if (
        limits.maxRatio !== undefined &&
        size > RATIO_FLOOR &&
        size > limits.maxRatio * Math.max(1, entry.compressedSize)
      ) {
        throw new OfficeInputError(
          'archive-ratio',
          `zip entry inflates more than ${limits.maxRatio} times its compressed size (zip bomb?)`,
          { file, entry: entry.name },
        );
      }
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) throw tooLarge(entry.name);
      chunks.push(chunk);
    };
    if (entry.method === 0) account(data);
    else if (entry.method === 8) {
      let finished = false;
      const inflate = new Inflate((chunk, final) => {
        account(chunk);
        if (final) finished = true;
      });
      try {
        for (let at = 0; at < data.length; at += CHUNK) {
          inflate.push(
            data.subarray(at, Math.min(data.length, at + CHUNK)),
            at + CHUNK >= data.length,
          );
        }
        if (data.length === 0) inflate.push(new Uint8Array(0), true);
      } catch (error) {
        if (error instanceof OfficeInputError) throw error;
        throw new OfficeInputError(
          'corrupt-archive',
          `damaged compressed data (${String(error)})`,
          {
            file,
            entry: entry.name,
          },
        );
      }
      if (!finished) {
        throw new OfficeInputError('corrupt-archive', 'compressed data ends early (truncated)', {
          file,
          entry: entry.name,
        });
      }
    } else {
      throw new OfficeInputError(
        'corrupt-archive',
        `unsupported compression method ${entry.method}`,
        {
          file,
          entry: entry.name,
        },
      );
    }
    const joined = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(entry.name, joined);
  }
  return out;
}

/** True when the bytes start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === 0x04034b50;
}
