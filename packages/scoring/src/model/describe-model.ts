import { INDICATOR_CATALOGUE } from '../indicators/indicator.catalogue';
import type { ModelIndicator, Normalisation, ScoringModel } from './scoring-model.types';

export type Language = 'zh' | 'en';

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** A one-line description of a normalisation, e.g. `≤0 → 1 · ≤3 → 0.8 · >3 → 0`. */
export function describeNormalisation(normalisation: Normalisation, language: Language): string {
  switch (normalisation.kind) {
    case 'bands': {
      const parts = normalisation.breaks.map(
        (limit, i) => `≤${formatNumber(limit)} → ${formatNumber(normalisation.scores[i] ?? 0)}`,
      );
      const last = normalisation.breaks[normalisation.breaks.length - 1] ?? 0;
      const top = normalisation.scores[normalisation.breaks.length] ?? 0;
      parts.push(`>${formatNumber(last)} → ${formatNumber(top)}`);
      return (language === 'zh' ? '分档：' : 'bands: ') + parts.join(' · ');
    }
    case 'linear':
      return language === 'zh'
        ? `线性：${formatNumber(normalisation.min)} 至 ${formatNumber(normalisation.max)}`
        : `linear from ${formatNumber(normalisation.min)} to ${formatNumber(normalisation.max)}`;
    case 'minMax':
      return language === 'zh' ? '同类组内最小—最大值标准化' : 'min–max within the peer group';
    case 'percentile':
      return language === 'zh' ? '同类组内百分位' : 'percentile within the peer group';
  }
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function row(entry: ModelIndicator, totalWeight: number, language: Language): string {
  const indicator = INDICATOR_CATALOGUE[entry.indicatorId];
  const share = totalWeight === 0 ? 0 : (100 * entry.weight) / totalWeight;
  const cells =
    language === 'zh'
      ? [
          `${indicator.labelZh}（\`${indicator.id}\`）`,
          `${formatNumber(entry.weight)}（${share.toFixed(1)}%）`,
          `${indicator.unitZh}，${entry.direction === 'higherIsBetter' ? '越高越好' : '越低越好'}`,
          describeNormalisation(entry.normalisation, language),
          indicator.descriptionZh,
        ]
      : [
          `${indicator.labelEn} (\`${indicator.id}\`)`,
          `${formatNumber(entry.weight)} (${share.toFixed(1)}%)`,
          `${indicator.unitEn}, ${entry.direction === 'higherIsBetter' ? 'higher is better' : 'lower is better'}`,
          describeNormalisation(entry.normalisation, language),
          indicator.descriptionEn,
        ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

/** The model as Markdown: title, version, the indicator table and the sources (README-ready). */
export function describeModel(model: ScoringModel, language: Language = 'en'): string {
  const totalWeight = model.indicators.reduce((sum, entry) => sum + entry.weight, 0);
  const zh = language === 'zh';
  const lines = [
    `### ${zh ? model.titleZh : model.titleEn}`,
    '',
    zh
      ? `模型 \`${model.id}\` 版本 ${model.version}，发布于 ${model.publishedOn}。总分 = 100 × Σ(权重 × 指标得分) ÷ Σ适用指标权重；不适用的指标不计入，其余权重按比例放大；缺报的指标得 0 分；截止日前尚未提交年度报告的单位所有指标均不适用，不参与排名（列于末尾）。`
      : `Model \`${model.id}\` version ${model.version}, published ${model.publishedOn}. Score = 100 × Σ(weight × indicator score) ÷ Σ weights of the indicators that apply; an indicator that does not apply is left out and the other weights renormalised; a missing one scores 0; a body that has submitted nothing while its deadline is open has no indicator that applies and is not ranked (listed last).`,
    '',
    zh
      ? '| 指标 | 权重 | 原始值 | 归一化 | 说明 |'
      : '| indicator | weight | raw value | normalisation | definition |',
    '|---|---|---|---|---|',
    ...model.indicators.map((entry) => row(entry, totalWeight, language)),
    '',
    zh ? '依据：' : 'Sources:',
    '',
    ...model.sources.map(
      (source) => `- **${source.title}** — ${source.note}${source.url ? ` (${source.url})` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}
