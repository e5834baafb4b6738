import type { AnnualReport } from '../report/annual-report.types';
import type { RuleId } from '../rules/finding.types';
import type { TemplateId } from '../templates/template.types';

/** The server's organization levels; the national root is a `NATION` (it files no report). */
export type NationLevel = 'NATION' | 'PROVINCE' | 'CITY' | 'COUNTY' | 'DEPARTMENT' | 'TOWNSHIP';

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
