import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type Vacancy = {
  organizationId: string;
  organizationName: string;
  postLabel: string;
  daysVacant: number | null;
};

/**
 * The longest vacancies as horizontal bars of days vacant (longest on top); vacancies of unknown
 * length are left out of the chart (the table lists them).
 */
export function longestVacanciesOption(
  vacancies: readonly Vacancy[],
  labels: { days: string },
  limit = 10,
): ChartOption {
  const known = vacancies
    .filter((v): v is Vacancy & { daysVacant: number } => v.daysVacant !== null)
    .sort((a, b) => b.daysVacant - a.daysVacant)
    .slice(0, limit);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    grid: { left: 8, right: 40, top: 8, bottom: 28, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      name: labels.days,
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: known.map((v) => `${v.organizationName} · ${v.postLabel}`),
    },
    series: [
      {
        type: 'bar',
        name: labels.days,
        itemStyle: { color: '#bc4c00' },
        label: { show: true, position: 'right' },
        data: known.map((v) => ({ value: v.daysVacant, id: v.organizationId })),
      },
    ],
  };
}
