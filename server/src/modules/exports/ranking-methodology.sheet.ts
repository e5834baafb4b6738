import { formatShanghaiMinute } from '@gongkai/report-model';
import { type CellValue, type XlsxWorkbookWriter } from '@gongkai/office';
import { describeNormalisation, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { sourceZh } from './methodology-zh';
import { NO_PREVIOUS_NOTE, type RankingSheetMeta } from './ranking-columns';
import { BOLD, METHODOLOGY_SHEET, printSetup, rowHeight } from './ranking-workbook.layout';

/**
 * A description without the rule ids it cites for experts (`（applications.*、legacy.*）`,
 * `（originality.*，0–1）` → `（0–1）`): the methodology sheet is for readers of Chinese.
 */
export function withoutRuleIds(text: string): string {
  return text
    .replace(/[a-zA-Z][a-zA-Z0-9]*\.(?:\*|[a-zA-Z][a-zA-Z0-9.]*)[、，,]?\s*/g, '')
    .replace(/[（(]\s*[）)]/g, '')
    .replace(/（[，、\s]+/g, '（')
    .replace(/[，、\s]+）/g, '）');
}

/** The methodology sheet: the model, its weights and normalisations, its sources. */
export async function writeMethodology(
  book: XlsxWorkbookWriter,
  meta: RankingSheetMeta,
  rowCount: number,
): Promise<void> {
  const wrap = book.styles.cellStyle({ alignment: { vertical: 'top', wrapText: true } });
  const top = book.styles.cellStyle({ alignment: { vertical: 'top' } });
  const sheet = await book.addSheet(METHODOLOGY_SHEET, {
    columns: [
      { width: 24, style: wrap },
      { width: 10, style: top },
      { width: 10, style: top },
      { width: 12, style: top },
      { width: 80, style: wrap },
    ],
    ...printSetup(meta, METHODOLOGY_SHEET),
  });
  const bold = book.styles.cellStyle({ font: BOLD });
  const wraps = [24, null, null, null, 80];
  // a paragraph alone in the first cell runs on across the empty cells beside it
  const paragraph = book.styles.cellStyle({ alignment: { vertical: 'top' } });
  const add = async (values: CellValue[], isBold = false): Promise<void> => {
    const alone = values.length === 1;
    const height = alone ? undefined : rowHeight(values, wraps);
    await sheet.addRow(values, alone && !isBold ? [paragraph] : undefined, {
      ...(isBold ? { style: bold } : {}),
      ...(height ? { height } : {}),
    });
  };
  const minute = (iso: string | null): string | null => (iso ? formatShanghaiMinute(iso) : null);
  const model = meta.model;
  await add(['评分方法与数据来源'], true);
  await add(['评分模型', model.titleZh]);
  await add(['模型版本', model.version]);
  await add(['发布日期', model.publishedOn]);
  await add(['同类比较范围', model.peerScope === 'all' ? '全体' : '同类组内']);
  await add(['计分时点', minute(meta.asOf)]);
  await add(['生成时间', minute(meta.generatedAt.toISOString())]);
  await add(['排名单位数', rowCount]);
  if (meta.snapshot) {
    await add(['排名快照', meta.snapshot.title]);
    await add(['快照编号', meta.snapshot.id]);
    await add(['快照状态', meta.snapshot.status === 'PUBLISHED' ? '已发布' : '已冻结']);
    await add(['冻结时间', minute(meta.snapshot.frozenAt)]);
    await add(['发布时间', minute(meta.snapshot.publishedAt) ?? '未发布']);
    await add([
      '数据是否已变化',
      meta.snapshot.stale ? `是：${meta.snapshot.staleReason ?? ''}` : '否',
    ]);
  } else {
    await add(['排名快照', '无（实时数据）']);
  }
  await add([
    '与上年比较依据',
    meta.previous
      ? `${meta.previous.title}（发布于 ${minute(meta.previous.publishedAt) ?? '—'}）`
      : NO_PREVIOUS_NOTE,
  ]);
  await add([]);
  await add([
    '总分 = 100 × Σ(权重 × 指标得分) ÷ Σ 适用指标权重；不适用的指标不计入，缺报的指标得 0 分。',
  ]);
  await add([]);
  await add(['指标', '权重', '占比', '方向', '归一化与说明'], true);
  const total = model.indicators.reduce((sum, entry) => sum + entry.weight, 0);
  for (const entry of model.indicators) {
    const indicator = INDICATOR_CATALOGUE[entry.indicatorId];
    await add([
      indicator.labelZh,
      entry.weight,
      total > 0 ? `${((100 * entry.weight) / total).toFixed(1)}%` : null,
      entry.direction === 'higherIsBetter' ? '越高越好' : '越低越好',
      `${describeNormalisation(entry.normalisation, 'zh')}；${withoutRuleIds(indicator.descriptionZh)}`,
    ]);
  }
  await add([]);
  await add(['依据与来源'], true);
  for (const source of model.sources) {
    const zh = sourceZh(source);
    await add([zh.title, null, null, null, zh.note]);
  }
  await sheet.end();
}
