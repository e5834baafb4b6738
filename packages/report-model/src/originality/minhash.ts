/**
 * Text fingerprints for copy-paste detection: character shingles of the normalised prose, a
 * one-permutation MinHash signature (one hash per shingle, K bins, densified) and LSH band keys.
 * Two texts are near-duplicates when they share a band key and their signatures agree in more
 * than half of the bins; `SimilarityIndex` (similarity-index.ts) finds them in a corpus.
 */
import type { AnnualReport } from '../report/annual-report.types';
import { SECTION_KEYS } from '../templates/template-definitions';

/** Characters per shingle (Chinese prose: 5 characters ≈ 2–3 words). */
export const SHINGLE_SIZE = 5;
/** Signature length. */
export const SIGNATURE_BINS = 128;
/** LSH: 32 bands of 4 bins — a pair at 50% similarity becomes a candidate with p ≈ 0.87, at 60% with p ≈ 0.99. */
export const LSH_BANDS = 32;
export const LSH_ROWS = SIGNATURE_BINS / LSH_BANDS;
/** Fewer shingles than this and the prose is too short to judge. */
export const MIN_SHINGLES = 50;

export type Fingerprint = {
  readonly shingles: number;
  readonly signature: Uint32Array;
  /** The hash of every shingle in text order, repeats included (what exact similarity reads). */
  readonly hashes: Uint32Array;
  /** Sorted distinct shingle hashes, computed on demand. */
  readonly exact: () => Uint32Array;
};

const EMPTY = 0xffffffff;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** What `comparableText` removes (whitespace, punctuation, symbols) and folds to `0` (digits). */
const REMOVED = /[\s\p{P}\p{S}]/u;
const DIGIT = /[0-9０-９]/;
const KEEP = 0;
const REMOVE = 1;
const FOLD = 2;
/** `REMOVED` and `DIGIT` decided once per UTF-16 code unit outside the surrogates (built on first use). */
let unitKinds: Uint8Array | null = null;

function kinds(): Uint8Array {
  if (unitKinds) return unitKinds;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c += 1) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const unit = String.fromCharCode(c);
    table[c] = REMOVED.test(unit) ? REMOVE : DIGIT.test(unit) ? FOLD : KEEP;
  }
  unitKinds = table;
  return table;
}

let units = new Uint16Array(4096);

/**
 * Prose used for similarity: sections only, digits folded to 0, whitespace and punctuation
 * removed — `text.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/[0-9０-９]/g, '0')`, decided per code
 * unit from a table of those two expressions (a surrogate pair by the first, as a code point).
 */
export function comparableText(report: AnnualReport): string {
  const table = kinds();
  let n = 0;
  for (const key of SECTION_KEYS) {
    const text = report.sections[key];
    if (!text) continue;
    if (units.length < n + text.length) {
      const grown = new Uint16Array(2 * (n + text.length));
      grown.set(units.subarray(0, n));
      units = grown;
    }
    const out = units;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      const kind = table[c]!;
      if (kind === FOLD) out[n++] = 0x30;
      else if (kind === KEEP) {
        const low = c >= 0xd800 && c <= 0xdbff ? text.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          if (!REMOVED.test(text.slice(i, i + 2))) {
            out[n++] = c;
            out[n++] = low;
          }
          i += 1;
        } else out[n++] = c;
      }
    }
  }
  let out = '';
  for (let i = 0; i < n; i += 4096)
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as never);
  return out;
}

function shingleHashes(text: string): Uint32Array {
  const n = text.length - SHINGLE_SIZE + 1;
  if (n <= 0) return new Uint32Array(0);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE_SIZE; j += 1) {
      h = Math.imul(h ^ text.charCodeAt(i + j), 0x01000193);
    }
    hashes[i] = fmix32(h);
  }
  return hashes;
}

export function fingerprintText(text: string): Fingerprint {
  const hashes = shingleHashes(text);
  const signature = new Uint32Array(SIGNATURE_BINS).fill(EMPTY);
  const shift = 32 - Math.log2(SIGNATURE_BINS);
  const mask = (1 << shift) - 1;
  for (let i = 0; i < hashes.length; i += 1) {
    const h = hashes[i] ?? 0;
    const bin = h >>> shift;
    const value = h & mask;
    if (value < (signature[bin] ?? EMPTY)) signature[bin] = value;
  }
  // Densify empty bins from the next filled bin (rotation), offset so they stay distinguishable.
  if (hashes.length > 0) {
    for (let i = 0; i < SIGNATURE_BINS; i += 1) {
      if (signature[i] !== EMPTY) continue;
      for (let step = 1; step < SIGNATURE_BINS; step += 1) {
        const source = signature[(i + step) % SIGNATURE_BINS] ?? EMPTY;
        if (source !== EMPTY && source <= mask) {
          signature[i] = (source + step * (mask + 1)) >>> 0;
          break;
        }
      }
    }
  }
  let exact: Uint32Array | undefined;
  return {
    shingles: hashes.length,
    signature,
    hashes,
    exact: () => {
      exact ??= sortedDistinct(hashes);
      return exact;
    },
  };
}

/** Below this many hashes the built-in sort is as fast as the radix sort. */
const RADIX_FROM = 256;

/**
 * The distinct values of `hashes`, ascending (no Set): a least-significant-digit radix sort, a
 * byte per pass, then one pass dropping repeats. A report has about 1,200 shingles, and the
 * built-in sort of a Uint32Array pays for every value above 2^31 as a heap number.
 */
export function sortedDistinct(hashes: Uint32Array): Uint32Array {
  let sorted = hashes.slice();
  if (sorted.length < RADIX_FROM) sorted.sort();
  else {
    let spare = new Uint32Array(sorted.length);
    const starts = new Uint32Array(256);
    for (let shift = 0; shift < 32; shift += 8) {
      starts.fill(0);
      for (let i = 0; i < sorted.length; i += 1) starts[(sorted[i]! >>> shift) & 0xff]! += 1;
      let sum = 0;
      for (let digit = 0; digit < 256; digit += 1) {
        const count = starts[digit]!;
        starts[digit] = sum;
        sum += count;
      }
      for (let i = 0; i < sorted.length; i += 1) {
        const value = sorted[i]!;
        spare[starts[(value >>> shift) & 0xff]!++] = value;
      }
      [sorted, spare] = [spare, sorted];
    }
  }
  let n = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const value = sorted[i] ?? 0;
    if (n === 0 || value !== sorted[n - 1]) sorted[n++] = value;
  }
  return sorted.subarray(0, n);
}

const CACHE = new WeakMap<AnnualReport, Fingerprint>();

/** Fingerprint of a report's prose (cached per report object). */
export function fingerprintReport(report: AnnualReport): Fingerprint {
  let fingerprint = CACHE.get(report);
  if (!fingerprint) {
    fingerprint = fingerprintText(comparableText(report));
    CACHE.set(report, fingerprint);
  }
  return fingerprint;
}

const HASHES = new WeakMap<AnnualReport, Uint32Array>();

/**
 * The shingle hashes of a report's prose — its fingerprint's `hashes` — without the signature
 * (what exact similarity reads, for a report that is not looked up in an index): the
 * fingerprint's when the report has one, else computed and cached per report object.
 */
export function proseShingleHashes(report: AnnualReport): Uint32Array {
  const fingerprint = CACHE.get(report);
  if (fingerprint) return fingerprint.hashes;
  let hashes = HASHES.get(report);
  if (!hashes) {
    hashes = shingleHashes(comparableText(report));
    HASHES.set(report, hashes);
  }
  return hashes;
}

/** MinHash estimate of the Jaccard similarity of two fingerprints (0–1). */
export function estimateSimilarity(a: Fingerprint, b: Fingerprint): number {
  if (a.shingles === 0 || b.shingles === 0) return 0;
  let equal = 0;
  for (let i = 0; i < SIGNATURE_BINS; i += 1) {
    if (a.signature[i] === b.signature[i]) equal += 1;
  }
  return equal / SIGNATURE_BINS;
}

/** Open-addressing table of `jaccard`: hash values and what holds them (0 empty, 1 x, 2 y, 3 both). */
let tableKeys = new Int32Array(8192);
let tableMarks = new Uint8Array(8192);

/**
 * Exact Jaccard similarity of two lists of shingle hashes taken as sets (0–1): the distinct
 * values of `x`, of `y`, and of both, counted in one hash table instead of sorted lists —
 * the same counts, so the same ratio as merging `sortedDistinct` of each.
 */
export function jaccard(x: Uint32Array, y: Uint32Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  let size = 1024;
  while (size < 2 * (x.length + y.length)) size *= 2;
  if (tableKeys.length < size) {
    tableKeys = new Int32Array(size);
    tableMarks = new Uint8Array(size);
  }
  const keys = tableKeys;
  const marks = tableMarks;
  marks.fill(0, 0, size);
  const mask = size - 1;
  let inX = 0;
  for (let i = 0; i < x.length; i += 1) {
    const value = x[i]! | 0;
    // the hashes are fmix32 outputs: their low bits are already mixed
    let slot = value & mask;
    for (;;) {
      if (marks[slot] === 0) {
        marks[slot] = 1;
        keys[slot] = value;
        inX += 1;
        break;
      }
      if (keys[slot] === value) break;
      slot = (slot + 1) & mask;
    }
  }
  let inY = 0;
  let common = 0;
  for (let i = 0; i < y.length; i += 1) {
    const value = y[i]! | 0;
    let slot = value & mask;
    for (;;) {
      const mark = marks[slot]!;
      if (mark === 0) {
        marks[slot] = 2;
        keys[slot] = value;
        inY += 1;
        break;
      }
      if (keys[slot] === value) {
        if (mark === 1) {
          marks[slot] = 3;
          inY += 1;
          common += 1;
        }
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return common / (inX + inY - common);
}

/** Exact Jaccard similarity of the two shingle sets (0–1). */
export function exactSimilarity(a: Fingerprint, b: Fingerprint): number {
  return jaccard(a.hashes, b.hashes);
}

/**
 * The LSH band keys of a signature: band b hashes bins 4b…4b+3. Texts "share a band" when one of
 * their keys is equal (a pair at 50% similarity does with p ≈ 0.87, at 60% with p ≈ 0.99).
 */
export function bandKeys(signature: Uint32Array): Uint32Array {
  const keys = new Uint32Array(LSH_BANDS);
  for (let band = 0; band < LSH_BANDS; band += 1) {
    let h = band;
    for (let r = 0; r < LSH_ROWS; r += 1) {
      h = Math.imul(h ^ (signature[band * LSH_ROWS + r] ?? 0), 0x9e3779b1);
      h = fmix32(h);
    }
    keys[band] = h;
  }
  return keys;
}
