import type { Lang } from '@gongkai/report-model';
import type { ChartOption } from '../../../ui/charts/echarts';
import { html, tooltipFormatter } from '../../../ui/charts/tooltip';
import { ruleLabel } from './rule-label';

export type RuleCount = { ruleId: string; severity: string; findings: number };

export const SEVERITY_COLORS: Record<string, string> = {
  error: '#cf222e',
  warning: '#bf8700',
  info: '#0969da',
};

/** Width (px) of a bar's label; longer catalogue wordings end in an ellipsis (the tooltip has all). */
const LABEL_WIDTH = 240;

/**
 * Horizontal bars of the rules that fired most (top `n`, most findings at the top), coloured by
 * severity and labelled with the rule's short name (`shortName`, e.g. "收转平衡"; without it the
 * catalogue's wording in `lang`); the tooltip has the short name, the whole wording and the rule
 * id, and each bar carries its rule id and severity for a click into the review queue.
 */
export function findingsByRuleOption(
  rules: readonly RuleCount[],
  n: number,
  findingsLabel: string,
  lang: Lang,
  shortName: (ruleId: string) => string = (ruleId) => ruleLabel(ruleId, lang),
): ChartOption {
  const shown = [...rules]
    .sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId))
    .slice(0, n)
    .map((r) => {
      const description = ruleLabel(r.ruleId, lang);
      const label = shortName(r.ruleId);
      return { ...r, label, description: description === label ? null : description };
    });
  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      extraCssText: 'max-width: 360px; white-space: normal;',
      formatter: tooltipFormatter((p: { dataIndex: number }) => {
        const r = shown[p.dataIndex];
        if (!r) return '';
        const head = html`<strong>${r.label}</strong><br />`;
        const description = r.description ? html`${r.description}<br />` : '';
        return `${head}${description}${html`<code>${r.ruleId}</code><br />${findingsLabel}: ${r.findings}`}`;
      }),
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: findingsLabel },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => r.label),
      axisLabel: { fontSize: 11, width: LABEL_WIDTH, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: findingsLabel,
        label: { show: true, position: 'right' },
        data: shown.map((r) => ({
          value: r.findings,
          ruleId: r.ruleId,
          severity: r.severity,
          itemStyle: { color: SEVERITY_COLORS[r.severity] ?? '#57606a' },
        })),
      },
    ],
  };
}
