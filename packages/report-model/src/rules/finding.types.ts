import type { TemplateId } from '../templates/template.types';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One problem found in a report (spec §3). */
export type Finding = {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Cell paths (`table.row.column`) or fields (`sections.other`, `staffing.trainings`) involved. */
  readonly cells: readonly string[];
  readonly expected?: number;
  readonly actual?: number;
  /** zh-CN */
  readonly message: string;
  readonly messageEn: string;
};

export type RuleId =
  | 'applications.balance'
  | 'applications.rowTotal'
  | 'applications.columnTotal'
  | 'applications.carryOver'
  | 'reviewLitigation.groupTotal'
  | 'article20.inForceRollForward'
  | 'article20.totalPublicRollForward'
  | 'article20.previousItemsRollForward'
  | 'article20.feeUnit'
  | 'legacy.cumulativeRollForward'
  | 'legacy.cumulativeNotBelowYear'
  | 'legacy.channelsSum'
  | 'legacy.responsesSum'
  | 'legacy.responsesNotAboveApplications'
  | 'legacy.proactiveChannels'
  | 'completeness.sections'
  | 'completeness.overviewTopics'
  | 'completeness.blankCells'
  | 'completeness.templateVersion'
  | 'text.matchesTable'
  | 'text.arithmetic'
  | 'text.wrongYear'
  | 'text.wrongEntity'
  | 'originality.previousYear'
  | 'originality.peer'
  | 'staffing.noDedicatedStaff'
  | 'staffing.noTraining'
  | 'timeliness.deadline';

/** When a rule can be evaluated. */
export type RuleScope =
  /** on the report alone */
  | 'report'
  /** needs the same body's previous-year report; skipped without one */
  | 'cross-year'
  /** needs the other reports of the round (peers) */
  | 'round'
  /** evaluated by the server (needs the round's deadline and submission time) */
  | 'server';

export type RuleDescriptor = {
  readonly id: RuleId;
  readonly severity: Severity;
  /** Templates the rule applies to. */
  readonly templates: readonly TemplateId[];
  readonly scope: RuleScope;
  /** As written in the spec's "applies to" column. */
  readonly appliesTo: string;
  readonly description: { readonly zh: string; readonly en: string };
};
