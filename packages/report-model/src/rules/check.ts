import type { AnnualReport } from '../report/annual-report.types';
import { TEMPLATE_IDS } from '../templates/template-definitions';
import type { TemplateId } from '../templates/template.types';
import { applicationsIdentities, carryOverIdentities } from './applications.rules';
import {
  feeUnitFindings,
  inForceIdentities,
  previousItemsIdentities,
  totalPublicIdentities,
} from './article20.rules';
import {
  blankCellFindings,
  cellCompleteness,
  overviewTopicFindings,
  sectionFindings,
  templateVersionFindings,
} from './completeness.rules';
import type { Finding, Severity } from './finding.types';
import { SEVERITIES } from './finding.types';
import { type Identity } from './identity';
import {
  compileIdentities,
  evaluateCompiled,
  readCells,
  type CompiledIdentity,
} from './cell-vector';
import { legacyCrossYearIdentities, legacyIdentities } from './legacy.rules';
import { peerFindings, previousYearFindings, type PeerCorpus } from './originality.rules';
import { reportText } from './report-text';
import { reviewLitigationIdentities } from './review-litigation.rules';
import { ruleOrder } from './rule-catalogue';
import { noDedicatedStaffFindings, noTrainingFindings } from './staffing.rules';
import {
  arithmeticFindings,
  matchesTableFindings,
  statedFacts,
  wrongEntityFindings,
  wrongYearFindings,
} from './text.rules';

/** Families of rules; `check` runs all of them unless told otherwise. */
export type RuleGroup =
  'tables' | 'completeness' | 'text' | 'staffing' | 'crossYear' | 'originality';
export const RULE_GROUPS: readonly RuleGroup[] = [
  'tables',
  'completeness',
  'text',
  'staffing',
  'crossYear',
  'originality',
];

export type CheckOptions = {
  /** The same body's report of the previous year: enables the cross-year rules. */
  readonly previous?: AnnualReport;
  /** Other bodies' reports of the round (or a corpus built once with `buildPeerCorpus`). */
  readonly peers?: readonly AnnualReport[] | PeerCorpus;
  /** Run only these rule groups (e.g. `['tables']` while a user types in the form). */
  readonly groups?: readonly RuleGroup[];
};

export type CheckSummary = {
  readonly template: TemplateId;
  readonly year: number;
  readonly organization: string;
  readonly counts: { readonly [S in Severity]: number } & { readonly total: number };
  /** Share of expected cells and required sections that are filled, 0–100 (one decimal). */
  readonly completeness: number;
  readonly cells: { readonly expected: number; readonly filled: number; readonly blank: number };
  readonly sections: { readonly required: number; readonly present: number };
  /** Non-blank cells read by the table rules. */
  readonly cellsChecked: number;
  /** Whether the cross-year rules ran (they are skipped, not failed, without a previous report). */
  readonly crossYear: 'checked' | 'skipped';
  readonly peersCompared: number;
  /** Rule ids with at least one finding. */
  readonly rulesFired: readonly string[];
};

export type CheckResult = {
  readonly summary: CheckSummary;
  readonly findings: readonly Finding[];
};

type CrossYearKey = `${TemplateId}>${TemplateId}`;

const TABLE_PLANS: Readonly<Record<TemplateId, readonly Identity[]>> = Object.freeze(
  Object.fromEntries(TEMPLATE_IDS.map((id) => [id, Object.freeze(tablePlan(id))])) as Record<
    TemplateId,
    readonly Identity[]
  >,
);
const COMPILED_TABLE_PLANS: Readonly<Record<TemplateId, readonly CompiledIdentity[]>> =
  Object.fromEntries(
    TEMPLATE_IDS.map((id) => [id, compileIdentities(TABLE_PLANS[id], id)]),
  ) as unknown as Record<TemplateId, readonly CompiledIdentity[]>;
const CROSS_YEAR_PLANS = new Map<CrossYearKey, readonly Identity[]>();
const COMPILED_CROSS_YEAR_PLANS = new Map<CrossYearKey, readonly CompiledIdentity[]>();

function compiledCrossYearPlan(current: TemplateId, previous: TemplateId) {
  const key: CrossYearKey = `${current}>${previous}`;
  let plan = COMPILED_CROSS_YEAR_PLANS.get(key);
  if (!plan) {
    plan = compileIdentities(crossYearPlan(current, previous), current, previous);
    COMPILED_CROSS_YEAR_PLANS.set(key, plan);
  }
  return plan;
}

function tablePlan(id: TemplateId): Identity[] {
  switch (id) {
    case '2021':
    case '2019':
      return [...applicationsIdentities(id), ...reviewLitigationIdentities()];
    case 'legacy-fujian':
    case 'legacy-2011':
      return legacyIdentities();
    case 'narrative':
      return [];
  }
}

function isNational(id: TemplateId): id is '2019' | '2021' {
  return id === '2019' || id === '2021';
}

function isLegacy(id: TemplateId): boolean {
  return id === 'legacy-fujian' || id === 'legacy-2011';
}

/** The identities comparing a report with the previous one, per pair of templates (cached). */
export function crossYearPlan(current: TemplateId, previous: TemplateId): readonly Identity[] {
  const key: CrossYearKey = `${current}>${previous}`;
  let plan = CROSS_YEAR_PLANS.get(key);
  if (!plan) {
    const identities: Identity[] = [];
    if (isNational(current) && isNational(previous)) identities.push(...carryOverIdentities());
    if (current === '2021' && previous === '2021') identities.push(...inForceIdentities());
    if (current === '2019' && previous === '2019') {
      identities.push(...totalPublicIdentities(), ...previousItemsIdentities());
    }
    if (isLegacy(current) && isLegacy(previous)) identities.push(...legacyCrossYearIdentities());
    plan = Object.freeze(identities);
    CROSS_YEAR_PLANS.set(key, plan);
  }
  return plan;
}

/** The single-report table identities of a template (precomputed once). */
export function tableIdentities(template: TemplateId): readonly Identity[] {
  return TABLE_PLANS[template];
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function sortFindings(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (x, y) =>
        SEVERITY_RANK[x.finding.severity] - SEVERITY_RANK[y.finding.severity] ||
        ruleOrder(x.finding.rule) - ruleOrder(y.finding.rule) ||
        x.index - y.index,
    )
    .map((entry) => entry.finding);
}

/**
 * Runs every rule of the catalogue (except `timeliness.deadline`, see `evaluateDeadline`) on a
 * report. Pure and deterministic: findings are ordered by severity, catalogue order, then cell
 * order of the template.
 */
export function check(report: AnnualReport, options: CheckOptions = {}): CheckResult {
  const groups = options.groups ?? RULE_GROUPS;
  const run = (group: RuleGroup) => groups.includes(group);
  const findings: Finding[] = [];
  const previous =
    options.previous && options.previous.year === report.year - 1 ? options.previous : undefined;

  const vector = readCells(report);
  if (run('tables')) {
    for (const compiled of COMPILED_TABLE_PLANS[report.template]) {
      const finding = evaluateCompiled(compiled, vector, report);
      if (finding) findings.push(finding);
    }
    if (report.template === '2021') findings.push(...feeUnitFindings(report));
  }
  if (run('crossYear') && previous) {
    const previousVector = readCells(previous);
    for (const compiled of compiledCrossYearPlan(report.template, previous.template)) {
      const finding = evaluateCompiled(compiled, vector, report, previousVector, previous);
      if (finding) findings.push(finding);
    }
  }
  const completeness = cellCompleteness(report, vector);
  const requiredSections = isNational(report.template) ? 6 : 0;
  const sectionMisses = sectionFindings(report);
  if (run('completeness')) {
    findings.push(...sectionMisses);
    if (report.template === '2021') findings.push(...overviewTopicFindings(report));
    findings.push(...blankCellFindings(completeness));
    findings.push(...templateVersionFindings(report));
  }
  const needsText = run('text') || run('staffing');
  const text = needsText ? reportText(report) : undefined;
  if (run('text') && text) {
    findings.push(...matchesTableFindings(report, statedFacts(report, text)));
    findings.push(...arithmeticFindings(text));
    findings.push(...wrongYearFindings(report, text));
    findings.push(...wrongEntityFindings(report, text));
  }
  if (run('originality')) {
    if (previous) findings.push(...previousYearFindings(report, previous));
    if (options.peers) findings.push(...peerFindings(report, options.peers));
  }
  if (run('staffing') && text) {
    findings.push(...noDedicatedStaffFindings(report, text));
    findings.push(...noTrainingFindings(report, text));
  }

  const sorted = sortFindings(findings);
  const counts = { error: 0, warning: 0, info: 0, total: sorted.length };
  const fired = new Set<string>();
  for (const finding of sorted) {
    counts[finding.severity] += 1;
    fired.add(finding.rule);
  }
  const presentSections = requiredSections - sectionMisses.length;
  const denominator = completeness.expected + requiredSections;
  const numerator = completeness.filled + presentSections;
  const peersCompared = !options.peers
    ? 0
    : Array.isArray(options.peers)
      ? options.peers.length
      : (options.peers as PeerCorpus).reports.length;
  return {
    summary: {
      template: report.template,
      year: report.year,
      organization: report.organization.name,
      counts,
      completeness: denominator === 0 ? 100 : Math.round((numerator / denominator) * 1000) / 10,
      cells: {
        expected: completeness.expected,
        filled: completeness.filled,
        blank: completeness.blank.length,
      },
      sections: { required: requiredSections, present: presentSections },
      cellsChecked: completeness.filled,
      crossYear: previous ? 'checked' : 'skipped',
      peersCompared,
      rulesFired: [...fired],
    },
    findings: sorted,
  };
}

/** Severities in display order. */
export const SEVERITY_ORDER = SEVERITIES;

/**
 * Cells held by an error equality of the template: changing any one of them alone breaks the
 * template's arithmetic. Other cells (article 20, single legacy rows) stand alone by design.
 */
export function arithmeticallyBoundCells(template: TemplateId): readonly string[] {
  const cells = new Set<string>();
  for (const identity of TABLE_PLANS[template]) {
    if (identity.severity !== 'error' || identity.relation !== 'eq') continue;
    for (const t of [...identity.actual, ...identity.expected]) cells.add(t.path);
  }
  return [...cells];
}
