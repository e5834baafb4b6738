import type { AnnualReport, FactKey } from '../report/annual-report.types';
import type { Finding } from './finding.types';
import { formatNumber } from './identity';
import type { ReportText } from './report-text';

type Stated = { readonly value: number; readonly quote: string };

const UNIT = '(?:条|件|个|项|份|次)';

/** Patterns for numbers stated in prose, per fact; the first match wins. */
const FACT_PATTERNS: Readonly<Partial<Record<FactKey, readonly RegExp[]>>> = {
  proactiveItems: [/主动公开[^，。；;,\d]{0,14}?(?:共计|共|累计|合计|总计)?(\d+)(?:条|件)/],
  applicationsReceived: [
    /(?:收到|受理|新收|接收)[^，。；;,\d]{0,20}?申请[^，。；;,\d]{0,6}?(?:共计|共)?(\d+)(?:件|条|个|份)/,
    /(?:共|累计)?(?:收到|受理|新收)[^，。；;,\d]{0,6}?(\d+)(?:件|条|个|份)[^，。；;]{0,10}?申请/,
    /(?:没有|未|无)(?:收到|受理)[^。；;]{0,30}?申请/,
    /无依申请公开(?:事项|情况|申请)/,
  ],
  applicationsCompleted: [/(?:办结|答复)[^，。；;,\d]{0,8}?(\d+)(?:件|条|个|份)/],
  applicationsCarriedForward: [
    /(\d+)(?:件|条|个)[^，。；;\d]{0,6}?结转(?:至|到)?下(?:一)?年/,
    /结转下(?:一)?年度?(?:继续办理)?(\d+)(?:件|条|个)/,
  ],
  reviews: [
    /(?:行政)?复议(?:案件|申请)?(?:共|共计)?(\d+)(?:件|起)/,
    /(?:未发生|没有发生|未收到|没有收到|无)[^。；;]{0,30}?行政复议/,
  ],
  lawsuits: [
    /(?:行政)?诉讼(?:案件)?(?:共|共计)?(\d+)(?:件|起)/,
    /(?:未发生|没有发生|未收到|没有收到|无)[^。；;]{0,30}?行政诉讼/,
  ],
};

/** Numbers stated in the prose: `report.facts` first (written by the importer), else found in the text. */
export function statedFacts(
  report: AnnualReport,
  text: ReportText,
): Partial<Record<FactKey, Stated>> {
  const out: Partial<Record<FactKey, Stated>> = {};
  for (const [key, patterns] of Object.entries(FACT_PATTERNS) as [FactKey, readonly RegExp[]][]) {
    const fact = report.facts?.[key];
    if (fact !== undefined && fact !== null) {
      out[key] = { value: fact, quote: '' };
      continue;
    }
    for (const pattern of patterns) {
      const match = pattern.exec(text.all);
      if (!match) continue;
      out[key] = { value: match[1] === undefined ? 0 : Number(match[1]), quote: match[0] };
      break;
    }
  }
  return out;
}

type TableRef = { readonly cells: readonly string[]; readonly zh: string; readonly en: string };

const NATIONAL_REFS: Readonly<Partial<Record<FactKey, TableRef>>> = {
  applicationsReceived: {
    cells: ['applications.newReceived.total'],
    zh: '本年新收申请数',
    en: 'new applications received',
  },
  applicationsCompleted: {
    cells: ['applications.total.total'],
    zh: '办理结果总计',
    en: 'applications handled',
  },
  applicationsCarriedForward: {
    cells: ['applications.carriedForward.total'],
    zh: '结转下年度继续办理数',
    en: 'applications carried forward',
  },
  reviews: { cells: ['reviewLitigation.review.total'], zh: '行政复议总计', en: 'reviews' },
  lawsuits: {
    cells: [
      'reviewLitigation.litigationDirect.total',
      'reviewLitigation.litigationAfterReview.total',
    ],
    zh: '行政诉讼总计',
    en: 'lawsuits',
  },
};

const LEGACY_REFS: Readonly<Partial<Record<FactKey, TableRef>>> = {
  proactiveItems: {
    cells: ['legacyStats.proactiveTotal.year'],
    zh: '主动公开数（本年度）',
    en: 'items proactively disclosed this year',
  },
  applicationsReceived: {
    cells: ['legacyStats.applicationsTotal.year'],
    zh: '受理申请总数（本年度）',
    en: 'applications accepted this year',
  },
  applicationsCompleted: {
    cells: ['legacyStats.responsesTotal.year'],
    zh: '答复总数（本年度）',
    en: 'responses this year',
  },
  reviews: {
    cells: ['legacyStats.administrativeReviews.year'],
    zh: '行政复议数（本年度）',
    en: 'administrative reviews this year',
  },
  lawsuits: {
    cells: ['legacyStats.lawsuits.year'],
    zh: '行政诉讼数（本年度）',
    en: 'lawsuits this year',
  },
};

const FACT_LABELS: Readonly<Record<FactKey, { zh: string; en: string }>> = {
  proactiveItems: { zh: '主动公开信息', en: 'items proactively disclosed' },
  weiboItems: { zh: '政务微博公开信息', en: 'items on Weibo' },
  wechatItems: { zh: '微信公众号公开信息', en: 'items on WeChat' },
  policyInterpretations: { zh: '政策解读', en: 'policy interpretations' },
  applicationsReceived: { zh: '收到申请', en: 'applications received' },
  applicationsCompleted: { zh: '办结申请', en: 'applications completed' },
  applicationsCarriedForward: { zh: '结转下年度申请', en: 'applications carried forward' },
  reviews: { zh: '行政复议', en: 'administrative reviews' },
  lawsuits: { zh: '行政诉讼', en: 'lawsuits' },
};

function tableValue(report: AnnualReport, cells: readonly string[]): number | undefined {
  let sum = 0;
  for (const path of cells) {
    const [table = '', row = '', column = ''] = path.split('.');
    const value = report.tables[table as keyof AnnualReport['tables']]?.[row]?.[column];
    if (value === undefined || value === null) return undefined;
    sum += value;
  }
  return sum;
}

/** text.matchesTable: numbers stated in the prose equal the table. */
export function matchesTableFindings(
  report: AnnualReport,
  stated: Partial<Record<FactKey, Stated>>,
): Finding[] {
  const refs =
    report.template === '2019' || report.template === '2021'
      ? NATIONAL_REFS
      : report.template === 'narrative'
        ? {}
        : LEGACY_REFS;
  const findings: Finding[] = [];
  for (const [key, ref] of Object.entries(refs) as [FactKey, TableRef][]) {
    const fact = stated[key];
    if (!fact) continue;
    const table = tableValue(report, ref.cells);
    if (table === undefined || table === fact.value) continue;
    const label = FACT_LABELS[key];
    const quote = fact.quote === '' ? '' : `（“${fact.quote}”）`;
    findings.push({
      rule: 'text.matchesTable',
      severity: 'warning',
      cells: ref.cells,
      expected: table,
      actual: fact.value,
      message: `正文所述${label.zh}为${fact.value}${quote}，但表格${ref.zh}为${table}`,
      messageEn: `The prose states ${fact.value} ${label.en}, but the table's ${ref.en} is ${table}`,
    });
  }
  return findings;
}

const TOTAL_RE = new RegExp(`(?:共计|共|合计|总计|累计)[^，。；;,\\d]{0,8}?(\\d+)${UNIT}`, 'g');
const SHARE_RE = new RegExp(`(\\d+)${UNIT}[，,]?(?:占|约占)(?:比)?(\\d+(?:\\.\\d+)?)%`, 'g');

/** text.arithmetic: percentages and sums stated in the prose are right. */
export function arithmeticFindings(text: ReportText): Finding[] {
  const findings: Finding[] = [];
  const prose = text.all;
  if (prose.indexOf('%') >= 0) {
    const totals: { index: number; value: number }[] = [];
    for (const match of prose.matchAll(TOTAL_RE)) {
      totals.push({ index: match.index, value: Number(match[1]) });
    }
    const partsByTotal = new Map<number, { sum: number; base: number; quote: string }>();
    for (const match of prose.matchAll(SHARE_RE)) {
      const part = Number(match[1]);
      const percentText = match[2] ?? '0';
      const percent = Number(percentText);
      let base: { index: number; value: number } | undefined;
      for (const total of totals) {
        if (total.index >= match.index) break;
        if (match.index - total.index <= 300) base = total;
      }
      if (!base || base.value === 0) continue;
      const decimals = percentText.includes('.')
        ? percentText.length - percentText.indexOf('.') - 1
        : 0;
      const exact = (part / base.value) * 100;
      const tolerance = 0.5 * 10 ** -decimals + 1e-9;
      if (Math.abs(exact - percent) > tolerance) {
        const rounded = Number(exact.toFixed(Math.max(decimals, 2)));
        findings.push({
          rule: 'text.arithmetic',
          severity: 'warning',
          cells: [],
          expected: rounded,
          actual: percent,
          message: `正文“${match[0]}”：${part}÷${base.value}应为${formatNumber(rounded)}%，而非${percentText}%`,
          messageEn: `"${match[0]}": ${part}/${base.value} is ${formatNumber(rounded)}%, not ${percentText}%`,
        });
      }
      const group = partsByTotal.get(base.index) ?? { sum: 0, base: base.value, quote: match[0] };
      group.sum += part;
      partsByTotal.set(base.index, group);
    }
    for (const group of partsByTotal.values()) {
      if (group.sum <= group.base) continue;
      findings.push({
        rule: 'text.arithmetic',
        severity: 'warning',
        cells: [],
        expected: group.base,
        actual: group.sum,
        message: `正文列举的各分项之和为${group.sum}，超过所述总数${group.base}`,
        messageEn: `The parts listed in the prose add up to ${group.sum}, more than the stated total ${group.base}`,
      });
    }
  }
  // "共收到申请70件，办结69件，1件结转下年度": received = completed + carried forward, in one sentence.
  for (const sentence of prose.split(/[。！？\n]/)) {
    if (
      sentence.indexOf('结转') < 0 ||
      sentence.indexOf('办结') < 0 ||
      sentence.includes('上年结转')
    ) {
      continue;
    }
    const received = /(?:收到|受理|新收)[^，；;,\d]{0,12}?(\d+)(?:件|条|个)/.exec(sentence);
    const completed = /办结[^，；;,\d]{0,6}?(\d+)(?:件|条|个)/.exec(sentence);
    const forward =
      /(\d+)(?:件|条|个)[^，；;\d]{0,6}?结转/.exec(sentence) ??
      /结转[^，；;,\d]{0,10}?(\d+)(?:件|条|个)/.exec(sentence);
    if (!received || !completed || !forward) continue;
    const r = Number(received[1]);
    const c = Number(completed[1]);
    const f = Number(forward[1]);
    if (r === c + f) continue;
    findings.push({
      rule: 'text.arithmetic',
      severity: 'warning',
      cells: [],
      expected: r,
      actual: c + f,
      message: `正文“${sentence.trim()}”：办结${c}件与结转${f}件之和为${c + f}，与收到的${r}件不符`,
      messageEn: `The prose says ${r} received, but ${c} completed + ${f} carried forward = ${c + f}`,
    });
  }
  return findings;
}

const FIRST_PERSON = '(?:我局|我们|我单位|本单位|本机关|我委|我办|我中心|本局|我院|我处|我所)';

/** text.wrongYear: plans for "next year" dated with the report's own year; blank or wrong period; wrong title year. */
export function wrongYearFindings(report: AnnualReport, text: ReportText): Finding[] {
  const findings: Finding[] = [];
  const year = report.year;
  const blank = /统计(?:期限|时限|期间)[^。\d]{0,6}?自\s*(?:年\s*月\s*日)?\s*至/.exec(text.all);
  if (blank) {
    findings.push({
      rule: 'text.wrongYear',
      severity: 'warning',
      cells: ['sections'],
      message: `统计期限空白（“${blank[0]}”）`,
      messageEn: 'The statistics period is blank',
    });
  }
  const period = /统计(?:期限|时限|期间)[^。\d]{0,6}?自\s*(\d{4})\s*年/.exec(text.all);
  if (period && Number(period[1]) !== year) {
    findings.push({
      rule: 'text.wrongYear',
      severity: 'warning',
      cells: ['sections'],
      expected: year,
      actual: Number(period[1]),
      message: `统计期限从${period[1]}年起算，与报告年度${year}年不符`,
      messageEn: `The statistics period starts in ${period[1]}, not in the report year ${year}`,
    });
  }
  const plans = `${text.sections.problems}\n${text.sections.other}`;
  const plan = new RegExp(
    `${year}年度?[，,]?${FIRST_PERSON}?(?:将|计划|拟|要继续|要进一步|力争)`,
  ).exec(plans);
  if (plan) {
    findings.push({
      rule: 'text.wrongYear',
      severity: 'warning',
      cells: ['sections.problems'],
      expected: year + 1,
      actual: year,
      message: `改进计划写作“${plan[0]}”，计划年份应为${year + 1}年`,
      messageEn: `The plans are dated ${year} ("${plan[0]}"); the next year is ${year + 1}`,
    });
  }
  const titleYear = /(\d{4})年度?(?:政府信息公开|政务公开|信息公开)/.exec(text.title);
  if (titleYear && Number(titleYear[1]) !== year) {
    findings.push({
      rule: 'text.wrongYear',
      severity: 'warning',
      cells: ['title'],
      expected: year,
      actual: Number(titleYear[1]),
      message: `标题年份${titleYear[1]}年与报告年度${year}年不符`,
      messageEn: `The title says ${titleYear[1]}, the report year is ${year}`,
    });
  }
  return findings;
}

type Level = '省' | '市' | '州' | '县' | '区' | '旗' | '镇' | '乡';

const BODY_WORD = /(?:局|委员会|委|办公室|办事处|政府|厅|中心|院|所|队|站|处|馆|会)/;
const LEVEL_MARKER = /(省|自治区|市(?!场|民|政)|州|县|区(?!域)|旗|镇|(?<!城)乡(?!村))/g;

/** The administrative level of the body: the last level marker of the region, else of the name's place part. */
export function organizationLevel(report: AnnualReport): Level | undefined {
  const source =
    report.organization.region && report.organization.region.trim() !== ''
      ? report.organization.region
      : report.organization.name.slice(0, Math.max(0, report.organization.name.search(BODY_WORD)));
  let level: Level | undefined;
  for (const match of source.matchAll(LEVEL_MARKER)) {
    const marker = match[1] === '自治区' ? '省' : match[1];
    level = marker as Level;
  }
  return level;
}

/** Peer levels a body never calls itself (county-level peers, township peers, a city body calling itself 我县). */
const FOREIGN_SELF: Readonly<Partial<Record<Level, readonly Level[]>>> = {
  区: ['县', '旗'],
  县: ['区', '旗'],
  旗: ['县', '区'],
  市: ['县', '区', '旗'],
  镇: ['乡'],
  乡: ['镇'],
};

/** text.wrongEntity: the prose names another level ("我县" in a district report). */
export function wrongEntityFindings(report: AnnualReport, text: ReportText): Finding[] {
  const level = organizationLevel(report);
  if (!level) return [];
  const foreign = FOREIGN_SELF[level];
  if (!foreign || foreign.length === 0) return [];
  const pattern = new RegExp(`(?:我|本)(${foreign.join('|')})(?!域|级|委|政府)`, 'g');
  const found = new Map<string, number>();
  for (const match of text.all.matchAll(pattern)) {
    found.set(match[0], (found.get(match[0]) ?? 0) + 1);
  }
  if (found.size === 0) return [];
  const words = [...found.keys()];
  return [
    {
      rule: 'text.wrongEntity',
      severity: 'warning',
      cells: ['sections'],
      actual: [...found.values()].reduce((a, b) => a + b, 0),
      message: `${report.organization.name}为${level}级单位，正文却出现“${words.join('”“')}”，疑似沿用其他单位的报告`,
      messageEn: `${report.organization.name} is a ${level}-level body, but the prose says "${words.join('", "')}" (copied from another body?)`,
    },
  ];
}
