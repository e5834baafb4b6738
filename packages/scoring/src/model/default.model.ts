import type { ScoringModel } from './scoring-model.types';

/**
 * The default model: an annual-report quality score out of 100, built from the deductions that
 * published assessment schemes apply (see `sources`). Weights add up to 100 for readability;
 * indicators that do not apply to a body are left out and the rest renormalised.
 */
export const DEFAULT_MODEL: ScoringModel = {
  id: 'gongkai-default',
  version: '1.0.0',
  publishedOn: '2025-01-15',
  titleZh: '政府信息公开工作年度报告质量评分（默认模型）',
  titleEn: 'Annual disclosure report quality score (default model)',
  peerScope: 'peerGroup',
  indicators: [
    {
      indicatorId: 'timeliness',
      weight: 20,
      direction: 'lowerIsBetter',
      normalisation: {
        kind: 'bands',
        breaks: [0, 3, 7, 15, 30],
        scores: [1, 0.8, 0.6, 0.4, 0.2, 0],
      },
    },
    {
      indicatorId: 'completeness',
      weight: 15,
      direction: 'lowerIsBetter',
      normalisation: {
        kind: 'bands',
        breaks: [0, 2, 5, 10, 20],
        scores: [1, 0.8, 0.6, 0.4, 0.2, 0],
      },
    },
    {
      indicatorId: 'arithmetic',
      weight: 15,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'bands', breaks: [0, 1, 3, 6], scores: [1, 0.6, 0.3, 0.1, 0] },
    },
    {
      indicatorId: 'textAgreement',
      weight: 10,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'bands', breaks: [0, 1, 3], scores: [1, 0.6, 0.3, 0] },
    },
    {
      indicatorId: 'originality',
      weight: 15,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'bands', breaks: [0.5, 0.7, 0.9], scores: [1, 0.6, 0.3, 0] },
    },
    {
      indicatorId: 'staffing',
      weight: 10,
      direction: 'higherIsBetter',
      normalisation: { kind: 'linear', min: 0, max: 1 },
    },
    {
      indicatorId: 'correctedDecisions',
      weight: 7,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'bands', breaks: [0, 1, 2], scores: [1, 0.5, 0.2, 0] },
    },
    {
      indicatorId: 'applicationsBacklog',
      weight: 3,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'minMax' },
    },
    {
      indicatorId: 'applicationsGranted',
      weight: 3,
      direction: 'higherIsBetter',
      normalisation: { kind: 'percentile' },
    },
    {
      indicatorId: 'improvement',
      weight: 2,
      direction: 'higherIsBetter',
      normalisation: { kind: 'linear', min: -1, max: 1 },
    },
  ],
  sources: [
    {
      title: '《中华人民共和国政府信息公开条例》（2019年修订，国务院令第711号）第四十六至五十条',
      note: 'Art. 49: departments submit and publish the previous year’s report by 31 January (governments by 31 March) → timeliness. Art. 50: the required contents → completeness. Arts. 46–48: assessment, appraisal, accountability and regular staff training → staffing.',
    },
    {
      title: '国办公开办函〔2021〕30号 / 国办公开办函〔2019〕60号（年度报告格式）',
      note: 'The statistical tables and their printed identities → arithmetic integrity; the six required sections → completeness.',
    },
    {
      title:
        'Local assessment schemes for the annual report (one city’s third-party assessment: 15/100 points; a district index: 10/100)',
      note: 'Deductions for not filing, late publication, missing required elements, a report identical to last year’s or to other units’, returned and not corrected in time, and serious data mismatch → timeliness, completeness, arithmetic, text–table agreement, originality.',
    },
    {
      title: 'Evaluators’ findings on copy-paste reports',
      note: 'Reports found 90% identical to the previous year’s; local schemes deduct above 50% similarity to last year or 雷同 with other units → originality bands at 0.5, 0.7 and 0.9.',
    },
    {
      title: 'Wider government-transparency indices (主动公开 ~40%, 依申请公开 ~25%, …)',
      note: 'In 依申请公开, each decision corrected in 行政复议 or lost in 行政诉讼 costs points → corrected decisions (per case); handling outcomes and backlog → applications granted and backlog, compared within the peer group.',
    },
    {
      title: '考核细则：“明确专门机构、专职人员，加强学习交流和业务培训，每年不少于1次”',
      note: 'A scored staffing item → staffing (dedicated staff, leading group, at least one training a year; required posts from the roster where kept).',
    },
  ],
};
