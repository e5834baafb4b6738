import type { AnnualReport, TableId, TemplateId } from '@gongkai/report-model';

/**
 * What last year's report says about a row of this year's, as a test on a candidate split: the
 * carried-over applications are last year's carried-forward, 现行有效件数 rolls forward by the
 * year's issued and repealed, 对外公开总数量 by the year's published, 上一年项目数量 is last year's
 * items plus change, a 历年累计 is last year's plus this year's. null when it says nothing.
 */
export function carriedFromPrevious(
  template: TemplateId,
  table: TableId,
  row: string,
  columns: readonly string[],
  previous: AnnualReport,
): ((values: readonly number[]) => boolean) | null {
  const prev = (previous.tables as Record<string, Record<string, Record<string, number | null>>>)[
    table
  ];
  const at = (column: string): number => columns.indexOf(column);
  const known = (value: number | null | undefined): value is number =>
    typeof value === 'number' && Number.isFinite(value);
  const national = (t: TemplateId): boolean => t === '2019' || t === '2021';
  if (!prev) return null;
  if (table === 'applications' && row === 'carriedOver' && national(template)) {
    if (!national(previous.template)) return null;
    const forward = prev.carriedForward;
    if (!forward) return null;
    return (values) => columns.every((c, i) => !known(forward[c]) || values[i] === forward[c]);
  }
  if (table === 'article20' && previous.template === template) {
    const last = prev[row];
    if (!last) return null;
    if (template === '2021' && known(last.inForce) && at('inForce') >= 0) {
      const base = last.inForce;
      return (v) => v[at('inForce')] === base + (v[at('issued')] ?? 0) - (v[at('repealed')] ?? 0);
    }
    if (template === '2019' && known(last.totalPublic) && at('totalPublic') >= 0) {
      const base = last.totalPublic;
      return (v) => v[at('totalPublic')] === base + (v[at('published')] ?? 0);
    }
    if (template === '2019' && known(last.previousItems) && known(last.change)) {
      const expected = last.previousItems + last.change;
      return (v) => v[at('previousItems')] === expected;
    }
    return null;
  }
  if (table === 'legacyStats' && previous.template.startsWith('legacy')) {
    const base = prev[row]?.cumulative;
    if (!known(base)) return null;
    return (v) => Math.abs((v[at('cumulative')] ?? 0) - base - (v[at('year')] ?? 0)) < 0.005;
  }
  return null;
}
