import type { ChartOption } from '../../../ui/charts/echarts';

export type RuleCount = { ruleId: string; severity: string; findings: number; label: string };

export const SEVERITY_COLORS: Record<string, string> = {
  error: '#cf222e',
  warning: '#bf8700',
  info: '#0969da',
};

/**
 * Horizontal bars of the rules that fired most (top `n`, most findings at the top), coloured by
 * severity; each bar carries its rule id and severity for a click into the review queue.
 */
export function findingsByRuleOption(
  rules: readonly RuleCount[],
  n: number,
  findingsLabel: string,
): ChartOption {
  const shown = [...rules]
    .sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId))
    .slice(0, n);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = shown[p.dataIndex];
        return r ? `${r.ruleId}<br/>${r.label}<br/>${findingsLabel}: ${r.findings}` : '';
      },
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: findingsLabel },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => r.ruleId),
      axisLabel: { fontSize: 11 },
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
