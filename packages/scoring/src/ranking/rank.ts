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
 * Without tie-breakers (the default) equal scores share a rank.
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

/**
 * Ranks the organizations of a board (optionally filtered) by score, best first. Scores are
 * compared in cents, as displayed. Within a shared rank, entries are listed by organization id.
 */
export function rank(board: ScoreBoard, options: RankOptions = {}): RankedEntry[] {
  const { rows } = board;
  const selected: number[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    if (matches(rows[i] as ScoreRow, options.filter)) selected.push(i);
  }
  const m = selected.length;
  // Sort keys, indexed by position in `selected`; lower sorts first.
  const scoreKey = new Float64Array(m);
  const breakerKeys = (options.tieBreakers ?? []).map(() => new Float64Array(m));
  const ids = new Array<string>(m);
  for (let p = 0; p < m; p += 1) {
    const i = selected[p] as number;
    const row = rows[i] as ScoreRow;
    const score = board.scores[i] as number;
    scoreKey[p] = Number.isNaN(score) ? Infinity : -Math.round(score * 100);
    ids[p] = row.organizationId;
    (options.tieBreakers ?? []).forEach((breaker, b) => {
      const keys = breakerKeys[b] as Float64Array;
      keys[p] =
        breaker === 'earlierSubmission' ? (row.firstSubmittedAtMs ?? Infinity) : row.errorCount;
    });
  }
  const sameRank = (a: number, b: number): boolean => {
    if (scoreKey[a] !== scoreKey[b]) return false;
    for (const keys of breakerKeys) if (keys[a] !== keys[b]) return false;
    return true;
  };
  const order = new Uint32Array(m);
  for (let p = 0; p < m; p += 1) order[p] = p;
  order.sort((a, b) => {
    const byScore = (scoreKey[a] as number) - (scoreKey[b] as number);
    if (byScore !== 0 && !Number.isNaN(byScore)) return byScore;
    for (const keys of breakerKeys) {
      const ka = keys[a] as number;
      const kb = keys[b] as number;
      if (ka !== kb) return ka < kb ? -1 : 1;
    }
    const ia = ids[a] as string;
    const ib = ids[b] as string;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });

  const entries = new Array<RankedEntry>(m);
  let groupStart = 0;
  while (groupStart < m) {
    const first = order[groupStart] as number;
    let groupEnd = groupStart + 1;
    while (groupEnd < m && sameRank(first, order[groupEnd] as number)) groupEnd += 1;
    const scored = scoreKey[first] !== Infinity;
    const tied = groupEnd - groupStart > 1;
    for (let q = groupStart; q < groupEnd; q += 1) {
      const p = order[q] as number;
      const i = selected[p] as number;
      const row = rows[i] as ScoreRow;
      const rankValue = scored ? groupStart + 1 : null;
      const previousRank = options.previousRanks?.get(row.organizationId) ?? row.previousRank;
      entries[q] = {
        organizationId: row.organizationId,
        row: i,
        score: row.score,
        rank: rankValue,
        tied: scored && tied,
        previousRank,
        rankChange: rankValue !== null && previousRank !== null ? previousRank - rankValue : null,
      };
    }
    groupStart = groupEnd;
  }
  return entries;
}
