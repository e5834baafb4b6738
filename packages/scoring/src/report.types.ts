/** The report-model types this package reads (canonical report and findings, spec §1 and §3). */
export type { AnnualReport, Finding, Severity } from '@gongkai/report-model';
