import type { ScoringInput } from '../scoring-input.types';

export const INDICATOR_IDS = [
  'timeliness',
  'completeness',
  'arithmetic',
  'textAgreement',
  'originality',
  'staffing',
  'applicationsGranted',
  'applicationsBacklog',
  'correctedDecisions',
  'improvement',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export type Direction = 'higherIsBetter' | 'lowerIsBetter';

export type IndicatorGroup = 'submission' | 'quality' | 'staffing' | 'applications' | 'history';

/**
 * What an indicator measured for one organization:
 * - `value`: a raw number in the indicator's unit;
 * - `notApplicable`: nothing to judge (no applications received, no previous year, deadline not
 *   yet passed) — the indicator's weight is shared out among the others;
 * - `missing`: there should be something to judge and there is not (no report after the
 *   deadline) — the indicator scores 0 under every normalisation.
 */
export type Measurement =
  | { readonly status: 'value'; readonly value: number }
  | { readonly status: 'notApplicable' }
  | { readonly status: 'missing' };

export type MeasureContext = {
  /** The scoring instant (epoch ms): deadlines are judged as of this moment. */
  readonly asOfMs: number;
};

export type IndicatorDefinition = {
  readonly id: IndicatorId;
  readonly group: IndicatorGroup;
  /** The natural direction of the raw value; a model must use it. */
  readonly direction: Direction;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly unitZh: string;
  readonly unitEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly measure: (input: ScoringInput, context: MeasureContext) => Measurement;
};

export const NOT_APPLICABLE: Measurement = { status: 'notApplicable' };
export const MISSING: Measurement = { status: 'missing' };

export function valueOf(value: number): Measurement {
  return { status: 'value', value };
}
