import {
  boardOfRows,
  FLAG_CATALOGUE,
  rowContributionPoints,
  type Flag,
  type MeasuredRow,
  type MeasurementStatus,
  type ScoringModel,
} from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/report-model';
import type { RankingRow } from './ranking-row';
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

/** Rows as read (a page's or a stream's) as ranking rows: points by the package, flags. */
export function toRankingRows(
  model: ScoringModelEntity,
  found: readonly (Omit<StreamRow, 'score' | 'rank'> & {
    score: number | null;
    rank: number | null;
  })[],
  flags: ReadonlyMap<string, readonly Flag[]>,
  asOf: Date,
): PositionedRow[] {
  const points = pointsOfStored(
    model.definition,
    found.map((row) => ({
      organizationId: row.organization_id,
      peerGroup: row.peer_group,
      statuses: numbersOf(row.statuses) as number[],
      raws: numbersOf(row.raws),
      norms: numbersOf(row.norms),
    })),
    asOf,
  );
  return found.map((row, i): PositionedRow => ({
    organizationId: row.organization_id,
    organizationName: row.name,
    regionName: row.region_name,
    peerGroup: row.peer_group,
    departmentType: row.kind,
    rank: row.rank,
    tied: row.tied,
    score: row.score,
    points: points[i] as (number | null)[],
    flags: (flags.get(row.organization_id) ?? []).map((item) => ({
      id: item.id,
      severity: item.severity,
      labelZh: FLAG_CATALOGUE[item.id].labelZh,
    })),
    status: row.status,
    firstSubmittedAt:
      row.first_submitted_ms === null ? null : toShanghaiIso(row.first_submitted_ms),
    previousRank: row.previous_rank,
    rankChange:
      row.rank !== null && row.previous_rank !== null ? row.previous_rank - row.rank : null,
    listPosition: row.list_position,
  }));
}
