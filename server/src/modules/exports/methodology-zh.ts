import type { ModelSource } from '@gongkai/scoring';

/**
 * Chinese wording of the default model's sources, keyed by the title the model stores (models
 * saved before the sheet was Chinese-only keep their English notes; the sheet prints these).
 */
const DEFAULT_SOURCES_ZH: Readonly<Record<string, { title: string; note: string }>> = {
  '《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号）第四十六至五十条': {
    title: '《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号）第四十六至五十条',
    note: '第四十九条：部门于1月31日前、政府于3月31日前报送并公开上一年度报告 → 及时性；第五十条：报告应含内容 → 完整性；第四十六至四十八条：考核、评议、责任追究与定期业务培训 → 人员配备。',
  },
  '国办公开办函〔2021〕30号 / 国办公开办函〔2019〕60号（年度报告格式）': {
    title: '国办公开办函〔2021〕30号 / 国办公开办函〔2019〕60号（年度报告格式）',
    note: '统计表及表中印明的勾稽关系 → 数据勾稽；六个规定部分 → 完整性。',
  },
  'Local assessment schemes for the annual report (one city’s third-party assessment: 15/100 points; a district index: 10/100)':
    {
      title: '各地年度报告考核办法（某市第三方评估占15分/100分；某区指数占10分/100分）',
      note: '未报送、逾期公开、缺少规定要素、与上年或其他单位报告雷同、退回后未按时整改、数据严重不符均扣分 → 及时性、完整性、数据勾稽、正文与表格一致、原创性。',
    },
  'Evaluators’ findings on copy-paste reports': {
    title: '评估机构关于照搬照抄报告的发现',
    note: '有报告与上年相同达90%；各地对与上年相似度超过50%或与其他单位雷同的报告扣分 → 原创性分档为0.5、0.7和0.9。',
  },
  'Wider government-transparency indices (主动公开 ~40%, 依申请公开 ~25%, …)': {
    title: '政务公开综合指数（主动公开约占40%，依申请公开约占25%，……）',
    note: '依申请公开中，每一件被行政复议纠错或行政诉讼败诉的答复均扣分 → 复议纠错与诉讼败诉（按件）；办理结果与积压 → 申请公开率与结转积压，在同类组内比较。',
  },
  '考核细则：“明确专门机构、专职人员，加强学习交流和业务培训，每年不少于1次”': {
    title: '考核细则：“明确专门机构、专职人员，加强学习交流和业务培训，每年不少于1次”',
    note: '人员配备计分项 → 人员配备（专职人员、领导小组、每年至少一次培训；有花名册的按花名册核对必设岗位）。',
  },
};

/** A source of a model in Chinese: the default model's own wording, else as the model states it. */
export function sourceZh(source: ModelSource): { title: string; note: string } {
  return (
    (Object.prototype.hasOwnProperty.call(DEFAULT_SOURCES_ZH, source.title)
      ? DEFAULT_SOURCES_ZH[source.title]
      : undefined) ?? { title: source.title, note: source.note }
  );
}
