import { INDICATOR_CATALOGUE } from '../indicators/indicator.catalogue';
import { toEpochMs, toEpochMsOrNull, type Instant } from '../instant';
import { normaliseFixed, normaliseMinMax, normalisePercentile } from '../model/normalise';
import type { ScoringModel } from '../model/scoring-model.types';
import { assertValidModel } from '../model/validate-model';
import type { ScoringInput } from '../scoring-input.types';
import { toCents } from './largest-remainder';
import {
  STATUS_MISSING,
  STATUS_NOT_APPLICABLE,
  STATUS_VALUE,
  type ScoreBoard,
  type ScoreRow,
} from './score-board.types';

export type ScoreOptions = {
  /** The scoring instant: deadlines are judged as of this moment. */
  readonly asOf: Instant;
};

/**
 * Scores every organization of `inputs` under `model`. Peer-relative normalisations compare
 * organizations of the same peer group within `inputs` (or all of them, `peerScope: 'all'`).
 * Throws ModelValidationError, computing nothing, when the model is invalid.
 */
export function scoreAll(
  inputs: readonly ScoringInput[],
  model: ScoringModel,
  options: ScoreOptions,
): ScoreBoard {
  assertValidModel(model);
  const asOfMs = toEpochMs(options.asOf);
  const n = inputs.length;
  const k = model.indicators.length;
  const indicatorIds = model.indicators.map((entry) => entry.indicatorId);
  const weights = Float64Array.from(model.indicators, (entry) => entry.weight);
  const raw = new Float64Array(n * k).fill(NaN);
  const status = new Uint8Array(n * k);
  const normalised = new Float64Array(n * k).fill(NaN);
  const context = { asOfMs };

  for (let i = 0; i < n; i += 1) {
    const input = inputs[i] as ScoringInput;
    for (let j = 0; j < k; j += 1) {
      const entry = model.indicators[j] as ScoringModel['indicators'][number];
      const measurement = INDICATOR_CATALOGUE[entry.indicatorId].measure(input, context);
      const cell = i * k + j;
      if (measurement.status === 'value') {
        status[cell] = STATUS_VALUE;
        raw[cell] = measurement.value;
        const norm = entry.normalisation;
        if (norm.kind === 'bands' || norm.kind === 'linear') {
          normalised[cell] = normaliseFixed(norm, entry.direction, measurement.value);
        }
      } else if (measurement.status === 'missing') {
        status[cell] = STATUS_MISSING;
        normalised[cell] = 0;
      } else {
        status[cell] = STATUS_NOT_APPLICABLE;
      }
    }
  }

  normalisePeerRelative(inputs, model, raw, status, normalised);

  const scores = computeScores(normalised, weights, n, k);
  const rows: ScoreRow[] = new Array<ScoreRow>(n);
  const rowIndex = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const input = inputs[i] as ScoringInput;
    if (rowIndex.has(input.organizationId)) {
      throw new RangeError(`organization "${input.organizationId}" appears twice in the input`);
    }
    rowIndex.set(input.organizationId, i);
    let errorCount = 0;
    for (const finding of input.findings) if (finding.severity === 'error') errorCount += 1;
    const score = scores[i] as number;
    rows[i] = {
      organizationId: input.organizationId,
      peerGroup: input.peerGroup,
      regionPath: input.regionPath,
      score: Number.isNaN(score) ? null : score,
      firstSubmittedAtMs: toEpochMsOrNull(input.submission?.firstSubmittedAt),
      errorCount,
      previousRank: input.previous?.rank ?? null,
      previousScore: input.previous?.score ?? null,
    };
  }
  return { model, asOfMs, indicatorIds, weights, rows, rowIndex, raw, status, normalised, scores };
}

function normalisePeerRelative(
  inputs: readonly ScoringInput[],
  model: ScoringModel,
  raw: Float64Array,
  status: Uint8Array,
  normalised: Float64Array,
): void {
  const k = model.indicators.length;
  const relative = model.indicators
    .map((entry, j) => ({ entry, j }))
    .filter(
      ({ entry }) =>
        entry.normalisation.kind === 'minMax' || entry.normalisation.kind === 'percentile',
    );
  if (relative.length === 0) return;
  const groups = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const key = model.peerScope === 'all' ? '' : input.peerGroup;
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  for (const members of groups.values()) {
    for (const { entry, j } of relative) {
      const values = new Float64Array(members.length);
      members.forEach((i, m) => {
        values[m] = status[i * k + j] === STATUS_VALUE ? (raw[i * k + j] as number) : NaN;
      });
      const scaled =
        entry.normalisation.kind === 'minMax'
          ? normaliseMinMax(values, entry.direction)
          : normalisePercentile(values, entry.direction);
      members.forEach((i, m) => {
        if (status[i * k + j] === STATUS_VALUE) normalised[i * k + j] = scaled[m] as number;
      });
    }
  }
}

/**
 * Scores (0–100, rounded to cents; NaN when nothing applies):
 * 100 × Σ wᵢ·sᵢ ÷ Σ wᵢ over the indicators that apply (missing ones count with sᵢ = 0).
 */
export function computeScores(
  normalised: Float64Array,
  weights: Float64Array,
  n: number,
  k: number,
): Float64Array {
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let weighted = 0;
    let applicable = 0;
    for (let j = 0; j < k; j += 1) {
      const s = normalised[i * k + j] as number;
      if (Number.isNaN(s)) continue;
      const w = weights[j] as number;
      weighted += w * s;
      applicable += w;
    }
    scores[i] = applicable > 0 ? toCents((100 * weighted) / applicable) / 100 : NaN;
  }
  return scores;
}

/** The exact (unrounded) score of a row; NaN when nothing applies. */
export function exactScore(board: ScoreBoard, row: number): number {
  const k = board.indicatorIds.length;
  let weighted = 0;
  let applicable = 0;
  for (let j = 0; j < k; j += 1) {
    const s = board.normalised[row * k + j] as number;
    if (Number.isNaN(s)) continue;
    weighted += (board.weights[j] as number) * s;
    applicable += board.weights[j] as number;
  }
  return applicable > 0 ? (100 * weighted) / applicable : NaN;
}
