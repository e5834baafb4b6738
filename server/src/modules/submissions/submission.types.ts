import type { AnnualReport } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import type { OrganizationRow } from '../organizations';
import type { SubmissionVersionRow, VersionSource } from './submission-version.entity';
import type { SubmissionRow, SubmissionStatus } from './submission.entity';

export type SaveDraftInput = {
  submissionId: string;
  expectedRevision: number;
  report: unknown;
  autosave?: boolean | null;
};

export type SubmissionFilter = {
  roundId?: string | null;
  withinId?: string | null;
  organizationId?: string | null;
  statuses?: SubmissionStatus[] | null;
  /** Only reports whose counting version (submitted, else the latest draft) has this finding. */
  rule?: string | null;
};

/** What `transition` changes besides the status, inside the same transaction. */
export type TransitionHook = (
  manager: EntityManager,
  submission: SubmissionRow,
  organization: OrganizationRow,
) => Promise<Record<string, unknown> | void>;

/** One row per expected organization: the set-based read used by stats, scoring and exports. */
export type RosterSubmission = {
  organization: OrganizationRow;
  submission: SubmissionRow | null;
  /** The version under review or approved (submitted), else the latest draft. */
  version: SubmissionVersionRow | null;
  deadline: string;
  extended: boolean;
};

/** Every column of a version but the report JSON (fetched on demand by `versionReportLoader`). */
export const VERSION_WITHOUT_REPORT = {
  id: true,
  submissionId: true,
  number: true,
  source: true,
  findings: true,
  summary: true,
  errorCount: true,
  warningCount: true,
  infoCount: true,
  gapCount: true,
  contentHash: true,
  previousYearVersionId: true,
  fileId: true,
  importWarnings: true,
  createdById: true,
  createdAt: true,
} as const;

export function findingKey(finding: { rule: string; cells: readonly string[] }): string {
  return `${finding.rule}|${finding.cells.join(',')}`;
}

export type NewVersion = {
  report: AnnualReport;
  source: VersionSource;
  fileId?: string | null;
  importWarnings?: string[] | null;
  /** More data for the audit event (an imported file's name). */
  auditData?: Record<string, unknown>;
};
