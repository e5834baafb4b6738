import type { SectionKey, TableId, TemplateId } from '../templates/template.types';

export const REPORT_FORMAT = 'gongkai/annual-report@1';

/** A number as printed, or null when the report leaves the cell blank (a blank is not a zero). */
export type CellValue = number | null;
/** row key → column key → value. Absent keys are cells the report does not print. */
export type TableData = { readonly [row: string]: { readonly [column: string]: CellValue } };
export type ReportTables = { readonly [T in TableId]?: TableData };

export type Organization = {
  readonly name: string;
  /** 某省某市某县; null when unknown. */
  readonly region?: string | null;
};

export type ReportSections = { readonly [K in SectionKey]: string | null };

/** Facts about the disclosure office; null = not stated. */
export type Staffing = {
  readonly leadingGroup?: boolean | null;
  readonly dedicatedStaff?: number | null;
  readonly partTimeStaff?: number | null;
  readonly trainings?: number | null;
};

export const FACT_KEYS = [
  'proactiveItems',
  'weiboItems',
  'wechatItems',
  'policyInterpretations',
  'applicationsReceived',
  'applicationsCompleted',
  'applicationsCarriedForward',
  'reviews',
  'lawsuits',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
/** Numbers stated in the prose (e.g. 全年主动公开政府信息373条 → proactiveItems: 373). */
export type Facts = { readonly [K in FactKey]?: number | null };

export type ProvenanceEntry = {
  readonly line?: number;
  readonly confidence?: number;
  readonly source?: string;
};

/** The canonical annual report (spec `report-format.md` §1). */
export type AnnualReport = {
  readonly format: typeof REPORT_FORMAT;
  readonly template: TemplateId;
  /** The statistics year (not the publication year). */
  readonly year: number;
  readonly organization: Organization;
  readonly title?: string | null;
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  readonly publishedOn?: string | null;
  readonly sections: ReportSections;
  readonly tables: ReportTables;
  /** Units printed for a cell, keyed by cell path (e.g. `article20.fees.amount: 万元`). */
  readonly units?: { readonly [cellPath: string]: string };
  readonly staffing?: Staffing;
  readonly facts?: Facts;
  /** Where each value came from (written by the importer), keyed by cell path or field. */
  readonly provenance?: { readonly [path: string]: ProvenanceEntry };
};
