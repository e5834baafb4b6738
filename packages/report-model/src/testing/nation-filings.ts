import type { AnnualReport, ReportTables } from '../report/annual-report.types';
import type { TemplateId } from '../templates/template.types';
import { type Rng } from './generate-report';
import { mutableCopy, withCellDelta } from './mutable';
import { type NationDefect, type NationLevel, type NationStatus } from './nation.types';

export function isGovernment(level: NationLevel): boolean {
  return level === 'PROVINCE' || level === 'CITY' || level === 'COUNTY';
}

/** An instant in Beijing time, `days` after (or before, negative) the end of `deadline`'s day. */
export function around(deadline: string, days: number, rng: Rng): string {
  const end = Date.parse(`${deadline}T16:00:00Z`); // 24:00 Beijing time of the deadline day
  const offset = days * 86_400_000 - (1 + Math.floor(rng() * 10 * 3_600_000));
  return new Date(end + offset).toISOString();
}

export type Carry = { template: TemplateId; tables: ReportTables; year: number };

export function applyDefect(
  report: AnnualReport,
  defect: NationDefect,
  rng: Rng,
  donor: AnnualReport | undefined,
): AnnualReport {
  switch (defect) {
    case 'arithmetic':
      return withCellDelta(report, 'applications.total.natural', 1 + Math.floor(rng() * 5));
    case 'carryOver':
      return withCellDelta(report, 'applications.carriedOver.natural', 1 + Math.floor(rng() * 3));
    case 'blanks': {
      const copy = mutableCopy(report);
      const rows = copy.tables.applications as Record<string, Record<string, number | null>>;
      for (const row of ['granted', 'partlyGranted', 'notProcessed'])
        if (rows[row]) for (const column of Object.keys(rows[row])) rows[row][column] = null;
      return copy as AnnualReport;
    }
    case 'missingSection': {
      const copy = mutableCopy(report);
      (copy.sections as Record<string, string | null>).problems = null;
      return copy as AnnualReport;
    }
    case 'noTraining': {
      const copy = mutableCopy(report);
      copy.staffing = { ...copy.staffing, trainings: 0 };
      copy.sections.overview = (copy.sections.overview ?? '').replace(
        /全年参加业务培训\d+次，/,
        '',
      );
      return copy as AnnualReport;
    }
    case 'copyPaste': {
      const copy = mutableCopy(report);
      if (donor) copy.sections = mutableCopy(donor).sections;
      return copy as AnnualReport;
    }
    case 'wrongTemplate':
      return report; // generated with the other template by the caller
  }
}

/** Statuses of a closed year: most approved or published, a few returned, drafts or missing. */
export function closedStatus(rng: Rng): NationStatus | null {
  const r = rng();
  if (r < 0.03) return null;
  if (r < 0.05) return 'DRAFT';
  if (r < 0.09) return 'RETURNED';
  if (r < 0.12) return 'SUBMITTED';
  return r < 0.65 ? 'APPROVED' : 'PUBLISHED';
}

/** The year being collected: many still at work. */
export function openStatus(rng: Rng): NationStatus | null {
  const r = rng();
  if (r < 0.1) return null;
  if (r < 0.25) return 'DRAFT';
  if (r < 0.3) return 'RETURNED';
  if (r < 0.65) return 'SUBMITTED';
  return r < 0.95 ? 'APPROVED' : 'PUBLISHED';
}
