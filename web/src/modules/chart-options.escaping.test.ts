// Every chart of the app, built with a hostile name wherever a name can go: its tooltips must
// come from the escaping helpers of ui/charts/tooltip.ts, and what they produce must show the
// name as text — no element, no handler — once ECharts puts it into the page as HTML.
import { describe, expect, it } from 'vitest';
import type { ChartOption } from '../ui/charts/echarts';
import { ESCAPING_FORMATTER } from '../ui/charts/tooltip';
import { historyOption } from './organizations/utils/history.option';
import { completionByRegionOption } from './overview/utils/completion-by-region.option';
import { findingsByRuleOption } from './overview/utils/findings-by-rule.option';
import { flagHeatmapOption } from './overview/utils/flag-heatmap.option';
import { roundTrendOption } from './overview/utils/round-trend.option';
import { explanationWaterfallOption } from './ranking/utils/explanation-waterfall.option';
import { rankingBarsOption } from './ranking/utils/ranking-bars.option';
import { longestVacanciesOption } from './staffing/utils/longest-vacancies.option';
import { vacanciesByPostOption } from './staffing/utils/vacancies-by-post.option';
import { tableSizesOption } from './system/utils/table-sizes.option';

const HOSTILE = '<img src=x onerror=alert(1)>';
const H = HOSTILE;

/** One builder call per chart option file, with the hostile name in every text it takes. */
const CHARTS: Record<string, () => ChartOption> = {
  './organizations/utils/history.option.ts': () =>
    historyOption([{ year: 2023, completeness: 90, errors: 1, warnings: 2 }], {
      errors: H,
      warnings: H,
      completeness: H,
    }),
  './overview/utils/completion-by-region.option.ts': () =>
    completionByRegionOption([{ id: 'r1', name: H, expected: 10, submitted: 5, approved: 2 }], {
      approved: H,
      submittedOnly: H,
      missing: H,
    }),
  './overview/utils/findings-by-rule.option.ts': () =>
    findingsByRuleOption([{ ruleId: H, severity: 'error', findings: 3 }], 10, H, 'zh'),
  './overview/utils/flag-heatmap.option.ts': () =>
    flagHeatmapOption(
      [{ flagId: 'late', label: H, severity: 'error' }],
      [{ organizationId: 'o1', organizationName: H, counts: [2] }],
    ),
  './overview/utils/round-trend.option.ts': () =>
    roundTrendOption(
      [
        {
          roundId: 'r',
          year: 2023,
          submittedRate: 90,
          onTimeRate: 80,
          approvedRate: 70,
          averageScore: 60,
        },
      ],
      { submitted: H, onTime: H, approved: H, score: H },
    ),
  './ranking/utils/explanation-waterfall.option.ts': () =>
    explanationWaterfallOption([{ label: H, points: 10, maxPoints: 20 }], {
      points: H,
      lost: H,
      total: H,
    }),
  './ranking/utils/ranking-bars.option.ts': () =>
    rankingBarsOption([{ id: 'o1', name: H, rank: 1, score: 88 }], 5, H),
  './staffing/utils/longest-vacancies.option.ts': () =>
    longestVacanciesOption(
      [{ organizationId: 'o1', organizationName: H, postLabel: H, daysVacant: 40 }],
      { days: H },
    ),
  './staffing/utils/vacancies-by-post.option.ts': () =>
    vacanciesByPostOption([{ postKey: 'p', label: H, required: 3, vacant: 1 }], {
      filled: H,
      vacant: H,
    }),
  './system/utils/table-sizes.option.ts': () => tableSizesOption([{ name: H, rows: 12 }], H),
};

type Loose = Record<string, unknown>;
const asArray = (v: unknown): Loose[] => (Array.isArray(v) ? v : v ? [v] : []) as Loose[];

/** Every `formatter` anywhere in an option, with its path. */
function formatters(value: unknown, path = 'option'): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Loose).flatMap(([k, v]): [string, unknown][] =>
    k === 'formatter' ? [[`${path}.${k}`, v]] : formatters(v, `${path}.${k}`),
  );
}

/** What ECharts hands a tooltip formatter for the first data point, from the option itself. */
function tooltipParams(option: Loose): unknown {
  const series = asArray(option.series).filter((s) => s.silent !== true);
  const axis = [...asArray(option.xAxis), ...asArray(option.yAxis)].find(
    (a) => a.type === 'category',
  );
  const category = (axis?.data as unknown[] | undefined)?.[0];
  const params = series.map((s) => {
    const data = (s.data as unknown[])[0];
    return {
      seriesName: s.name,
      name: category,
      axisValueLabel: category,
      value: data,
      data,
      dataIndex: 0,
      color: (s.itemStyle as Loose | undefined)?.color,
    };
  });
  return (option.tooltip as Loose).trigger === 'axis' ? params : params[0];
}

describe('chart tooltips with a hostile name', () => {
  it('covers every chart option builder of the app', () => {
    const files = Object.keys(import.meta.glob('./*/utils/*.option.ts')).sort();
    expect(Object.keys(CHARTS).sort()).toEqual(files);
  });

  it.each(Object.entries(CHARTS))('%s: formatters come from the escaping helpers', (_, build) => {
    const option = build() as Loose;
    expect(typeof (option.tooltip as Loose).formatter).toBe('function');
    for (const [path, formatter] of formatters(option)) {
      if (typeof formatter === 'function')
        expect({ path, escaping: ESCAPING_FORMATTER in formatter }).toEqual({
          path,
          escaping: true,
        });
      // String templates are ECharts' own: it escapes them in tooltips, canvas labels are text.
      else expect(typeof formatter).toBe('string');
    }
  });

  it.each(Object.entries(CHARTS))('%s: the tooltip shows the name as text', (_, build) => {
    const option = build() as Loose;
    const format = (option.tooltip as Loose).formatter as (p: unknown) => string;
    const markup = format(tooltipParams(option));
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const box = document.createElement('div');
    box.innerHTML = markup;
    expect(box.querySelector('img, script, [onerror]')).toBeNull();
    expect(box.textContent).toContain(HOSTILE);
  });
});
