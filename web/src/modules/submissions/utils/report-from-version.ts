import { type AnnualReport, emptyReport, isTemplateId, parseReport } from '@gongkai/report-model';

/** The canonical report of a stored version, or an empty one of the round's template. */
export function reportFromVersion(
  json: unknown,
  round: { year: number; template: string },
  organization: { name: string; region?: string | null },
): { report: AnnualReport; problem: string | null } {
  if (json) {
    const parsed = parseReport(json);
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
