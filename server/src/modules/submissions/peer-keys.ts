import {
  type AnnualReport,
  bandKeys,
  comparableText,
  type Fingerprint,
  fingerprintReport,
  fingerprintText,
  MIN_SHINGLES,
  SIGNATURE_BINS,
} from '@gongkai/report-model';

/**
 * What `originality.peer` needs of a version, stored beside it (`version_peer_keys`): its MinHash
 * signature and its LSH band keys, each key mixed with the report's year, so that one GIN-indexed
 * `&&` finds the versions of the same year that share a band key with a draft. Prose too short to
 * judge (fewer than `MIN_SHINGLES` shingles) is never a candidate: no keys, no signature.
 */
export type PeerKeys = {
  /** The band keys mixed with the year, as PostgreSQL `int4` (signed 32-bit). */
  readonly bandKeys: number[];
  /** The 128 signature bins, little-endian 32-bit words; null when there are no keys. */
  readonly signature: Buffer | null;
};

/** A band key of a report of `year`: equal keys of the same year stay equal, other years part. */
function yearKey(key: number, year: number): number {
  let h = Math.imul(key ^ year, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** The stored keys of a fingerprint of a report of `year`. */
export function peerKeysOf(fingerprint: Fingerprint, year: number): PeerKeys {
  if (fingerprint.shingles < MIN_SHINGLES) return { bandKeys: [], signature: null };
  const keys = bandKeys(fingerprint.signature);
  const out = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i += 1) out[i] = yearKey(keys[i]!, year);
  const signature = Buffer.alloc(SIGNATURE_BINS * 4);
  for (let i = 0; i < SIGNATURE_BINS; i += 1)
    signature.writeUInt32LE(fingerprint.signature[i]!, i * 4);
  return { bandKeys: out, signature };
}

/** The stored keys of a report (its fingerprint is the one `check()` computes and caches). */
export function peerKeysOfReport(report: AnnualReport): PeerKeys {
  return peerKeysOf(fingerprintReport(report), report.year);
}

/** The stored keys of a version read as its sections only (the backfill). */
export function peerKeysOfSections(
  sections: AnnualReport['sections'] | null,
  year: number,
): PeerKeys {
  const text = sections ? comparableText({ sections } as AnnualReport) : '';
  return peerKeysOf(fingerprintText(text), year);
}

/**
 * A stored signature as a fingerprint an index can hold: only the signature is read by LSH
 * queries (the prose had at least `MIN_SHINGLES` shingles, or it would have no keys).
 */
export function storedFingerprint(signature: Buffer): Fingerprint {
  const bins = new Uint32Array(SIGNATURE_BINS);
  for (let i = 0; i < SIGNATURE_BINS; i += 1) bins[i] = signature.readUInt32LE(i * 4);
  const empty = new Uint32Array(0);
  return { shingles: MIN_SHINGLES, signature: bins, hashes: empty, exact: () => empty };
}

/** The keys as `insertPeerKeys` writes them: array literal and hex text (they cross threads). */
export type PeerKeysText = { readonly bandKeys: string; readonly signature: string | null };

export function peerKeysText(keys: PeerKeys): PeerKeysText {
  return {
    bandKeys: `{${keys.bandKeys.join(',')}}`,
    signature: keys.signature ? keys.signature.toString('hex') : null,
  };
}
