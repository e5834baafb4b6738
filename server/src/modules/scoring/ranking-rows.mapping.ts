import {
  boardOfRows,
  FLAG_CATALOGUE,
  rowContributionPoints,
  type Flag,
  type MeasuredRow,
  type MeasurementStatus,
  type ScoreBoard,
  type ScoringModel,
} from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/report-model';
import type { RankingRow, RowFlag } from './ranking-row';
import { flagListOf } from './result-flags.port';
import type { StreamRow } from './ranking-rows.stream';
import type { ScoringModelEntity } from './scoring-model.entity';

/** A ranking row with its place in the filtered list (keyset of the next page). */
export type PositionedRow = RankingRow & { readonly listPosition: number };

/** Package status names by the codes stored in `ranking_result_rows.statuses`. */
const STATUS_NAMES: readonly MeasurementStatus[] = ['value', 'notApplicable', 'missing'];

/** The numbers of a one-dimensional PostgreSQL array's text (`NULL` elements as null). */
export function numbersOf(text: string | null): (number | null)[] {
  if (text === null || text.length <= 2) return [];
  const parts = text.slice(1, -1).split(',');
  const out: (number | null)[] = new Array<number | null>(parts.length);
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    out[i] = part === 'NULL' ? null : Number(part);
  }
  return out;
}

/** The points of stored rows, computed by the package on a board of just these rows. */
export function pointsOfStored(
  model: ScoringModel,
  rows: readonly {
    organizationId: string;
    peerGroup: string;
    statuses: readonly number[];
    raws: readonly (number | null)[];
    norms: readonly (number | null)[];
  }[],
  asOf: Date,
): (number | null)[][] {
  const board = boardOfRows(model, rows.map(measuredOf), { asOf: asOf.toISOString() });
  return rows.map((_, i) => rowContributionPoints(board, i));
}

/** A stored row's measurements as the package's `MeasuredRow`. */
export function measuredOf(row: {
  organizationId: string;
  peerGroup: string;
  statuses: readonly number[];
  raws: readonly (number | null)[];
  norms: readonly (number | null)[];
}): MeasuredRow {
  return {
    organizationId: row.organizationId,
    peerGroup: row.peerGroup,
    status: row.statuses.map((code) => STATUS_NAMES[code] ?? 'notApplicable'),
    raw: row.raws,
    normalised: row.norms,
  };
}

/** A row as read (a page's or a stream's), before its points and flags. */
type FoundRow = Omit<StreamRow, 'score' | 'rank' | 'flag_list'> & {
  score: number | null;
  rank: number | null;
};

/** A board of rows as read, on which the package computes their points. */
function boardOfFound(
  model: Pick<ScoringModelEntity, 'definition'>,
  found: readonly FoundRow[],
  asOf: Date,
): ScoreBoard {
  return boardOfRows(
    model.definition,
    found.map((row) =>
      measuredOf({
        organizationId: row.organization_id,
        peerGroup: row.peer_group,
        statuses: numbersOf(row.statuses) as number[],
        raws: numbersOf(row.raws),
        norms: numbersOf(row.norms),
      }),
    ),
    { asOf: asOf.toISOString() },
  );
}

/** One row as read as a ranking row, with its points and flags. */
function rankingRowOf(
  row: FoundRow,
  points: (number | null)[],
  flags: readonly RowFlag[],
): RankingRow {
  return {
    organizationId: row.organization_id,
    organizationName: row.name,
    regionName: row.region_name,
    peerGroup: row.peer_group,
    departmentType: row.kind,
    rank: row.rank,
    tied: row.tied,
    score: row.score,
    points,
    flags,
    status: row.status,
    firstSubmittedAt:
      row.first_submitted_ms === null ? null : toShanghaiIso(row.first_submitted_ms),
    previousRank: row.previous_rank,
    rankChange:
      row.rank !== null && row.previous_rank !== null ? row.previous_rank - row.rank : null,
  };
}

/** A page's rows as ranking rows: points by the package, flags from the flags store's map. */
export function toRankingRows(
  model: Pick<ScoringModelEntity, 'definition'>,
  found: readonly FoundRow[],
  flags: ReadonlyMap<string, readonly Flag[]>,
  asOf: Date,
): PositionedRow[] {
  const board = boardOfFound(model, found, asOf);
  return found.map((row, i): PositionedRow => ({
    ...rankingRowOf(
      row,
      rowContributionPoints(board, i),
      (flags.get(row.organization_id) ?? []).map((item) => ({
        id: item.id,
        severity: item.severity,
        labelZh: FLAG_CATALOGUE[item.id].labelZh,
      })),
    ),
    listPosition: row.list_position,
  }));
}

/** Flag lists seen most often are few: each distinct list is made once and shared (read-only). */
const MAX_SHARED_FLAG_LISTS = 4096;

/**
 * A stream's rows as ranking rows, one at a time: points by the package (one board for the
 * batch), flags from each row's `flag_list` (`ResultFlagsPort.flagListSql`). Rows that carry the
 * same flags share one read-only list. A row is made when it is asked for, so that what the
 * writer has done with dies young.
 */
export function* streamedRankingRows(
  model: Pick<ScoringModelEntity, 'definition'>,
  found: readonly StreamRow[],
  asOf: Date,
  shared: Map<string, readonly RowFlag[]>,
): Generator<RankingRow> {
  const board = boardOfFound(model, found, asOf);
  for (let i = 0; i < found.length; i += 1) {
    const row = found[i] as StreamRow;
    yield rankingRowOf(row, rowContributionPoints(board, i), rowFlagsOf(row.flag_list, shared));
  }
}

const NO_FLAGS: readonly RowFlag[] = Object.freeze([]);

function rowFlagsOf(
  text: string | null,
  shared: Map<string, readonly RowFlag[]>,
): readonly RowFlag[] {
  if (text === null || text === '') return NO_FLAGS;
  const known = shared.get(text);
  if (known) return known;
  const list = Object.freeze(
    flagListOf(text).map(({ id, severity }) =>
      Object.freeze({ id, severity, labelZh: FLAG_CATALOGUE[id].labelZh }),
    ),
  );
  if (shared.size < MAX_SHARED_FLAG_LISTS) shared.set(text, list);
  return list;
}
