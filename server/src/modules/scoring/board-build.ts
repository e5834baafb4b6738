import {
  DEFAULT_KEY_TOTALS,
  flagOrganization,
  keyTotalsOf,
  peerBandFlagsOf,
  ScoreBoardBuilder,
  type KeyTotals,
  type ScoreBoard,
  type ScoreRow,
  type ScoringModel,
} from '@gongkai/scoring';
import { FlagTable, type FlagTableParts } from './flag-table';
import { RefTable, type RefTableParts } from './ref-table';
import {
  readScoringSource,
  type RosterSummaryProvider,
  type SourceRound,
  type SqlQuery,
} from './scoring-source.reader';

/** What a board is built from. */
export type BoardRequest = {
  readonly round: SourceRound;
  readonly model: ScoringModel;
  /** The scoring instant (Asia/Shanghai ISO). */
  readonly asOf: string;
  /** `staffing.rosterNotUpdated`: rosters must have been updated at or after this instant. */
  readonly rosterUpdatedSince: string | null;
};

/**
 * A built board as plain data: typed arrays (moved, not copied, between threads) and the few
 * strings each organization needs once. `decodeBoard` turns it back into objects.
 */
export type BoardParts = {
  readonly asOfMs: number;
  readonly raw: Float64Array;
  readonly status: Uint8Array;
  readonly normalised: Float64Array;
  readonly scores: Float64Array;
  /** NaN for null. */
  readonly firstSubmittedAtMs: Float64Array;
  readonly errorCounts: Uint32Array;
  /** NaN for null. */
  readonly previousRanks: Float64Array;
  /** NaN for null. */
  readonly previousScores: Float64Array;
  readonly refs: RefTableParts;
  readonly flags: FlagTableParts;
  /** Statements the build ran (reading the round; roster summaries are asked separately). */
  readonly statements: number;
};

/** A board with each row's inputs by reference and its flags, aligned by row. */
export type DecodedBoard = {
  readonly board: ScoreBoard;
  readonly refs: RefTable;
  readonly flags: FlagTable;
};

const collator = new Intl.Collator('zh-CN');

/**
 * Reads the round (`readScoringSource`) and builds its board. Each organization is flagged and
 * measured as its chunk arrives; only the measurements, its reference and its key totals (for
 * the peer bands) are kept, never its report. Rows are ordered by name (zh-CN collation), so
 * tied organizations are listed by name.
 */
export async function buildBoard(
  query: SqlQuery,
  request: BoardRequest,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
): Promise<BoardParts> {
  const { asOf, model, round } = request;
  let statements = 0;
  const counted: SqlQuery = (sql, parameters) => {
    statements += 1;
    return query(sql, parameters);
  };
  const builder = new ScoreBoardBuilder(model, { asOf });
  const refs = RefTable.builder();
  const keyTotals: KeyTotals[] = [];
  const flags = FlagTable.builder();
  const flagOptions = { asOf, rosterUpdatedSince: request.rosterUpdatedSince };
  await readScoringSource(
    counted,
    round,
    (items) => {
      for (const { input, ref } of items) {
        flags.add(builder.add(input), flagOrganization(input, flagOptions));
        const totals = keyTotalsOf(input, DEFAULT_KEY_TOTALS);
        if (totals) keyTotals.push(totals);
        refs.add(ref);
      }
    },
    { roster },
  );
  const positions = new Map<string, number>();
  for (let i = 0; i < refs.length; i += 1) positions.set(refs.organizationId(i), i);
  for (const flag of peerBandFlagsOf(keyTotals, { keyTotals: DEFAULT_KEY_TOTALS })) {
    flags.add(positions.get(flag.organizationId) as number, [flag]);
  }
  positions.clear();
  const order = Array.from({ length: refs.length }, (_, i) => i);
  order.sort(
    (a, b) =>
      collator.compare(refs.organizationName(a), refs.organizationName(b)) ||
      (refs.organizationId(a) < refs.organizationId(b) ? -1 : 1),
  );
  return {
    ...encodeBoard(builder.build(order), refs.build(order), flags.build(order)),
    statements,
  };
}

/** A board as plain data (see `BoardParts`); its rows must align with `refs`. */
export function encodeBoard(
  board: ScoreBoard,
  refs: RefTable,
  flags: FlagTable,
): Omit<BoardParts, 'statements'> {
  const n = board.rows.length;
  const firstSubmittedAtMs = new Float64Array(n);
  const errorCounts = new Uint32Array(n);
  const previousRanks = new Float64Array(n);
  const previousScores = new Float64Array(n);
  board.rows.forEach((row, i) => {
    if (row.organizationId !== refs.organizationId(i) || row.peerGroup !== refs.peerGroup(i))
      throw new Error(`board row ${i} does not match its reference`);
    firstSubmittedAtMs[i] = row.firstSubmittedAtMs ?? NaN;
    errorCounts[i] = row.errorCount;
    previousRanks[i] = row.previousRank ?? NaN;
    previousScores[i] = row.previousScore ?? NaN;
  });
  return {
    asOfMs: board.asOfMs,
    raw: board.raw,
    status: board.status,
    normalised: board.normalised,
    scores: board.scores,
    firstSubmittedAtMs,
    errorCounts,
    previousRanks,
    previousScores,
    refs: refs.parts(),
    flags: flags.parts(),
  };
}

/** The buffers of `parts` that can be moved to another thread. */
export function boardTransferables(parts: BoardParts): ArrayBuffer[] {
  const own = [
    parts.raw,
    parts.status,
    parts.normalised,
    parts.scores,
    parts.firstSubmittedAtMs,
    parts.errorCounts,
    parts.previousRanks,
    parts.previousScores,
    parts.flags.start,
    parts.flags.ids,
  ].map((array) => array.buffer as ArrayBuffer);
  return [...new Set([...own, ...RefTable.transferables(parts.refs)])];
}

const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The board back from `encodeBoard` (scored under `model`). */
export function decodeBoard(parts: BoardParts, model: ScoringModel): DecodedBoard {
  const refs = RefTable.fromParts(parts.refs);
  const n = refs.length;
  const rows = new Array<ScoreRow>(n);
  const rowIndex = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const organizationId = refs.organizationId(i);
    rowIndex.set(organizationId, i);
    rows[i] = {
      organizationId,
      peerGroup: refs.peerGroup(i),
      regionPath: refs.regionPath(i),
      score: nullable(parts.scores[i] as number),
      firstSubmittedAtMs: nullable(parts.firstSubmittedAtMs[i] as number),
      errorCount: parts.errorCounts[i] as number,
      previousRank: nullable(parts.previousRanks[i] as number),
      previousScore: nullable(parts.previousScores[i] as number),
    };
  }
  const board: ScoreBoard = {
    model,
    asOfMs: parts.asOfMs,
    indicatorIds: model.indicators.map((entry) => entry.indicatorId),
    weights: Float64Array.from(model.indicators, (entry) => entry.weight),
    rows,
    rowIndex,
    raw: parts.raw,
    status: parts.status,
    normalised: parts.normalised,
    scores: parts.scores,
  };
  return { board, refs, flags: FlagTable.fromParts(parts.flags) };
}
