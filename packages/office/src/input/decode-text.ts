import { OfficeInputError } from './office-input.error';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText = {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly warnings: readonly string[];
};

const SNIFF_BYTES = 64 * 1024;

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. A sequence cut
 * off by the end of the input is reported at its start.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function looksBinary(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i += 1) {
    const b = bytes[i] ?? 0;
    if (b === 0) return i;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control += 1;
  }
  return control > Math.max(8, end / 100) ? 0 : -1;
}

/**
 * Decodes report text: a BOM wins; otherwise UTF-8 when the bytes are valid UTF-8, else GB18030
 * (a superset of GBK and GB2312, what Chinese Windows editors save). Binary data and bytes that are
 * neither are an OfficeInputError naming the offset.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      warnings: [],
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      warnings: [],
    };
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  const binaryAt = looksBinary(body);
  if (binaryAt >= 0) {
    throw new OfficeInputError('binary', 'binary data, not text (control bytes near the start)', {
      file,
      byte: binaryAt,
    });
  }
  const invalid = firstInvalidUtf8(body);
  if (invalid < 0)
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', warnings: [] };
  if (
    invalid >= body.length - 3 &&
    firstInvalidUtf8(body.subarray(0, invalid)) < 0 &&
    invalid > body.length / 2
  ) {
    return {
      text: new TextDecoder('utf-8').decode(body.subarray(0, invalid)),
      encoding: 'utf-8',
      warnings: [`the file ends inside a character at byte ${invalid}: it looks truncated`],
    };
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    return {
      text,
      encoding: 'gb18030',
      warnings: [`not UTF-8 (invalid byte at offset ${invalid}): decoded as GB18030/GBK`],
    };
  } catch {
    throw new OfficeInputError('undecodable', 'text is neither UTF-8 nor GB18030/GBK', {
      file,
      byte: invalid,
    });
  }
}
