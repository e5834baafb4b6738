import { INDICATOR_CATALOGUE } from '../indicators/indicator.catalogue';
import { awaitingReport } from '../indicators/report-absence';
import { NOT_APPLICABLE } from '../indicators/indicator.types';
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
  const builder = new ScoreBoardBuilder(model, options);
  for (const input of inputs) builder.add(input);
  return builder.build();
}

/**
 * Scores organizations added one at a time: each input is measured when added, and only its
 * measurements and the few facts ranking reads are kept, so a caller streaming 120,000 reports
 * never holds them all. `build` then normalises within peer groups and scores, exactly as
 * `scoreAll` over the same inputs. Throws ModelValidationError on construction when the model
 * is invalid, and RangeError when an organization is added twice.
 */
export class ScoreBoardBuilder {
  private readonly k: number;
  private readonly asOfMs: number;
  private n = 0;
  private raw = new Float64Array(0);
  private status = new Uint8Array(0);
  private normalised = new Float64Array(0);
  private readonly organizationIds: string[] = [];
  private readonly peerGroups: string[] = [];
  private readonly regionPaths: (readonly string[])[] = [];
  private readonly firstSubmittedAtMs: (number | null)[] = [];
  private readonly errorCounts: number[] = [];
  private readonly previousRanks: (number | null)[] = [];
  private readonly previousScores: (number | null)[] = [];
  private readonly awaiting: boolean[] = [];
  private readonly known = new Set<string>();

  constructor(
    private readonly model: ScoringModel,
    options: ScoreOptions,
  ) {
    assertValidModel(model);
    this.k = model.indicators.length;
    this.asOfMs = toEpochMs(options.asOf);
  }

  /** Organizations added so far. */
  get size(): number {
    return this.n;
  }

  /** Measures one organization; returns its position in the order added. */
  add(input: ScoringInput): number {
    if (this.known.has(input.organizationId)) {
      throw new RangeError(`organization "${input.organizationId}" appears twice in the input`);
    }
    this.known.add(input.organizationId);
    const { k, model } = this;
    const i = this.n;
    this.reserve(i + 1);
    const context = { asOfMs: this.asOfMs };
    // nothing submitted while the deadline is open: nothing applies, so it is not ranked yet
    const awaiting = awaitingReport(input, context);
    for (let j = 0; j < k; j += 1) {
      const entry = model.indicators[j] as ScoringModel['indicators'][number];
      const measurement = awaiting
        ? NOT_APPLICABLE
        : INDICATOR_CATALOGUE[entry.indicatorId].measure(input, context);
      const cell = i * k + j;
      if (measurement.status === 'value') {
        this.status[cell] = STATUS_VALUE;
        this.raw[cell] = measurement.value;
        const norm = entry.normalisation;
        if (norm.kind === 'bands' || norm.kind === 'linear') {
          this.normalised[cell] = normaliseFixed(norm, entry.direction, measurement.value);
        }
      } else if (measurement.status === 'missing') {
        this.status[cell] = STATUS_MISSING;
        this.normalised[cell] = 0;
      } else {
        this.status[cell] = STATUS_NOT_APPLICABLE;
      }
    }
    let errorCount = 0;
    for (const finding of input.findings) if (finding.severity === 'error') errorCount += 1;
    this.organizationIds.push(input.organizationId);
    this.peerGroups.push(input.peerGroup);
    this.regionPaths.push(input.regionPath);
    this.firstSubmittedAtMs.push(toEpochMsOrNull(input.submission?.firstSubmittedAt));
    this.errorCounts.push(errorCount);
    this.previousRanks.push(input.previous?.rank ?? null);
    this.previousScores.push(input.previous?.score ?? null);
    this.awaiting.push(awaiting);
    this.n = i + 1;
    return i;
  }

  /**
   * The board, with rows in `order` (positions in the order added; all of them, each once),
   * or in the order added.
   */
  build(order?: ArrayLike<number>): ScoreBoard {
    const { n, k, model } = this;
    if (order !== undefined && order.length !== n) {
      throw new RangeError(`the order lists ${order.length} of ${n} organizations`);
    }
    const at = (q: number): number => (order === undefined ? q : (order[q] as number));
    const raw = new Float64Array(n * k);
    const status = new Uint8Array(n * k);
    const normalised = new Float64Array(n * k);
    const peerGroups = new Array<string>(n);
    const placed = new Uint8Array(n);
    for (let q = 0; q < n; q += 1) {
      const i = at(q);
      if (!(i >= 0 && i < n) || placed[i] === 1) {
        throw new RangeError(`the order repeats or misses position ${i}`);
      }
      placed[i] = 1;
      raw.set(this.raw.subarray(i * k, i * k + k), q * k);
      status.set(this.status.subarray(i * k, i * k + k), q * k);
      normalised.set(this.normalised.subarray(i * k, i * k + k), q * k);
      peerGroups[q] = this.peerGroups[i] as string;
    }

    normalisePeerRelative(peerGroups, model, raw, status, normalised);

    const weights = Float64Array.from(model.indicators, (entry) => entry.weight);
    const scores = computeScores(normalised, weights, n, k);
    const rows: ScoreRow[] = new Array<ScoreRow>(n);
    const rowIndex = new Map<string, number>();
    for (let q = 0; q < n; q += 1) {
      const i = at(q);
      const organizationId = this.organizationIds[i] as string;
      rowIndex.set(organizationId, q);
      const score = scores[q] as number;
      rows[q] = {
        organizationId,
        peerGroup: peerGroups[q] as string,
        regionPath: this.regionPaths[i] as readonly string[],
        score: Number.isNaN(score) ? null : score,
        firstSubmittedAtMs: this.firstSubmittedAtMs[i] ?? null,
        errorCount: this.errorCounts[i] as number,
        previousRank: this.previousRanks[i] ?? null,
        previousScore: this.previousScores[i] ?? null,
        ...(this.awaiting[i] === true ? { awaitingReport: true } : {}),
      };
    }
    return {
      model,
      asOfMs: this.asOfMs,
      indicatorIds: model.indicators.map((entry) => entry.indicatorId),
      weights,
      rows,
      rowIndex,
      raw,
      status,
      normalised,
      scores,
    };
  }

  /** Room for `count` rows (capacity doubles; new cells start as NaN / not measured). */
  private reserve(count: number): void {
    const cells = count * this.k;
    if (cells <= this.raw.length) return;
    const capacity = Math.max(cells, this.raw.length * 2, 64 * this.k);
    const raw = new Float64Array(capacity).fill(NaN);
    raw.set(this.raw);
    const status = new Uint8Array(capacity);
    status.set(this.status);
    const normalised = new Float64Array(capacity).fill(NaN);
    normalised.set(this.normalised);
    this.raw = raw;
    this.status = status;
    this.normalised = normalised;
  }
}

function normalisePeerRelative(
  peerGroups: readonly string[],
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
  peerGroups.forEach((peerGroup, i) => {
    const key = model.peerScope === 'all' ? '' : peerGroup;
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
