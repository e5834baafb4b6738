/**
 * Near-duplicate search over MinHash fingerprints. The rule: a text is similar to an indexed one
 * when the two share an LSH band key and their signatures agree in more than `threshold` of the
 * bins (the MinHash estimate, `estimateSimilarity`).
 *
 * Candidates come from a list per band key. Prose every report quotes (the law's title, the
 * statistics period) makes some band keys common to a share of the round, so those lists grow
 * with it: a query visits about 0.4 % of the texts indexed before it (40 in a round of 10,000).
 * Bins cannot select better — a pair above 0.5 is only sure to agree in one band, and single bins
 * of these reports agree far too often — so a visit is made cheap instead: the low byte of every
 * bin of every text is kept four bins to a 32-bit word, and bins whose low bytes differ differ.
 * A band key held by several texts keeps their ids with a copy of their low bytes in one typed
 * array, so a query reads a common key's list in memory order, and a candidate whose bytes
 * already rule out the threshold is dropped after 32 word operations; only the others
 * (near-duplicates, in practice) are compared bin by bin. Ids seen are marked in a typed array;
 * a band key held by one text stores its id as a number (its bytes are in a table by id). The answer is banding's exactly (the tests compare the two on random
 * corpora with planted copies).
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
  /** Per band: key → the ids with that key (one id as a number, more as a `Bucket`). */
  private readonly buckets: Map<number, number | Bucket>[] = Array.from(
    { length: LSH_BANDS },
    () => new Map<number, number | Bucket>(),
  );
  /** The low byte of each bin, `SIGNATURE_BINS` bytes per id (read as words through `words`). */
  private bytes = new Uint8Array(SIGNATURE_BINS * 1024);
  private words = new Uint32Array(this.bytes.buffer);
  /** `seen[id] === stamp`: the id was already looked at by the current query. */
  private seen: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private stamp = 0;

  add(fingerprint: Fingerprint): number {
    const id = this.fingerprints.length;
    this.fingerprints.push(fingerprint);
    if (fingerprint.shingles < MIN_SHINGLES) return id;
    if (this.bytes.length < (id + 1) * SIGNATURE_BINS) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
      this.words = new Uint32Array(grown.buffer);
    }
    lowBytes(fingerprint.signature, this.bytes, id * SIGNATURE_BINS);
    const keys = bandKeys(fingerprint.signature);
    for (let band = 0; band < LSH_BANDS; band += 1) {
      const bucket = this.buckets[band]!;
      const key = keys[band]!;
      const listed = bucket.get(key);
      if (listed === undefined) bucket.set(key, id);
      else if (typeof listed === 'number') {
        const list = new Bucket();
        list.push(listed, this.words);
        list.push(id, this.words);
        bucket.set(key, list);
      } else listed.push(id, this.words);
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
    const mine = new Uint8Array(SIGNATURE_BINS);
    lowBytes(signature, mine, 0);
    const own = new Uint32Array(mine.buffer);
    const out: { id: number; similarity: number }[] = [];
    // `words` from word `at` holds the id's low bytes
    const visit = (id: number, words: Uint32Array, at: number): void => {
      if (seen[id] === stamp) return;
      seen[id] = stamp;
      if (sameBytes(own, words, at) <= above) return;
      const other = this.fingerprints[id];
      if (!other) return;
      const equal = agreeing(signature, other.signature, above);
      if (equal > above) out.push({ id, similarity: equal / SIGNATURE_BINS });
    };
    for (let band = 0; band < LSH_BANDS; band += 1) {
      const listed = this.buckets[band]!.get(keys[band]!);
      if (listed === undefined) continue;
      if (typeof listed === 'number') visit(listed, this.words, listed * WORDS);
      else for (let i = 0; i < listed.size; i += 1) visit(listed.ids[i]!, listed.words, i * WORDS);
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

const WORDS = SIGNATURE_BINS / 4;

/**
 * The ids of one band key when there are several, each with a copy of its low bytes beside it:
 * the lists of common keys are the ones a query walks, and it reads them in memory order.
 */
class Bucket {
  ids = new Int32Array(4);
  words = new Uint32Array(4 * WORDS);
  size = 0;

  /** Appends `id`, copying its low bytes from the index's table `table`. */
  push(id: number, table: Uint32Array): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      ids.set(this.ids);
      this.ids = ids;
      const words = new Uint32Array(this.size * 2 * WORDS);
      words.set(this.words);
      this.words = words;
    }
    this.ids[this.size] = id;
    const to = this.size * WORDS;
    const from = id * WORDS;
    for (let w = 0; w < WORDS; w += 1) this.words[to + w] = table[from + w]!;
    this.size += 1;
  }
}

function lowBytes(signature: Uint32Array, into: Uint8Array, at: number): void {
  for (let i = 0; i < SIGNATURE_BINS; i += 1) into[at + i] = signature[i]! & 0xff;
}

/**
 * How many bins have equal low bytes in `own` and in `words` from word `at`: at least as many as
 * agree. A byte of `x = a ^ b` is zero when the two bytes are equal; the classic test sets the
 * high bit of each zero byte, and the multiply adds the four bits up.
 */
function sameBytes(own: Uint32Array, words: Uint32Array, at: number): number {
  let same = 0;
  for (let w = 0; w < WORDS; w += 1) {
    const x = own[w]! ^ words[at + w]!;
    const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
    same += Math.imul(zero >>> 7, 0x01010101) >>> 24;
  }
  return same;
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
