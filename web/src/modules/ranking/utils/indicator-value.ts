/** How an indicator's raw value reads: a share, or a count with its unit. */
export type IndicatorValueKind = 'share' | 'cases' | 'problems' | 'deductions' | 'days';

/** The kind of each indicator of `@gongkai/scoring`; an unknown one reads as a plain number. */
export const INDICATOR_VALUE_KINDS: Readonly<Record<string, IndicatorValueKind>> = {
  applicationsGranted: 'share',
  applicationsBacklog: 'share',
  originality: 'share',
  staffing: 'share',
  improvement: 'share',
  correctedDecisions: 'cases',
  arithmetic: 'problems',
  textAgreement: 'problems',
  completeness: 'deductions',
  timeliness: 'days',
};

export type IndicatorValueText = {
  /** `Intl.NumberFormat` of the page's locale. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /** The count with its unit in the page's language (`{count} 件`). */
  unit(kind: Exclude<IndicatorValueKind, 'share'>, count: string): string;
};

/**
 * One formatter for every indicator value: shares as percentages (`9%`, `12.5%`), counts as
 * integers with their unit (`2 件`, `3 天`); a count that is not whole (weighted problems) keeps
 * one decimal.
 */
export function formatIndicatorValue(
  indicatorId: string,
  raw: number,
  text: IndicatorValueText,
): string {
  const kind = Object.prototype.hasOwnProperty.call(INDICATOR_VALUE_KINDS, indicatorId)
    ? INDICATOR_VALUE_KINDS[indicatorId]
    : undefined;
  if (kind === undefined) return text.formatNumber(raw, { maximumFractionDigits: 2 });
  if (kind === 'share')
    return text.formatNumber(raw, { style: 'percent', maximumFractionDigits: 1 });
  const count = text.formatNumber(raw, {
    maximumFractionDigits: Number.isInteger(raw) ? 0 : 1,
  });
  return text.unit(kind, count);
}
