import { INDICATOR_CATALOGUE } from '../indicators/indicator.catalogue';
import type { IndicatorId } from '../indicators/indicator.types';
import { exactScore } from './score-board';
import { largestRemainder, toCents } from './largest-remainder';
import {
  STATUS_MISSING,
  STATUS_NOT_APPLICABLE,
  STATUS_VALUE,
  type ScoreBoard,
} from './score-board.types';

export type MeasurementStatus = 'value' | 'notApplicable' | 'missing';

export type Contribution = {
  readonly indicatorId: IndicatorId;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly status: MeasurementStatus;
  /** Raw value in the indicator's unit; null unless status is `value`. */
  readonly raw: number | null;
  readonly unitZh: string;
  readonly unitEn: string;
  /** Indicator score 0–1 (4 decimals); null when not applicable, 0 when missing. */
  readonly normalised: number | null;
  /** The model's weight. */
  readonly weight: number;
  /** Points this indicator could earn out of 100 after renormalisation; 0 when not applicable. */
  readonly maxPoints: number;
  /** Points earned (two decimals). The points of all contributions add up to the score. */
  readonly points: number;
};

/**
 * Why an organization has no score: `awaitingReport` — nothing submitted while its deadline is
 * open (not ranked until it submits or the deadline passes); `nothingApplies` — no indicator of
 * the model applies to it.
 */
export type UnrankedReason = 'awaitingReport' | 'nothingApplies';

export type Explanation = {
  readonly organizationId: string;
  readonly modelId: string;
  readonly modelVersion: string;
  /** 0–100 (two decimals); null when no indicator applies. */
  readonly score: number | null;
  /** Why the score is null; null when there is a score. */
  readonly unranked: UnrankedReason | null;
  readonly contributions: readonly Contribution[];
};

const STATUS_NAMES: Record<number, MeasurementStatus> = {
  [STATUS_VALUE]: 'value',
  [STATUS_NOT_APPLICABLE]: 'notApplicable',
  [STATUS_MISSING]: 'missing',
};

/**
 * Points and maximum points of each indicator for one board row, in cents by the
 * largest-remainder method (see `explain`). `withMax: false` leaves the maximum points at 0
 * (a ranking row shows points only; an export computes them 120,000 times).
 */
function rowPoints(
  board: ScoreBoard,
  row: number,
  withMax = true,
): { points: number[]; maxPoints: number[] } {
  const k = board.indicatorIds.length;
  const exact = exactScore(board, row);
  let applicable = 0;
  for (let j = 0; j < k; j += 1) {
    if (!Number.isNaN(board.normalised[row * k + j] as number))
      applicable += board.weights[j] as number;
  }
  const points = new Array<number>(k).fill(0);
  const maxPoints = new Array<number>(k).fill(0);
  if (!Number.isNaN(exact)) {
    const exactPoints: number[] = [];
    const exactMax: number[] = [];
    for (let j = 0; j < k; j += 1) {
      const s = board.normalised[row * k + j] as number;
      const share = Number.isNaN(s) ? 0 : (board.weights[j] as number) / applicable;
      exactPoints.push(Number.isNaN(s) ? 0 : 100 * share * s * 100);
      exactMax.push(100 * share * 100);
    }
    largestRemainder(exactPoints, toCents(exact)).forEach((cents, j) => (points[j] = cents / 100));
    if (withMax)
      largestRemainder(exactMax, 10000).forEach((cents, j) => (maxPoints[j] = cents / 100));
  }
  return { points, maxPoints };
}

/**
 * The points of each indicator of a board row as `explain` gives them, null where the
 * indicator does not apply: what a ranking row shows, without building the explanation.
 */
export function rowContributionPoints(board: ScoreBoard, row: number): (number | null)[] {
  const k = board.indicatorIds.length;
  const { points } = rowPoints(board, row, false);
  return points.map((value, j) =>
    (STATUS_NAMES[board.status[row * k + j] as number] ?? 'notApplicable') === 'notApplicable'
      ? null
      : value,
  );
}

/**
 * Decomposes an organization's score into indicator contributions. Points are rounded to cents
 * by the largest-remainder method, so they add up exactly (in cents) to the rounded score, and
 * `maxPoints` add up to 100. Returns null for an organization not on the board.
 */
export function explain(board: ScoreBoard, organizationId: string): Explanation | null {
  const row = board.rowIndex.get(organizationId);
  if (row === undefined) return null;
  const k = board.indicatorIds.length;
  const { points, maxPoints } = rowPoints(board, row);
  const contributions = board.indicatorIds.map((indicatorId, j): Contribution => {
    const indicator = INDICATOR_CATALOGUE[indicatorId];
    const status = STATUS_NAMES[board.status[row * k + j] as number] ?? 'notApplicable';
    const rawValue = board.raw[row * k + j] as number;
    const norm = board.normalised[row * k + j] as number;
    return {
      indicatorId,
      labelZh: indicator.labelZh,
      labelEn: indicator.labelEn,
      status,
      raw: status === 'value' ? rawValue : null,
      unitZh: indicator.unitZh,
      unitEn: indicator.unitEn,
      normalised: Number.isNaN(norm) ? null : Math.round(norm * 10000) / 10000,
      weight: board.weights[j] as number,
      maxPoints: maxPoints[j] as number,
      points: points[j] as number,
    };
  });
  const rowData = board.rows[row];
  return {
    organizationId,
    modelId: board.model.id,
    modelVersion: board.model.version,
    score: rowData?.score ?? null,
    unranked:
      (rowData?.score ?? null) !== null
        ? null
        : rowData?.awaitingReport
          ? 'awaitingReport'
          : 'nothingApplies',
    contributions,
  };
}
