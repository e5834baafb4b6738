/**
 * Near-duplicate search over MinHash fingerprints. The rule: a text is similar to an indexed one
 * when the two share an LSH band key and their signatures agree in more than `threshold` of the
 * bins (the MinHash estimate, `estimateSimilarity`).
 *
 * Candidates come from a list per band key. Prose every report quotes (the law's title, the
 * statistics period) makes some band keys common to a share of the round, so those lists grow
 * with it, and a query visits a few hundred texts in a round of 40,000. Bins cannot select
 * better: a pair above 0.5 is only sure to agree in one band, and single bins of these reports
 * agree far too often. So a visit is made cheap instead: a mark per id instead of a set of the
 * ids seen, the signatures compared bin by bin only until the threshold can no longer be passed,
 * one id stored as a number rather than a list. The answer is banding's exactly (the tests
 * compare the two on random corpora with planted copies).
 */
import { bandKeys, type Fingerprint, LSH_BANDS, MIN_SHINGLES, SIGNATURE_BINS } from './minhash';

export type SimilarPair = {
  /** Indexes into the corpus, a < b. */
  readonly a: number;
  readonly b: number;
  /** Estimated Jaccard similarity of the prose, 0–1. */
  readonly similarity: number;
};

/** Fingerprints indexed for finding near-duplicates among many texts (ids in order of `add`). */
export class SimilarityIndex {
  readonly fingerprints: Fingerprint[] = [];
  /** Per band: key → the ids with that key (one id as a number, more as a list). */
  private readonly buckets: Map<number, number | number[]>[] = Array.from(
    { length: LSH_BANDS },
    () => new Map<number, number | number[]>(),
  );
  /** `seen[id] === stamp`: the id was already looked at by the current query. */
  private seen: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private stamp = 0;

  add(fingerprint: Fingerprint): number {
    const id = this.fingerprints.length;
    this.fingerprints.push(fingerprint);
    if (fingerprint.shingles < MIN_SHINGLES) return id;
    const keys = bandKeys(fingerprint.signature);
    for (let band = 0; band < LSH_BANDS; band += 1) {
      const bucket = this.buckets[band]!;
      const key = keys[band]!;
      const listed = bucket.get(key);
      if (listed === undefined) bucket.set(key, id);
      else if (typeof listed === 'number') bucket.set(key, [listed, id]);
      else listed.push(id);
    }
    return id;
  }

  /** Indexed fingerprints sharing a band key with the query and more similar than `threshold`, by id. */
  query(fingerprint: Fingerprint, threshold: number): { id: number; similarity: number }[] {
    if (fingerprint.shingles < MIN_SHINGLES) return [];
    if (this.seen.length < this.fingerprints.length)
      this.seen = growTo(this.seen, this.fingerprints.length);
    const stamp = this.nextStamp();
    const seen = this.seen;
    const signature = fingerprint.signature;
    // more than this many agreeing bins (equal / 128 > threshold ⟺ equal > 128 · threshold)
    const above = threshold * SIGNATURE_BINS;
    const keys = bandKeys(signature);
    const out: { id: number; similarity: number }[] = [];
    const visit = (id: number): void => {
      if (seen[id] === stamp) return;
      seen[id] = stamp;
      const other = this.fingerprints[id];
      if (!other) return;
      const equal = agreeing(signature, other.signature, above);
      if (equal > above) out.push({ id, similarity: equal / SIGNATURE_BINS });
    };
    for (let band = 0; band < LSH_BANDS; band += 1) {
      const listed = this.buckets[band]!.get(keys[band]!);
      if (listed === undefined) continue;
      if (typeof listed === 'number') visit(listed);
      else for (const id of listed) visit(id);
    }
    return out.sort((x, y) => x.id - y.id);
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    return this.stamp;
  }
}

/**
 * The bins in which two signatures agree (`estimateSimilarity` × 128), or a smaller number once
 * the remaining bins could no longer bring the count above `above`.
 */
function agreeing(a: Uint32Array, b: Uint32Array, above: number): number {
  let equal = 0;
  for (let i = 0; i < SIGNATURE_BINS; i += 1) {
    if (a[i] === b[i]) equal += 1;
    else if (equal + (SIGNATURE_BINS - 1 - i) <= above) return equal;
  }
  return equal;
}

function growTo(seen: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(size, seen.length * 2));
  grown.set(seen);
  return grown;
}

/** Every pair of texts more similar than the threshold (default 0.5), each text against those before it. */
export function findSimilarPairs(
  fingerprints: readonly Fingerprint[],
  threshold = 0.5,
): SimilarPair[] {
  const index = new SimilarityIndex();
  const pairs: SimilarPair[] = [];
  for (const fingerprint of fingerprints) {
    const b = index.fingerprints.length;
    for (const hit of index.query(fingerprint, threshold)) {
      pairs.push({ a: hit.id, b, similarity: hit.similarity });
    }
    index.add(fingerprint);
  }
  return pairs;
}
