import type { FactKey, Staffing } from '@gongkai/report-model';
import type { SourceLine } from '../source-document.types';
import { parseCount } from '../text/normalize-text';

export type FoundValue<T> = {
  readonly value: T;
  readonly line?: number;
  readonly confidence: number;
};

export type ProseFacts = {
  readonly facts: Partial<Record<FactKey, FoundValue<number>>>;
  readonly staffing: { [K in keyof Staffing]-?: FoundValue<NonNullable<Staffing[K]>> | null };
  readonly warnings: readonly string[];
};

const N = '(\\d+|[一二两三四五六七八九十]{1,3})';
const GAP = (n: number, extra = ''): string => `[^。;；\\d${extra}]{0,${n}}?`;

type Pattern = { readonly re: RegExp; readonly value?: number; readonly confidence?: number };

const FACT_PATTERNS: Readonly<Record<FactKey, readonly Pattern[]>> = {
  proactiveItems: [{ re: new RegExp(`主动公开${GAP(15, ',，')}(\\d+)\\s*条`) }],
  weiboItems: [{ re: new RegExp(`微博${GAP(20)}(\\d+)\\s*条`) }],
  wechatItems: [{ re: new RegExp(`微信${GAP(40)}(\\d+)\\s*条`) }],
  policyInterpretations: [
    { re: new RegExp(`解读${GAP(10, ',，、')}(\\d+)\\s*[条篇次件]`) },
    { re: new RegExp(`(\\d+)\\s*[条篇次件]${GAP(4, ',，、')}(?:政策)?解读`) },
  ],
  applicationsReceived: [
    { re: new RegExp(`(?:收到|受理|接到)${GAP(20, ',，')}申请${GAP(6, ',，')}(\\d+)\\s*[件个条]`) },
    { re: new RegExp(`(?:收到|受理|接到)${GAP(6, ',，')}(\\d+)\\s*[件个条]${GAP(12, ',，')}申请`) },
    {
      re: /(?:没有|未|无)(?:收到|受理|接到|有)?[^。]{0,25}?(?:提出|申请)[^。]{0,12}?申请/,
      value: 0,
    },
    { re: /无依申请公开(?:事项|情况|政府信息)/, value: 0 },
  ],
  applicationsCompleted: [{ re: new RegExp(`办结${GAP(6, ',，')}(\\d+)\\s*件`) }],
  applicationsCarriedForward: [{ re: new RegExp(`(\\d+)\\s*件${GAP(6, ',，')}结转`) }],
  reviews: [
    { re: new RegExp(`行政复议${GAP(8, ',，')}(\\d+)\\s*[件起]`) },
    { re: /(?:未发生|没有发生|未有|无)[^。]{0,30}?行政复议/, value: 0 },
  ],
  lawsuits: [
    { re: new RegExp(`行政诉讼${GAP(8, ',，')}(\\d+)\\s*[件起]`) },
    { re: /(?:未发生|没有发生|未有|无)[^。]{0,40}?行政诉讼/, value: 0 },
  ],
};

function firstMatch(
  lines: readonly SourceLine[],
  patterns: readonly Pattern[],
): FoundValue<number> | null {
  for (const pattern of patterns) {
    for (const line of lines) {
      const hit = pattern.re.exec(line.text);
      if (!hit) continue;
      const value = pattern.value ?? parseCount(hit[1] ?? '');
      if (value !== null) {
        return { value, line: line.location.line, confidence: pattern.confidence ?? 0.9 };
      }
    }
  }
  return null;
}

/** Numbers and staffing facts stated in the prose (never in table rows). */
export function extractProseFacts(prose: readonly SourceLine[]): ProseFacts {
  const warnings: string[] = [];
  const facts: Partial<Record<FactKey, FoundValue<number>>> = {};
  for (const key of Object.keys(FACT_PATTERNS) as FactKey[]) {
    const found = firstMatch(prose, FACT_PATTERNS[key]);
    if (found) facts[key] = found;
  }

  let leadingGroup: FoundValue<boolean> | null = null;
  for (const line of prose) {
    if (/(?:未|没有)(?:成立|建立|设立)[^。]{0,20}领导小组/.test(line.text)) {
      leadingGroup = { value: false, line: line.location.line, confidence: 0.9 };
      break;
    }
    if (/(?:成立|建立|调整|组建|设立|充实)[^。]{0,80}?领导小组/.test(line.text)) {
      leadingGroup = { value: true, line: line.location.line, confidence: 0.9 };
      break;
    }
  }

  const dedicatedStaff = firstMatch(prose, [
    { re: new RegExp(`${N}\\s*名专职`) },
    { re: new RegExp(`专职(?:工作)?人员${N}\\s*名`) },
    { re: /(?:没有|无|未配备|未设|缺少|缺乏)专职/, value: 0 },
    { re: /(?:均|都|全部)?(?:为|是|由)兼职(?:人员|工作人员)/, value: 0, confidence: 0.6 },
    {
      re: /(?:明确|配备|落实|安排)(?:了)?[^。，,]{0,20}?专职(?:工作)?人员/,
      value: 1,
      confidence: 0.5,
    },
  ]);
  if (dedicatedStaff && dedicatedStaff.confidence === 0.5) {
    warnings.push(
      `第${dedicatedStaff.line ?? '?'}行提到专职工作人员但未写人数，按1人记录（请核实） — dedicated staff mentioned without a count; recorded as 1`,
    );
  }
  const partTimeStaff = firstMatch(prose, [
    { re: new RegExp(`${N}\\s*名兼职`) },
    { re: new RegExp(`兼职(?:工作)?人员${N}\\s*名`) },
  ]);
  const trainings = firstMatch(prose, [
    { re: new RegExp(`培训${GAP(6, ',，')}${N}\\s*[次期场]`) },
    { re: new RegExp(`${N}\\s*[次期场](?:专题|业务|集中)?(?:[^。，,]{0,4})?培训`) },
  ]);
  return {
    facts,
    staffing: { leadingGroup, dedicatedStaff, partTimeStaff, trainings },
    warnings,
  };
}
