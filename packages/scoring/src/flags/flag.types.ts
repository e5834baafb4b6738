import type { Severity } from '../report.types';

export const FLAG_IDS = [
  'timeliness.notSubmitted',
  'timeliness.late',
  'timeliness.returnedNotResubmitted',
  'originality.unchanged',
  'staffing.noDedicatedStaff',
  'staffing.noLeadingGroup',
  'staffing.noTraining',
  'staffing.postVacant',
  'staffing.noFullTime',
  'staffing.rosterNotUpdated',
  'staffing.proseRosterMismatch',
  'findings.openErrors',
  'completeness.blankCells',
  'outlier.yearOnYear',
  'outlier.peerBand',
] as const;
export type FlagId = (typeof FLAG_IDS)[number];

export type EvidenceValue = string | number | boolean | null | readonly string[];

/** A gap a supervisor should follow up, with the facts that raised it. */
export type Flag = {
  readonly id: FlagId;
  readonly severity: Severity;
  readonly organizationId: string;
  /** zh-CN */
  readonly message: string;
  readonly messageEn: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
};

export type FlagDescriptor = {
  readonly id: FlagId;
  readonly severity: Severity;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
};
