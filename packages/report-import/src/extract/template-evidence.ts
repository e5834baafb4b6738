import type { TemplateId } from '@gongkai/report-model';
import type { SourceLine } from '../source-document.types';

const EVIDENCE: readonly {
  readonly template: TemplateId;
  readonly re: RegExp;
  readonly weight?: number;
}[] = [
  {
    template: '2021',
    re: /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|逾期不补正|逾期未按收费通知/,
  },
  {
    template: '2019',
    re: /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|其他对外管理服务事项/,
  },
  {
    template: 'legacy-fujian',
    re: /主动公开文件数|受理政府信息公开申请总数|不予公开答复总数|指标名称/,
  },
  { template: 'legacy-2011', re: /主动公开信息数|受理依申请公开信息总数|否决公开答复数/ },
  // the rows printed tell the two legacy families apart better than the wording
  { template: 'legacy-fujian', re: /上级转交数/, weight: 5 },
  { template: 'legacy-2011', re: /电子邮件申请数|其它形式申请数/, weight: 5 },
];

/**
 * The template a document's tables follow, from the wording of its rows (weighted evidence) and
 * its statistics year; a mismatch between the two, or a pre-2019 table in a later year, is warned
 * about.
 */
export function detectTemplate(
  lines: readonly SourceLine[],
  year: number | null,
  warnings: string[],
): TemplateId {
  const score = new Map<TemplateId, number>();
  for (const line of lines) {
    for (const { template, re, weight } of EVIDENCE) {
      if (re.test(line.text)) score.set(template, (score.get(template) ?? 0) + (weight ?? 1));
    }
  }
  const hasModernTables = lines.some(
    (l) => /本年新收|上年结转|予以公开/.test(l.text) && (l.cells !== null || /\d$/.test(l.text)),
  );
  const byYear: TemplateId | null =
    year === null ? null : year >= 2021 ? '2021' : year >= 2019 ? '2019' : null;
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[0] ?? null;
  if (best === null) {
    if (hasModernTables) return byYear ?? '2021';
    return byYear ?? 'narrative';
  }
  if (byYear !== null && best !== byYear && (best === '2019' || best === '2021')) {
    warnings.push(
      `表格样式为${best}版模板，但统计年度${year}应使用${byYear}版 — the tables follow the ${best} template, the year calls for ${byYear}`,
    );
  }
  if (byYear !== null && (best === 'legacy-fujian' || best === 'legacy-2011')) {
    warnings.push(
      `${year}年度的报告使用了旧式统计表 — a ${year} report uses a pre-2019 statistics table`,
    );
  }
  return best;
}
