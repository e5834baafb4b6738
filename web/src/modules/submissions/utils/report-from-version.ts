import { type AnnualReport, emptyReport, isTemplateId, parseReport } from '@gongkai/report-model';

type Organization = { name: string; region?: string | null };

/**
 * A stored report without the organization's name (a blank Excel template filled offline leaves
 * it empty) takes the name and region of the organization it was submitted for.
 */
function withOrganization(json: unknown, organization: Organization): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const stored = (json as { organization?: { name?: unknown; region?: unknown } }).organization;
  if (typeof stored?.name === 'string' && stored.name.trim() !== '') return json;
  return {
    ...json,
    organization: {
      ...stored,
      name: organization.name,
      region: stored?.region ?? organization.region ?? null,
    },
  };
}

/**
 * The canonical report of a stored version, or an empty one of the round's template. Only the
 * name and region of the organization enter a report (the caller may hold a whole API object).
 */
export function reportFromVersion(
  json: unknown,
  round: { year: number; template: string },
  fromApi: Organization,
): { report: AnnualReport; problem: string | null } {
  const organization = { name: fromApi.name, region: fromApi.region ?? null };
  if (json) {
    const parsed = parseReport(withOrganization(json, organization));
    if (parsed.ok) return { report: parsed.report, problem: null };
    const template = isTemplateId(round.template) ? round.template : '2021';
    return {
      report: emptyReport(template, round.year, organization),
      problem: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    };
  }
  const template = isTemplateId(round.template) ? round.template : '2021';
  return { report: emptyReport(template, round.year, organization), problem: null };
}
