import type { TemplateId } from '../templates/template.types';
import type { RuleDescriptor, RuleId, RuleScope, Severity } from './finding.types';

const NATIONAL: readonly TemplateId[] = ['2019', '2021'];
const LEGACY: readonly TemplateId[] = ['legacy-fujian', 'legacy-2011'];
const WITH_TABLES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];
const ALL: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011', 'narrative'];

function rule(
  id: RuleId,
  severity: Severity,
  templates: readonly TemplateId[],
  scope: RuleScope,
  appliesTo: string,
  zh: string,
  en: string,
): RuleDescriptor {
  return Object.freeze({ id, severity, templates, scope, appliesTo, description: { zh, en } });
}

/** Every rule of spec §3, in catalogue order (the order findings are sorted in within a severity). */
export const RULE_CATALOGUE: readonly RuleDescriptor[] = Object.freeze([
  rule(
    'applications.balance',
    'error',
    NATIONAL,
    'report',
    '2019, 2021',
    '每一列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理（表中印明的勾稽关系）',
    'For every column: newReceived + carriedOver = total + carriedForward (the identity printed in the table)',
  ),
  rule(
    'applications.rowTotal',
    'error',
    NATIONAL,
    'report',
    '2019, 2021',
    '每一行：自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 总计',
    'For every row: the six applicant columns add up to total',
  ),
  rule(
    'applications.columnTotal',
    'error',
    NATIONAL,
    'report',
    '2019, 2021',
    '每一列：（七）总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理 各项之和',
    'For every column: total = granted + partiallyGranted + Σdenied + Σunavailable + Σunprocessed + Σother',
  ),
  rule(
    'applications.carryOver',
    'warning',
    NATIONAL,
    'cross-year',
    'cross-year',
    '本年“上年结转”应等于上一年度报告的“结转下年度继续办理”',
    "This year's carriedOver equals the previous year's carriedForward, per column",
  ),
  rule(
    'reviewLitigation.groupTotal',
    'error',
    NATIONAL,
    'report',
    '2019, 2021',
    '每一组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计',
    'Per row: upheld + corrected + other + pending = total',
  ),
  rule(
    'article20.inForceRollForward',
    'warning',
    ['2021'],
    'cross-year',
    '2021, cross-year',
    '现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止（规章、行政规范性文件）',
    'inForce = previous inForce + issued − repealed (regulations, normative documents)',
  ),
  rule(
    'article20.totalPublicRollForward',
    'warning',
    ['2019'],
    'cross-year',
    '2019, cross-year',
    '对外公开总数量 = 上年对外公开总数量 + 本年新公开数量',
    'totalPublic = previous totalPublic + published',
  ),
  rule(
    'article20.previousItemsRollForward',
    'warning',
    ['2019'],
    'cross-year',
    '2019, cross-year',
    '上一年项目数量 = 上年报告的上一年项目数量 + 上年报告的本年增/减',
    'previousItems = previous previousItems + previous change',
  ),
  rule(
    'article20.feeUnit',
    'warning',
    ['2021'],
    'report',
    '2021',
    '行政事业性收费金额以万元为单位：小数超过4位或超过100,000万元（10亿元）时提示',
    'fees.amount is in 10k yuan: flagged with more than 4 decimals or above 100,000 (1 billion yuan)',
  ),
  rule(
    'legacy.cumulativeRollForward',
    'warning',
    LEGACY,
    'cross-year',
    'legacy, cross-year',
    '每一行：历年累计 = 上年历年累计 + 本年度',
    'Per row: cumulative = previous cumulative + year',
  ),
  rule(
    'legacy.cumulativeNotBelowYear',
    'error',
    LEGACY,
    'report',
    'legacy',
    '每一行：历年累计不小于本年度；历年累计不得比上年减少',
    'Per row: cumulative ≥ year; cumulative never decreases year on year',
  ),
  rule(
    'legacy.channelsSum',
    'error',
    LEGACY,
    'report',
    'legacy',
    '受理申请总数 = 各申请渠道之和（两列）',
    'applicationsTotal = Σ application channel rows, in both columns',
  ),
  rule(
    'legacy.responsesSum',
    'error',
    LEGACY,
    'report',
    'legacy',
    '答复总数 = 同意公开 + 同意部分公开 + 不予公开 + 其他类型（两列）',
    'responsesTotal = granted + partial + denied + other, in both columns',
  ),
  rule(
    'legacy.responsesNotAboveApplications',
    'warning',
    LEGACY,
    'report',
    'legacy',
    '答复总数不应大于受理申请总数（此类表无结转行）',
    'responsesTotal ≤ applicationsTotal (these tables have no carry-over row)',
  ),
  rule(
    'legacy.proactiveChannels',
    'info',
    LEGACY,
    'report',
    'legacy',
    '主动公开总数不小于其中每一渠道的数量',
    'proactiveTotal ≥ each channel row',
  ),
  rule(
    'completeness.sections',
    'error',
    NATIONAL,
    'report',
    '2019, 2021',
    '六个部分齐全',
    'All six sections present',
  ),
  rule(
    'completeness.overviewTopics',
    'warning',
    ['2021'],
    'report',
    '2021',
    '总体情况应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障',
    'The overview covers proactive disclosure, applications, information management, platforms, supervision',
  ),
  rule(
    'completeness.blankCells',
    'warning',
    WITH_TABLES,
    'report',
    'all with tables',
    '模板的每个单元格都应填写，空白不等于0',
    'Every template cell is present and not blank (a blank is not a zero)',
  ),
  rule(
    'completeness.templateVersion',
    'error',
    ALL,
    'report',
    'all',
    '表格样式应与年度对应的模板一致（2018年及以前旧式，2019—2020年2019版，2021年起2021版）',
    'The table layout matches the template for the year (≤2018 legacy, 2019–2020 → 2019, ≥2021 → 2021)',
  ),
  rule(
    'text.matchesTable',
    'warning',
    ALL,
    'report',
    'all',
    '正文所述数字（收到、办结、结转、复议、诉讼、主动公开条数）应与表格一致',
    'Numbers stated in the prose equal the table',
  ),
  rule(
    'text.arithmetic',
    'warning',
    ALL,
    'report',
    'all',
    '正文中的合计与百分比本身应计算正确',
    'Sums and percentages stated in the prose are right',
  ),
  rule(
    'text.wrongYear',
    'warning',
    ALL,
    'report',
    'all',
    '正文以报告本年度作为“下一年”的计划年份，或统计期限空白、年份不符',
    "The prose plans the next year with the report's own year, or the statistics period is blank or wrong",
  ),
  rule(
    'text.wrongEntity',
    'warning',
    ALL,
    'report',
    'all',
    '正文提到其他机关或其他层级（如区级报告中出现“我县”）',
    'The prose names another body or level (e.g. 我县 in a district report)',
  ),
  rule(
    'originality.previousYear',
    'warning',
    ALL,
    'cross-year',
    'cross-year',
    '正文与本机关上一年度报告的相似度超过50%',
    "Prose similarity to the same body's previous report above 50%",
  ),
  rule(
    'originality.peer',
    'warning',
    ALL,
    'round',
    'round',
    '正文与同年度其他单位报告的相似度超过50%',
    "Prose similarity to another body's report of the same year above 50%",
  ),
  rule(
    'staffing.noDedicatedStaff',
    'warning',
    ALL,
    'report',
    'all',
    '无专职工作人员，或正文表明仅由兼职人员承担',
    'No dedicated staff, or the prose says only part-time staff do the work',
  ),
  rule(
    'staffing.noTraining',
    'info',
    ALL,
    'report',
    'all',
    '未开展或未说明业务培训',
    'No training, or none stated',
  ),
  rule(
    'timeliness.deadline',
    'warning',
    ALL,
    'server',
    'server',
    '发布或报送晚于本轮截止日期（法定：部门1月31日，政府3月31日）',
    "Published or submitted after the round's deadline (statutory: 31 January for departments, 31 March for governments)",
  ),
]);

const BY_ID = new Map(
  RULE_CATALOGUE.map((descriptor, index) => [descriptor.id, { descriptor, index }]),
);

export function getRule(id: RuleId): RuleDescriptor {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown rule ${id}`);
  return entry.descriptor;
}

/** Position of a rule in the catalogue (used to order findings). */
export function ruleOrder(id: RuleId): number {
  return BY_ID.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
}
