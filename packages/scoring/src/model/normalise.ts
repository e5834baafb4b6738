import type { Direction } from '../indicators/indicator.types';
import type { Normalisation } from './scoring-model.types';

/** Score (0–1) of a raw value under a fixed normalisation (`bands` or `linear`). */
export function normaliseFixed(
  normalisation: Extract<Normalisation, { kind: 'bands' | 'linear' }>,
  direction: Direction,
  raw: number,
): number {
  if (normalisation.kind === 'bands') {
    const { breaks, scores } = normalisation;
    for (let i = 0; i < breaks.length; i += 1) {
      if (raw <= (breaks[i] as number)) return scores[i] as number;
    }
    return scores[breaks.length] as number;
  }
  const share = clamp01((raw - normalisation.min) / (normalisation.max - normalisation.min));
  return direction === 'higherIsBetter' ? share : 1 - share;
}

/** Scores (0–1) of a peer group's values by min–max scaling; NaN entries stay NaN. */
export function normaliseMinMax(values: Float64Array, direction: Direction): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const out = new Float64Array(values.length);
  const span = max - min;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (Number.isNaN(value)) out[i] = NaN;
    else if (span === 0) out[i] = 1;
    else out[i] = direction === 'higherIsBetter' ? (value - min) / span : (max - value) / span;
  }
  return out;
}

/**
 * Mid-rank percentiles (0–1) of a peer group's values: (values worse + (ties − 1) ÷ 2) ÷ (n − 1).
 * Equal values share a percentile; a group of one scores 1; NaN entries stay NaN.
 */
export function normalisePercentile(values: Float64Array, direction: Direction): Float64Array {
  const present: number[] = [];
  for (const value of values) if (!Number.isNaN(value)) present.push(value);
  const sorted = Float64Array.from(present).sort();
  const n = sorted.length;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (Number.isNaN(value)) {
      out[i] = NaN;
      continue;
    }
    if (n === 1) {
      out[i] = 1;
      continue;
    }
    const below = lowerBound(sorted, value);
    const equal = upperBound(sorted, value) - below;
    const worse = direction === 'higherIsBetter' ? below : n - below - equal;
    out[i] = (worse + (equal - 1) / 2) / (n - 1);
  }
  return out;
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
