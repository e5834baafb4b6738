/**
 * A synthetic nation for load tests and benchmarks: bodies in a realistic hierarchy (a national
 * root → provinces → cities → counties → departments and townships, each government with its own
 * departments) × years of reports from `generateConsistentReport` (carry-overs continue last
 * year's), with realistic filing distributions (most on time, some late, some missing, drafts and
 * returns) and injected defects recorded in a manifest. Pure and deterministic from a seed.
 */
import type { AnnualReport, ReportTables } from '../report/annual-report.types';
import type { RuleId } from '../rules/finding.types';
import type { TemplateId } from '../templates/template.types';
import { createRng, generateConsistentReport, type Rng } from './generate-report';
import { mutableCopy, withCellDelta } from './mutable';

export type NationLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'DEPARTMENT' | 'TOWNSHIP';

/** One organization of the hierarchy; parents come before their children. */
export type NationBody = {
  readonly code: string;
  readonly name: string;
  readonly level: NationLevel;
  readonly parentCode: string | null;
  readonly kind: string | null;
  readonly peerGroup: string | null;
  readonly region: string | null;
  /** Whether it files a report (the national root does not). */
  readonly reports: boolean;
};

export type NationStatus = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'PUBLISHED';

/** The defects a filing may carry, each with the rule that must find it. */
export const NATION_DEFECTS = {
  /** A column's total is off by a few (table arithmetic). */
  arithmetic: 'applications.rowTotal',
  /** Last year's carried-forward count is not this year's carried-over one. */
  carryOver: 'applications.carryOver',
  /** The prose is another body's report of the same year. */
  copyPaste: 'originality.peer',
  /** Outcome cells left blank. */
  blanks: 'completeness.blankCells',
  /** The template of another period. */
  wrongTemplate: 'completeness.templateVersion',
  /** A required section missing. */
  missingSection: 'completeness.sections',
  /** No training held. */
  noTraining: 'staffing.noTraining',
} as const satisfies Record<string, RuleId>;

export type NationDefect = keyof typeof NATION_DEFECTS;

export const NATION_DEFECT_KINDS = Object.keys(NATION_DEFECTS) as NationDefect[];

/** One body's report of one year, as it is to be stored. */
export type NationFiling = {
  readonly bodyCode: string;
  readonly year: number;
  readonly status: NationStatus;
  /** First submission (ISO instant), null for drafts. */
  readonly submittedAt: string | null;
  readonly late: boolean;
  readonly report: AnnualReport;
  readonly defects: readonly NationDefect[];
  /** The body whose prose a `copyPaste` filing copied. */
  readonly copiedFrom?: string;
};

/** One line of the manifest: the body and year that carries a defect, and the rule that finds it. */
export type NationManifestEntry = {
  readonly body: string;
  readonly year: number;
  readonly defect: NationDefect;
  readonly rule: RuleId;
  readonly copiedFrom?: string;
};

export type NationOptions = {
  /** Reporting bodies (the national root, which does not report, comes on top). */
  readonly bodies: number;
  readonly years: number;
  readonly seed?: number;
  /** Share of filings with an injected defect (0–1, default 0.05). */
  readonly defectRate?: number;
  /** The last statistics year (default 2025); the first is `lastYear - years + 1`. */
  readonly lastYear?: number;
  /** Prefix of every organization code (default `N`). */
  readonly codePrefix?: string;
};

/** Deadlines of a year's round (Asia/Shanghai days, inclusive), as the statute sets them. */
export function nationDeadlines(year: number): { department: string; government: string } {
  return { department: `${year + 1}-01-31`, government: `${year + 1}-03-31` };
}

/** The template prescribed for a statistics year (the national templates since 2019). */
export function nationTemplate(year: number): TemplateId {
  return year >= 2021 ? '2021' : '2019';
}

const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['FGW', '发展和改革委员会'],
  ['JYJ', '教育局'],
  ['KJJ', '科学技术局'],
  ['GXJ', '工业和信息化局'],
  ['GAJ', '公安局'],
  ['MZJ', '民政局'],
  ['SFJ', '司法局'],
  ['CZJ', '财政局'],
  ['RSJ', '人力资源和社会保障局'],
  ['ZRZYJ', '自然资源局'],
  ['STHJJ', '生态环境局'],
  ['ZJJ', '住房和城乡建设局'],
  ['JTJ', '交通运输局'],
  ['SLJ', '水利局'],
  ['NYJ', '农业农村局'],
  ['SWJ', '商务局'],
  ['WLJ', '文化和旅游局'],
  ['WJW', '卫生健康委员会'],
  ['TYJ', '退役军人事务局'],
  ['YJJ', '应急管理局'],
  ['SJJ', '审计局'],
  ['SCJ', '市场监督管理局'],
  ['TJJ', '统计局'],
  ['YBJ', '医疗保障局'],
  ['LYJ', '林业局'],
  ['CGJ', '城市管理局'],
  ['XFJ', '信访局'],
  ['XZSP', '行政审批局'],
  ['JGSW', '机关事务管理局'],
  ['RFB', '人民防空办公室'],
];

// Two-character place names, clearly fictional: first × second syllable, by index.
const FIRST = '青河东南北西平永长清安宁新兴云金石龙凤白碧桃柳梅松竹兰丰嘉华瑞和福泰康';
const SECOND = '川原林山湖阳江岭泉溪城州丘峰池川源台田坪桥湾洲口港塘亭岗滩浦';

function placeName(index: number): string {
  const a = FIRST[index % FIRST.length] ?? '青';
  const b = SECOND[Math.floor(index / FIRST.length) % SECOND.length] ?? '川';
  const round = Math.floor(index / (FIRST.length * SECOND.length));
  return round === 0 ? `${a}${b}` : `${a}${b}${round + 1}`;
}

function between(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

/**
 * The hierarchy: `bodies` reporting organizations under one national root. Provinces hold 8–14
 * cities, cities 5–12 counties and districts; each government has 18–30 departments of the
 * usual kinds, counties 3–8 townships. Generation stops at exactly `bodies` reporting bodies.
 */
export function generateNationBodies(options: NationOptions): NationBody[] {
  const rng = createRng((options.seed ?? 1) ^ 0x5eed);
  const prefix = options.codePrefix ?? 'N';
  const out: NationBody[] = [];
  let reporting = 0;
  let places = 0;
  const full = () => reporting >= options.bodies;
  const add = (body: NationBody) => {
    if (body.reports) {
      if (full()) return false;
      reporting += 1;
    }
    out.push(body);
    return true;
  };
  add({
    code: prefix,
    name: '全国',
    level: 'PROVINCE',
    parentCode: null,
    kind: null,
    peerGroup: null,
    region: null,
    reports: false,
  });
  const departments = (
    parentCode: string,
    place: string,
    region: string,
    tier: '省级' | '市级' | '县级',
  ) => {
    const kinds = [...DEPARTMENTS];
    for (let drop = between(rng, 0, 12); drop > 0; drop -= 1)
      kinds.splice(Math.floor(rng() * kinds.length), 1);
    for (const [code, suffix] of kinds)
      if (
        !add({
          code: `${parentCode}-${code}`,
          name: `${place}${suffix}`,
          level: 'DEPARTMENT',
          parentCode,
          kind: suffix,
          peerGroup: `${tier}${suffix}`,
          region,
          reports: true,
        })
      )
        return;
  };
  for (let p = 1; !full(); p += 1) {
    const provinceName = `${placeName(places++)}省`;
    const pCode = `${prefix}-P${p}`;
    add({
      code: pCode,
      name: `${provinceName}人民政府`,
      level: 'PROVINCE',
      parentCode: prefix,
      kind: null,
      peerGroup: '省级政府',
      region: provinceName,
      reports: true,
    });
    departments(pCode, provinceName, provinceName, '省级');
    const cities = between(rng, 8, 14);
    for (let c = 1; c <= cities && !full(); c += 1) {
      const cityName = `${placeName(places++)}市`;
      const cCode = `${pCode}-C${c}`;
      const cityRegion = `${provinceName}${cityName}`;
      add({
        code: cCode,
        name: `${cityName}人民政府`,
        level: 'CITY',
        parentCode: pCode,
        kind: null,
        peerGroup: '地级市政府',
        region: cityRegion,
        reports: true,
      });
      departments(cCode, cityName, cityRegion, '市级');
      const counties = between(rng, 5, 12);
      for (let k = 1; k <= counties && !full(); k += 1) {
        const countyName = `${placeName(places++)}${rng() < 0.4 ? '区' : '县'}`;
        const kCode = `${cCode}-K${k}`;
        const countyRegion = `${cityRegion}${countyName}`;
        add({
          code: kCode,
          name: `${cityName}${countyName}人民政府`,
          level: 'COUNTY',
          parentCode: cCode,
          kind: null,
          peerGroup: '县级政府',
          region: countyRegion,
          reports: true,
        });
        departments(kCode, countyName, countyRegion, '县级');
        const towns = between(rng, 3, 8);
        for (let t = 1; t <= towns && !full(); t += 1) {
          const street = rng() < 0.35;
          add({
            code: `${kCode}-T${t}`,
            name: `${countyName}${placeName(places++)}${street ? '街道' : rng() < 0.3 ? '乡' : '镇'}`,
            level: 'TOWNSHIP',
            parentCode: kCode,
            kind: street ? '街道办事处' : '乡镇人民政府',
            peerGroup: '乡镇（街道）',
            region: countyRegion,
            reports: true,
          });
        }
      }
    }
  }
  return out;
}

function isGovernment(level: NationLevel): boolean {
  return level === 'PROVINCE' || level === 'CITY' || level === 'COUNTY';
}

/** An instant in Beijing time, `days` after (or before, negative) the end of `deadline`'s day. */
function around(deadline: string, days: number, rng: Rng): string {
  const end = Date.parse(`${deadline}T16:00:00Z`); // 24:00 Beijing time of the deadline day
  const offset = days * 86_400_000 - (1 + Math.floor(rng() * 10 * 3_600_000));
  return new Date(end + offset).toISOString();
}

type Carry = { template: TemplateId; tables: ReportTables; year: number };

function applyDefect(
  report: AnnualReport,
  defect: NationDefect,
  rng: Rng,
  donor: AnnualReport | undefined,
): AnnualReport {
  switch (defect) {
    case 'arithmetic':
      return withCellDelta(report, 'applications.total.natural', 1 + Math.floor(rng() * 5));
    case 'carryOver':
      return withCellDelta(report, 'applications.carriedOver.natural', 1 + Math.floor(rng() * 3));
    case 'blanks': {
      const copy = mutableCopy(report);
      const rows = copy.tables.applications as Record<string, Record<string, number | null>>;
      for (const row of ['granted', 'partlyGranted', 'notProcessed'])
        if (rows[row]) for (const column of Object.keys(rows[row])) rows[row][column] = null;
      return copy as AnnualReport;
    }
    case 'missingSection': {
      const copy = mutableCopy(report);
      (copy.sections as Record<string, string | null>).problems = null;
      return copy as AnnualReport;
    }
    case 'noTraining': {
      const copy = mutableCopy(report);
      copy.staffing = { ...copy.staffing, trainings: 0 };
      copy.sections.overview = (copy.sections.overview ?? '').replace(
        /全年参加业务培训\d+次，/,
        '',
      );
      return copy as AnnualReport;
    }
    case 'copyPaste': {
      const copy = mutableCopy(report);
      if (donor) copy.sections = mutableCopy(donor).sections;
      return copy as AnnualReport;
    }
    case 'wrongTemplate':
      return report; // generated with the other template by the caller
  }
}

/** Statuses of a closed year: most approved or published, a few returned, drafts or missing. */
function closedStatus(rng: Rng): NationStatus | null {
  const r = rng();
  if (r < 0.03) return null;
  if (r < 0.05) return 'DRAFT';
  if (r < 0.09) return 'RETURNED';
  if (r < 0.12) return 'SUBMITTED';
  return r < 0.65 ? 'APPROVED' : 'PUBLISHED';
}

/** The year being collected: many still at work. */
function openStatus(rng: Rng): NationStatus | null {
  const r = rng();
  if (r < 0.1) return null;
  if (r < 0.25) return 'DRAFT';
  if (r < 0.3) return 'RETURNED';
  if (r < 0.65) return 'SUBMITTED';
  return r < 0.95 ? 'APPROVED' : 'PUBLISHED';
}

/**
 * The nation: `bodies()` and, year by year (oldest first), the filings of that year. A year's
 * filings are generated on demand — only each body's tables of the year before are kept — so a
 * national run does not hold 840,000 reports in memory. Calling `filings(year)` for the years in
 * order is required (each continues the one before); the manifest grows as they are generated.
 */
export class SyntheticNation {
  readonly years: readonly number[];
  readonly bodies: readonly NationBody[];
  readonly manifest: NationManifestEntry[] = [];
  private readonly carry = new Map<string, Carry>();
  private next = 0;
  private readonly defectRate: number;
  private readonly seed: number;

  constructor(readonly options: NationOptions) {
    if (!Number.isInteger(options.bodies) || options.bodies < 1)
      throw new Error('bodies must be a positive whole number');
    if (!Number.isInteger(options.years) || options.years < 1 || options.years > 30)
      throw new Error('years must be a whole number from 1 to 30');
    const rate = options.defectRate ?? 0.05;
    if (!(rate >= 0 && rate <= 1)) throw new Error('defectRate must be between 0 and 1');
    this.defectRate = rate;
    this.seed = options.seed ?? 1;
    const last = options.lastYear ?? 2025;
    this.years = Array.from({ length: options.years }, (_, i) => last - options.years + 1 + i);
    this.bodies = generateNationBodies(options);
  }

  /** The reporting bodies (everything but the national root). */
  get reporting(): NationBody[] {
    return this.bodies.filter((b) => b.reports);
  }

  /** Whether `year` is the last one (the round still open). */
  isOpen(year: number): boolean {
    return year === this.years[this.years.length - 1];
  }

  /** Every filing of the next year in order; bodies that file nothing that year are absent. */
  *filings(year: number): Generator<NationFiling> {
    if (this.years[this.next] !== year)
      throw new Error(
        `filings of ${this.years[this.next] ?? 'no more years'} come next, not ${year}`,
      );
    this.next += 1;
    const rng = createRng((this.seed * 7919 + year * 104_729) >>> 0);
    const template = nationTemplate(year);
    const deadlines = nationDeadlines(year);
    const open = this.isOpen(year);
    // a few earlier filings of the year, whose prose a copy-paste defect reuses
    const donors: { code: string; report: AnnualReport }[] = [];
    for (const body of this.bodies) {
      if (!body.reports) continue;
      const status = open ? openStatus(rng) : closedStatus(rng);
      const previous = this.carry.get(body.code);
      const organization = { name: body.name, region: body.region };
      const clean = generateConsistentReport(rng, template, year, {
        organization,
        ...(previous ? { previous: previous as unknown as AnnualReport } : {}),
      });
      if (status === null) {
        // missing this year: the next year continues from the last one filed
        continue;
      }
      const defects: NationDefect[] = [];
      if (rng() < this.defectRate) {
        const choices = NATION_DEFECT_KINDS.filter(
          (d) =>
            (d !== 'carryOver' || previous?.year === year - 1) &&
            (d !== 'copyPaste' || donors.length),
        );
        defects.push(choices[Math.floor(rng() * choices.length)]!);
      }
      let report = clean;
      let copiedFrom: string | undefined;
      for (const defect of defects) {
        if (defect === 'wrongTemplate') {
          report = generateConsistentReport(rng, template === '2021' ? '2019' : '2021', year, {
            organization,
          });
        } else {
          const donor =
            defect === 'copyPaste' ? donors[Math.floor(rng() * donors.length)] : undefined;
          if (donor) copiedFrom = donor.code;
          report = applyDefect(report, defect, rng, donor?.report);
        }
      }
      // the stored report is what next year's carry-over is checked against, except for the
      // defects that changed no carried figure
      const chain = defects.includes('wrongTemplate') ? report : clean;
      this.carry.set(body.code, { template: chain.template, tables: chain.tables, year });
      if (donors.length < 64 && !defects.length && rng() < 0.02)
        donors.push({ code: body.code, report: clean });
      const government = isGovernment(body.level);
      const deadline = government ? deadlines.government : deadlines.department;
      const late = status !== 'DRAFT' && rng() < (open ? 0.05 : 0.08);
      const submittedAt =
        status === 'DRAFT'
          ? null
          : around(deadline, late ? 1 + Math.floor(rng() * 40) : -Math.floor(rng() * 25), rng);
      for (const defect of defects)
        this.manifest.push({
          body: body.code,
          year,
          defect,
          rule: NATION_DEFECTS[defect],
          ...(copiedFrom && defect === 'copyPaste' ? { copiedFrom } : {}),
        });
      yield {
        bodyCode: body.code,
        year,
        status,
        submittedAt,
        late,
        report,
        defects,
        ...(copiedFrom ? { copiedFrom } : {}),
      };
    }
  }
}
