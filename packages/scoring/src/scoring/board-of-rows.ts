import { toEpochMs, type Instant } from '../instant';
import type { ScoringModel } from '../model/scoring-model.types';
import { assertValidModel } from '../model/validate-model';
import type { MeasurementStatus } from './explain';
import { computeScores } from './score-board';
import {
  STATUS_MISSING,
  STATUS_NOT_APPLICABLE,
  STATUS_VALUE,
  type ScoreBoard,
  type ScoreRow,
} from './score-board.types';

/**
 * One organization as measured and normalised elsewhere (a store of what `scoreAll` computed):
 * per model indicator, in model order, its status, raw value (null unless `value`) and
 * normalised score (null when not applicable, 0 when missing).
 */
export type MeasuredRow = {
  readonly organizationId: string;
  readonly peerGroup: string;
  readonly regionPath?: readonly string[];
  readonly status: readonly MeasurementStatus[];
  readonly raw: readonly (number | null)[];
  readonly normalised: readonly (number | null)[];
  readonly firstSubmittedAtMs?: number | null;
  /** Unranked because nothing was submitted while the deadline is open (every status `notApplicable`). */
  readonly awaitingReport?: boolean;
};

const STATUS_CODES: Record<MeasurementStatus, number> = {
  value: STATUS_VALUE,
  notApplicable: STATUS_NOT_APPLICABLE,
  missing: STATUS_MISSING,
};

/**
 * A board of rows already normalised (their peer-relative normalisations done over the
 * population they were measured in): scores are computed from the normalised values and the
 * model's weights as `scoreAll` computes them, so `explain` and `rowContributionPoints` on it
 * give what they give on the board those rows came from. Throws ModelValidationError for an
 * invalid model and RangeError when a row's arrays do not match the model.
 */
export function boardOfRows(
  model: ScoringModel,
  rows: readonly MeasuredRow[],
  options: { readonly asOf: Instant },
): ScoreBoard {
  assertValidModel(model);
  const k = model.indicators.length;
  const n = rows.length;
  const raw = new Float64Array(n * k).fill(NaN);
  const status = new Uint8Array(n * k);
  const normalised = new Float64Array(n * k).fill(NaN);
  const rowIndex = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.status.length !== k || row.raw.length !== k || row.normalised.length !== k)
      throw new RangeError(
        `organization "${row.organizationId}" has ${row.status.length} measurements, the model ${k}`,
      );
    if (rowIndex.has(row.organizationId))
      throw new RangeError(`organization "${row.organizationId}" appears twice in the input`);
    rowIndex.set(row.organizationId, i);
    if (row.awaitingReport === true && row.status.some((name) => name !== 'notApplicable'))
      throw new RangeError(
        `organization "${row.organizationId}" awaits its report, yet an indicator applies`,
      );
    for (let j = 0; j < k; j += 1) {
      const cell = i * k + j;
      const code = STATUS_CODES[row.status[j] as MeasurementStatus];
      if (code === undefined)
        throw new RangeError(`organization "${row.organizationId}": unknown status`);
      status[cell] = code;
      if (code === STATUS_VALUE) raw[cell] = row.raw[j] ?? NaN;
      if (code !== STATUS_NOT_APPLICABLE)
        normalised[cell] = code === STATUS_MISSING ? 0 : (row.normalised[j] ?? NaN);
    }
  });
  const weights = Float64Array.from(model.indicators, (entry) => entry.weight);
  const scores = computeScores(normalised, weights, n, k);
  return {
    model,
    asOfMs: toEpochMs(options.asOf),
    indicatorIds: model.indicators.map((entry) => entry.indicatorId),
    weights,
    rows: rows.map((row, i): ScoreRow => {
      const score = scores[i] as number;
      return {
        organizationId: row.organizationId,
        peerGroup: row.peerGroup,
        regionPath: row.regionPath ?? [],
        score: Number.isNaN(score) ? null : score,
        firstSubmittedAtMs: row.firstSubmittedAtMs ?? null,
        errorCount: 0,
        previousRank: null,
        previousScore: null,
        ...(row.awaitingReport === true ? { awaitingReport: true as const } : {}),
      };
    }),
    rowIndex,
    raw,
    status,
    normalised,
    scores,
  };
}

/** Each row of a board back as a `MeasuredRow` (what a store keeps of it). */
export function measuredRowOf(board: ScoreBoard, row: number): MeasuredRow {
  const k = board.indicatorIds.length;
  const names: MeasurementStatus[] = ['value', 'notApplicable', 'missing'];
  const status: MeasurementStatus[] = [];
  const raw: (number | null)[] = [];
  const normalised: (number | null)[] = [];
  for (let j = 0; j < k; j += 1) {
    const cell = row * k + j;
    status.push(names[board.status[cell] as number] as MeasurementStatus);
    raw.push(Number.isNaN(board.raw[cell] as number) ? null : (board.raw[cell] as number));
    const s = board.normalised[cell] as number;
    normalised.push(Number.isNaN(s) ? null : s);
  }
  const data = board.rows[row] as ScoreRow;
  return {
    organizationId: data.organizationId,
    peerGroup: data.peerGroup,
    regionPath: data.regionPath,
    status,
    raw,
    normalised,
    firstSubmittedAtMs: data.firstSubmittedAtMs,
    ...(data.awaitingReport ? { awaitingReport: true } : {}),
  };
}
