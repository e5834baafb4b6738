import type { ScoreBoard, ScoreRow } from '../scoring/score-board.types';

/** Which organizations to rank. All given conditions must hold. */
export type RankFilter = {
  readonly peerGroup?: string;
  /** Region subtree: the organization's regionPath starts with these node ids. */
  readonly regionPrefix?: readonly string[];
  readonly organizationIds?: ReadonlySet<string>;
};

/**
 * Applied in order to equal scores before ranks are shared:
 * - `earlierSubmission`: the earlier first submission ranks higher (never submitted ranks last);
 * - `fewerErrors`: fewer error findings ranks higher.
 * Without tie-breakers (the default) equal scores share a rank. Remaining ties share a rank
 * (`tied: true`) and are listed in input order.
 */
export type TieBreaker = 'earlierSubmission' | 'fewerErrors';

export type RankOptions = {
  readonly filter?: RankFilter;
  readonly tieBreakers?: readonly TieBreaker[];
  /** Last year's ranks by organization id; overrides `previous.rank` of the inputs. */
  readonly previousRanks?: ReadonlyMap<string, number>;
};

export type RankedEntry = {
  readonly organizationId: string;
  /** Index of the organization on the board. */
  readonly row: number;
  readonly score: number | null;
  /**
   * Standard competition rank ("1, 2, 2, 4"): one more than the number of organizations
   * strictly ahead. null for an organization without a score (listed last).
   */
  readonly rank: number | null;
  /** true when another organization shares this rank. */
  readonly tied: boolean;
  readonly previousRank: number | null;
  /** previousRank − rank: positive = moved up; null when either is unknown. */
  readonly rankChange: number | null;
};

/**
 * A ranking held by column: for each position in rank order, the board row, its rank, whether
 * it is tied and last year's rank, in typed arrays (about 17 bytes an organization, where a
 * `RankedEntry` object costs about 80). `at()` and iteration make entries as they are read, so
 * a national ranking kept in memory is 2 MB, not 10, and ranking 120,000 organizations does
 * not make 120,000 objects that survive into the old generation.
 */
export class RankedList {
  /** Organizations with a rank (a score). */
  readonly rankedCount: number;

  constructor(
    private readonly board: ScoreBoard,
    /** Board row at each position. */
    private readonly rows: Uint32Array,
    /** Rank at each position; 0 = none. */
    private readonly ranks: Uint32Array,
    private readonly tiedFlags: Uint8Array,
    /** Last year's rank at each position; NaN = none. */
    private readonly previousRanks: Float64Array,
  ) {
    let ranked = 0;
    for (let q = 0; q < ranks.length; q += 1) if (ranks[q] !== 0) ranked += 1;
    this.rankedCount = ranked;
  }

  get length(): number {
    return this.rows.length;
  }

  /** Board row of the entry at `position`. */
  row(position: number): number {
    return this.rows[position] as number;
  }

  rank(position: number): number | null {
    const value = this.ranks[position] as number;
    return value === 0 ? null : value;
  }

  /** The entry at `position` (negative counts from the end, as `Array.prototype.at`). */
  at(position: number): RankedEntry | undefined {
    const q = position < 0 ? this.rows.length + position : position;
    if (!Number.isInteger(q) || q < 0 || q >= this.rows.length) return undefined;
    const i = this.rows[q] as number;
    const row = this.board.rows[i] as ScoreRow;
    const rankValue = this.rank(q);
    const previous = this.previousRanks[q] as number;
    const previousRank = Number.isNaN(previous) ? null : previous;
    return {
      organizationId: row.organizationId,
      row: i,
      score: row.score,
      rank: rankValue,
      tied: this.tiedFlags[q] === 1,
      previousRank,
      rankChange: rankValue !== null && previousRank !== null ? previousRank - rankValue : null,
    };
  }

  /** Entries from `start` up to (not including) `end`, as `Array.prototype.slice`. */
  slice(start = 0, end = this.rows.length): RankedEntry[] {
    const n = this.rows.length;
    const from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    const entries: RankedEntry[] = [];
    for (let q = from; q < to; q += 1) entries.push(this.at(q) as RankedEntry);
    return entries;
  }

  *[Symbol.iterator](): Iterator<RankedEntry> {
    for (let q = 0; q < this.rows.length; q += 1) yield this.at(q) as RankedEntry;
  }

  /**
   * The entries at `positions` (ascending), ranks unchanged: a filtered view of the ranking
   * (e.g. a name search) that keeps each organization's rank in the whole population.
   */
  pick(positions: Uint32Array): RankedList {
    const n = positions.length;
    const rows = new Uint32Array(n);
    const ranks = new Uint32Array(n);
    const tiedFlags = new Uint8Array(n);
    const previous = new Float64Array(n);
    for (let k = 0; k < n; k += 1) {
      const q = positions[k] as number;
      if (q >= this.rows.length) throw new RangeError(`position ${q} is not in the ranking`);
      rows[k] = this.rows[q] as number;
      ranks[k] = this.ranks[q] as number;
      tiedFlags[k] = this.tiedFlags[q] as number;
      previous[k] = this.previousRanks[q] as number;
    }
    return new RankedList(this.board, rows, ranks, tiedFlags, previous);
  }

  /** Every entry as an object. */
  toArray(): RankedEntry[] {
    return this.slice();
  }
}

function matches(row: ScoreRow, filter: RankFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.peerGroup !== undefined && row.peerGroup !== filter.peerGroup) return false;
  if (filter.organizationIds && !filter.organizationIds.has(row.organizationId)) return false;
  const prefix = filter.regionPrefix;
  if (prefix) {
    if (row.regionPath.length < prefix.length) return false;
    for (let i = 0; i < prefix.length; i += 1) if (row.regionPath[i] !== prefix[i]) return false;
  }
  return true;
}

/** Dense ranks (0-based, ascending values) and the number of distinct values. */
function denseRanks(values: Float64Array): { ranks: Float64Array; distinct: number } {
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let p = 0; p < sorted.length; p += 1) {
    if (p === 0 || sorted[p] !== sorted[distinct - 1]) {
      sorted[distinct] = sorted[p] as number;
      distinct += 1;
    }
  }
  const unique = sorted.subarray(0, distinct);
  const ranks = new Float64Array(values.length);
  for (let p = 0; p < values.length; p += 1) {
    const value = values[p] as number;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((unique[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    ranks[p] = lo;
  }
  return { ranks, distinct: Math.max(1, distinct) };
}

/** Sort key of a rounded score: best first, no score last. */
function scoreKey(score: number): number {
  return Number.isNaN(score) ? 10_001 : 10_000 - Math.round(score * 100);
}

/**
 * Ranks the organizations of a board (optionally filtered) by score, best first. Scores are
 * compared in cents, as displayed. Within a shared rank, entries keep the order of the scored
 * inputs (pass them sorted as they should be listed, e.g. by organization name).
 *
 * The order comes from one native sort of packed numeric keys (score, tie-breaker ranks, input
 * position), which keeps 120,000 organizations well under 200 ms; a comparator sort is the
 * fallback when the packed key would not fit a safe integer.
 */
export function rank(board: ScoreBoard, options: RankOptions = {}): RankedEntry[] {
  return rankList(board, options).toArray();
}

/** `rank`, held by column (see `RankedList`): what to keep when the population is large. */
export function rankList(board: ScoreBoard, options: RankOptions = {}): RankedList {
  const { rows, scores } = board;
  const n = rows.length;
  const breakers = options.tieBreakers ?? [];
  const filter = options.filter;
  const selectedAll = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i += 1) {
    if (!filter || matches(rows[i] as ScoreRow, filter)) selectedAll[m++] = i;
  }
  const selected = selectedAll.subarray(0, m);

  // Each sort key as a dense rank (0 = best), so that all keys plus the input position pack
  // into one number and a native numeric sort orders everything.
  const scoreRanks = new Float64Array(m);
  for (let p = 0; p < m; p += 1) scoreRanks[p] = scoreKey(scores[selected[p] as number] as number);
  const levels: { ranks: Float64Array; distinct: number }[] = [
    { ranks: scoreRanks, distinct: 10_002 },
  ];
  for (const breaker of breakers) {
    const values = new Float64Array(m);
    for (let p = 0; p < m; p += 1) {
      const row = rows[selected[p] as number] as ScoreRow;
      values[p] =
        breaker === 'earlierSubmission' ? (row.firstSubmittedAtMs ?? Infinity) : row.errorCount;
    }
    levels.push(denseRanks(values));
  }
  const packed = new Float64Array(m);
  for (let p = 0; p < m; p += 1) {
    let key = 0;
    for (const level of levels) key = key * level.distinct + (level.ranks[p] as number);
    packed[p] = key;
  }

  // order[q]: board row at position q; group[q]: its packed key (equal keys share a rank).
  const order = new Uint32Array(m);
  const group = new Float64Array(m);
  const span = levels.reduce((product, level) => product * level.distinct, n);
  if (span <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(m);
    for (let p = 0; p < m; p += 1) keys[p] = (packed[p] as number) * n + (selected[p] as number);
    keys.sort();
    for (let q = 0; q < m; q += 1) {
      const key = keys[q] as number;
      const i = key % n;
      order[q] = i;
      group[q] = (key - i) / n;
    }
  } else {
    // Packed keys too large for exact doubles: compare level by level.
    const positions = new Uint32Array(m);
    for (let p = 0; p < m; p += 1) positions[p] = p;
    positions.sort((a, b) => {
      for (const level of levels) {
        const difference = (level.ranks[a] as number) - (level.ranks[b] as number);
        if (difference !== 0) return difference;
      }
      return a - b;
    });
    let current = -1;
    for (let q = 0; q < m; q += 1) {
      const p = positions[q] as number;
      order[q] = selected[p] as number;
      if (q > 0 && !sameLevels(levels, p, positions[q - 1] as number)) current += 1;
      if (q === 0) current = 0;
      group[q] = current;
    }
  }

  const previousRanks = options.previousRanks;
  const ranks = new Uint32Array(m);
  const tiedFlags = new Uint8Array(m);
  const previous = new Float64Array(m);
  let groupStart = 0;
  while (groupStart < m) {
    let groupEnd = groupStart + 1;
    while (groupEnd < m && group[groupEnd] === group[groupStart]) groupEnd += 1;
    const scored = !Number.isNaN(scores[order[groupStart] as number] as number);
    const tied = scored && groupEnd - groupStart > 1;
    for (let q = groupStart; q < groupEnd; q += 1) {
      const row = rows[order[q] as number] as ScoreRow;
      ranks[q] = scored ? groupStart + 1 : 0;
      tiedFlags[q] = tied ? 1 : 0;
      previous[q] = previousRanks?.get(row.organizationId) ?? row.previousRank ?? NaN;
    }
    groupStart = groupEnd;
  }
  return new RankedList(board, order, ranks, tiedFlags, previous);
}

function sameLevels(levels: readonly { ranks: Float64Array }[], a: number, b: number): boolean {
  for (const level of levels) if (level.ranks[a] !== level.ranks[b]) return false;
  return true;
}
