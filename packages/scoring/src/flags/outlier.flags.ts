import { reportNumber } from '../report-access';
import type { ScoringInput } from '../scoring-input.types';
import { DEFAULT_KEY_TOTALS, type OutlierOptions } from './flag-options';
import type { Flag } from './flag.types';
import { makeFlag } from './make-flag';

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Key totals that grew more than `ratioHigh`-fold or shrank below `ratioLow` since last year. */
export function yearOnYearFlags(input: ScoringInput, options: OutlierOptions = {}): Flag[] {
  const report = input.report;
  const previous = input.previous?.report;
  if (!report || !previous) return [];
  const high = options.ratioHigh ?? 5;
  const low = options.ratioLow ?? 0.2;
  const minimum = options.minimumValue ?? 10;
  const flags: Flag[] = [];
  for (const path of options.keyTotals ?? DEFAULT_KEY_TOTALS) {
    const current = reportNumber(report, path);
    const before = reportNumber(previous, path);
    if (current === null || before === null || Math.max(current, before) < minimum) continue;
    const ratio = before === 0 ? Infinity : current / before;
    if (ratio <= high && ratio >= low) continue;
    const shown = Number.isFinite(ratio) ? round(ratio) : null;
    flags.push(
      makeFlag(
        'outlier.yearOnYear',
        input.organizationId,
        `${path} 本年${current}，上年${before}${shown === null ? '' : `，为上年的${shown}倍`}`,
        `${path} is ${current} against ${before} last year${shown === null ? '' : ` (×${shown})`}`,
        { cell: path, current, previous: before, ratio: shown },
      ),
    );
  }
  return flags;
}

function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

/** Fences lie at least a factor 5 beyond the core (on the log scale), like the year-on-year rule. */
const MIN_FENCE_REACH = Math.log(5);

/**
 * Key totals far outside the peer group: on a log(1 + x) scale, the band's core runs from the
 * `lowerPercentile` to the `upperPercentile` value, and a value beyond `fenceFactor` core widths
 * from it (Tukey's far-out fences), and at least a factor 5 beyond it, is flagged. Groups with
 * fewer than `minGroupSize` values are not judged.
 */
export function peerBandFlags(
  inputs: readonly ScoringInput[],
  options: OutlierOptions = {},
): Flag[] {
  const keyTotals = options.keyTotals ?? DEFAULT_KEY_TOTALS;
  const records: KeyTotals[] = [];
  for (const input of inputs) {
    const record = keyTotalsOf(input, keyTotals);
    if (record) records.push(record);
  }
  return peerBandFlagsOf(records, options);
}

/** What the peer bands read of one organization: its peer group and key totals. */
export type KeyTotals = {
  readonly organizationId: string;
  readonly peerGroup: string;
  /** Aligned with the key totals' paths; null when the cell is blank or absent. */
  readonly totals: readonly (number | null)[];
};

/** The key totals of an organization's report; null without a report (never judged). */
export function keyTotalsOf(
  input: ScoringInput,
  keyTotals: readonly string[] = DEFAULT_KEY_TOTALS,
): KeyTotals | null {
  const report = input.report;
  if (!report) return null;
  return {
    organizationId: input.organizationId,
    peerGroup: input.peerGroup,
    totals: keyTotals.map((path) => reportNumber(report, path)),
  };
}

/**
 * `peerBandFlags` over key totals already read (`keyTotalsOf`, with the same
 * `options.keyTotals`), so that a caller streaming reports need not keep them.
 */
export function peerBandFlagsOf(
  records: readonly KeyTotals[],
  options: OutlierOptions = {},
): Flag[] {
  const lowerQ = options.lowerPercentile ?? 0.25;
  const upperQ = options.upperPercentile ?? 0.75;
  const fence = options.fenceFactor ?? 3;
  const minGroupSize = options.minGroupSize ?? 10;
  const groups = new Map<string, KeyTotals[]>();
  for (const record of records) {
    const members = groups.get(record.peerGroup);
    if (members) members.push(record);
    else groups.set(record.peerGroup, [record]);
  }
  const flags: Flag[] = [];
  const paths = options.keyTotals ?? DEFAULT_KEY_TOTALS;
  for (const [peerGroup, members] of groups) {
    if (members.length < minGroupSize) continue;
    paths.forEach((path, at) => {
      const values: { organizationId: string; value: number }[] = [];
      for (const member of members) {
        const value = member.totals[at] ?? null;
        if (value !== null && value >= 0)
          values.push({ organizationId: member.organizationId, value });
      }
      if (values.length < minGroupSize) return;
      const sorted = Float64Array.from(values, (v) => Math.log1p(v.value)).sort();
      const q1 = quantile(sorted, lowerQ);
      const q3 = quantile(sorted, upperQ);
      const width = q3 - q1;
      const reach = Math.max(fence * width, MIN_FENCE_REACH);
      const lo = q1 - reach;
      const hi = q3 + reach;
      for (const { organizationId, value } of values) {
        const scaled = Math.log1p(value);
        if (scaled >= lo && scaled <= hi) continue;
        const band: [number, number] = [round(Math.max(0, Math.expm1(lo))), round(Math.expm1(hi))];
        flags.push(
          makeFlag(
            'outlier.peerBand',
            organizationId,
            `${path} 为${value}，超出同类单位（${peerGroup}，${values.length}个）的正常区间${band[0]}–${band[1]}`,
            `${path} is ${value}, outside the peer band ${band[0]}–${band[1]} of ${peerGroup} (${values.length} bodies)`,
            {
              cell: path,
              value,
              peerGroup,
              groupSize: values.length,
              bandLow: band[0],
              bandHigh: band[1],
              median: round(Math.expm1(quantile(sorted, 0.5))),
            },
          ),
        );
      }
    });
  }
  return flags;
}
