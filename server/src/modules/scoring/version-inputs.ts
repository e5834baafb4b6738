import {
  DEFAULT_KEY_TOTALS,
  INDICATOR_CATALOGUE,
  INDICATOR_IDS,
  flagOrdinals,
  keyTotalsOf,
  reportFlags,
  resolveStaffing,
  type Flag,
  type IndicatorId,
  type Measurement,
  type RosterSummary,
  type ScoringInput,
  type StaffingFacts,
} from '@gongkai/scoring';
import type { AnnualReport, Finding } from '@gongkai/report-model';
import { createHash } from 'node:crypto';

/**
 * Scoring inputs of one submission version, computed once by `@gongkai/scoring` when the
 * version is stored: everything the indicators and flags read from the report, its findings
 * and last year's report that does not depend on the scoring instant. What does depend on it
 * (days late, a report missing once the deadline has passed) is decided at query time from the
 * stored dates (`ranking.sql.ts`).
 */

/**
 * Version of this computation. Rows written by an older one are recomputed by the backfill
 * job; bump it whenever what `versionScoringInputs` stores changes (a new indicator, a new
 * key total, a changed indicator).
 */
export const INPUTS_VERSION = 2;

/** A measurement that does not depend on the instant: the value. */
export const STORED_VALUE = 1;
/** There should be something to judge and there is not: scores 0. */
export const STORED_MISSING = 2;
/** Nothing to judge: the indicator's weight goes to the others. */
export const STORED_NOT_APPLICABLE = 3;
/** Not applicable while the deadline is open, missing once it has passed. */
export const STORED_ABSENT = 4;
/** Read from the submission's dates at query time (timeliness), not from the version. */
export const STORED_BY_DATES = 5;

export type StoredStatus =
  | typeof STORED_VALUE
  | typeof STORED_MISSING
  | typeof STORED_NOT_APPLICABLE
  | typeof STORED_ABSENT
  | typeof STORED_BY_DATES;

/** Indicators that read the submission's dates rather than the report. */
export const DATE_INDICATORS: ReadonlySet<IndicatorId> = new Set<IndicatorId>(['timeliness']);

/** Position of each catalogue indicator in the stored arrays (`INDICATOR_IDS` order). */
export const MEASURE_INDEX: Readonly<Record<IndicatorId, number>> = Object.fromEntries(
  INDICATOR_IDS.map((id, i) => [id, i]),
) as Record<IndicatorId, number>;

/**
 * A flag that reads nothing but the version (`reportFlags`), without the organization, with
 * its place among the organization's flags (`flagOrdinals`).
 */
export type StoredFlag = Omit<Flag, 'organizationId'> & { readonly ordinal: number };

/** What the store keeps of one version. */
export type VersionScoringInputs = {
  readonly inputsVersion: number;
  /** One per catalogue indicator (`INDICATOR_IDS` order). */
  readonly statuses: StoredStatus[];
  /** The raw value where the status is STORED_VALUE, else null. */
  readonly values: (number | null)[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** `DEFAULT_KEY_TOTALS` of the report, for the peer-band flags. */
  readonly keyTotals: (number | null)[];
  /** Last year's version compared with, and its finding counts. */
  readonly previousVersionId: string | null;
  readonly previousErrors: number | null;
  readonly previousWarnings: number | null;
  /** Content facts: the same non-blank prose / the same tables as last year's report. */
  readonly sameProse: boolean | null;
  readonly sameTables: boolean | null;
  /** Staffing facts stated in the report's prose (the roster, when there is one, wins). */
  readonly staffing: StaffingFacts;
  /** Content flags and year-on-year outliers of the version (`reportFlags`). */
  readonly flags: StoredFlag[];
  /** sha1 of everything above (base64url): equal digests score and flag alike. */
  readonly digest: string;
};

/** What `versionScoringInputs` needs to know about a version (see `VERSION_SOURCE_SQL`). */
export type VersionSource = {
  readonly report: AnnualReport;
  readonly findings: readonly Finding[];
  /** Last year's report as the flags read it (`scoredReports`), null when none. */
  readonly previousReport: AnnualReport | null;
  readonly previousVersionId: string | null;
  readonly previousErrors: number | null;
  readonly previousWarnings: number | null;
  readonly sameProse: boolean | null;
  readonly sameTables: boolean | null;
};

// A deadline and two instants around it: a measurement that changes between them depends on
// whether the deadline has passed.
const DEADLINE = '2000-01-31T23:59:59.999+08:00';
const BEFORE = { asOfMs: Date.parse('2000-01-01T00:00:00+08:00') };
const AFTER = { asOfMs: Date.parse('2000-03-01T00:00:00+08:00') };

function classify(before: Measurement, after: Measurement): [StoredStatus, number | null] {
  if (before.status === 'value' && after.status === 'value' && before.value === after.value)
    return [STORED_VALUE, before.value];
  if (before.status === 'missing' && after.status === 'missing') return [STORED_MISSING, null];
  if (before.status === 'notApplicable' && after.status === 'notApplicable')
    return [STORED_NOT_APPLICABLE, null];
  if (before.status === 'notApplicable' && after.status === 'missing') return [STORED_ABSENT, null];
  throw new Error(
    `a measurement changes with the instant in a way the store cannot hold (${before.status} → ${after.status})`,
  );
}

/** Every catalogue indicator measured on `input`, as stored (timeliness by dates). */
export function storedMeasures(input: ScoringInput): {
  statuses: StoredStatus[];
  values: (number | null)[];
} {
  const statuses: StoredStatus[] = [];
  const values: (number | null)[] = [];
  const probe: ScoringInput = { ...input, deadline: DEADLINE, submission: null, roster: null };
  for (const id of INDICATOR_IDS) {
    if (DATE_INDICATORS.has(id)) {
      statuses.push(STORED_BY_DATES);
      values.push(null);
      continue;
    }
    const measure = INDICATOR_CATALOGUE[id].measure;
    const [status, value] = classify(measure(probe, BEFORE), measure(probe, AFTER));
    statuses.push(status);
    values.push(value);
  }
  return { statuses, values };
}

/**
 * What an organization without a submitted version measures, per indicator (timeliness by
 * dates), with or without last year's finding counts: the same computation on an input with
 * no report, so the package decides it.
 */
export function absentMeasures(hasPreviousCounts: boolean): StoredStatus[] {
  return storedMeasures({
    organizationId: '',
    peerGroup: '',
    regionPath: [],
    deadline: DEADLINE,
    submission: null,
    report: null,
    findings: [],
    previous: { findingCounts: hasPreviousCounts ? { error: 0, warning: 0 } : null, report: null },
    roster: null,
  }).statuses.map((status) => {
    if (status === STORED_VALUE) throw new Error('an indicator measures a value without a report');
    return status;
  });
}

/** The scoring inputs of a version, computed by `@gongkai/scoring`. */
export function versionScoringInputs(source: VersionSource): VersionScoringInputs {
  const input: ScoringInput = {
    organizationId: '',
    peerGroup: '',
    regionPath: [],
    deadline: DEADLINE,
    submission: null,
    report: source.report,
    findings: source.findings,
    previous: {
      findingCounts:
        source.previousVersionId === null
          ? null
          : { error: source.previousErrors ?? 0, warning: source.previousWarnings ?? 0 },
      report: source.previousReport,
    },
    roster: null,
  };
  const { statuses, values } = storedMeasures(input);
  let errorCount = 0;
  let warningCount = 0;
  for (const finding of source.findings) {
    if (finding.severity === 'error') errorCount += 1;
    else if (finding.severity === 'warning') warningCount += 1;
  }
  const keyTotals = [...(keyTotalsOf(input, DEFAULT_KEY_TOTALS)?.totals ?? [])];
  const staffing = resolveStaffing(input);
  const raised = reportFlags(input);
  const ordinals = flagOrdinals(raised);
  const flags = raised.map((flag, i): StoredFlag => ({
    ordinal: ordinals[i] as number,
    id: flag.id,
    severity: flag.severity,
    message: flag.message,
    messageEn: flag.messageEn,
    evidence: flag.evidence,
  }));
  const stored = {
    inputsVersion: INPUTS_VERSION,
    statuses,
    values,
    errorCount,
    warningCount,
    keyTotals,
    previousVersionId: source.previousVersionId,
    previousErrors: source.previousVersionId === null ? null : (source.previousErrors ?? 0),
    previousWarnings: source.previousVersionId === null ? null : (source.previousWarnings ?? 0),
    sameProse: source.sameProse,
    sameTables: source.sameTables,
    staffing,
    flags,
  };
  const digest = createHash('sha1').update(JSON.stringify(stored)).digest('base64url');
  return { ...stored, digest };
}

/**
 * The staffing measure of an organization whose roster the roster module summarised: measured
 * by the package on the roster and the prose facts stored with the submitted version (the
 * roster's own facts win; leading group and trainings fall back to the prose).
 */
export function rosterStaffingMeasure(
  prose: StaffingFacts | null,
  roster: RosterSummary,
): [StoredStatus, number | null] {
  const report =
    prose === null
      ? null
      : ({
          staffing: {
            dedicatedStaff: prose.dedicatedStaff,
            partTimeStaff: prose.partTimeStaff,
            leadingGroup: prose.leadingGroup,
            trainings: prose.trainings,
          },
        } as unknown as AnnualReport);
  const probe: ScoringInput = {
    organizationId: '',
    peerGroup: '',
    regionPath: [],
    deadline: DEADLINE,
    submission: null,
    report,
    findings: [],
    roster,
  };
  const measure = INDICATOR_CATALOGUE.staffing.measure;
  return classify(measure(probe, BEFORE), measure(probe, AFTER));
}

/** A version's inputs as the columns of `version_scoring_inputs` (the row's own ids aside). */
export function inputColumns(inputs: VersionScoringInputs) {
  return {
    inputs_version: inputs.inputsVersion,
    statuses: inputs.statuses,
    vals: inputs.values,
    error_count: inputs.errorCount,
    warning_count: inputs.warningCount,
    key_totals: inputs.keyTotals,
    previous_version_id: inputs.previousVersionId,
    previous_errors: inputs.previousErrors,
    previous_warnings: inputs.previousWarnings,
    same_prose: inputs.sameProse,
    same_tables: inputs.sameTables,
    staffing: inputs.staffing,
    flags: inputs.flags,
    digest: inputs.digest,
  };
}
