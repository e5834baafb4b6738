/**
 * A synthetic nation for load tests and benchmarks: bodies in a realistic hierarchy (a national
 * root → provinces → cities → counties → departments and townships, each government with its own
 * departments) × years of reports from `generateConsistentReport` (carry-overs continue last
 * year's), with realistic filing distributions (most on time, some late, some missing, drafts and
 * returns) and injected defects recorded in a manifest. Pure and deterministic from a seed.
 */
import type { AnnualReport } from '../report/annual-report.types';
import { createRng, generateConsistentReport } from './generate-report';
import { generateNationBodies } from './nation-bodies';
import {
  type Carry,
  applyDefect,
  around,
  closedStatus,
  isGovernment,
  openStatus,
} from './nation-filings';
import {
  NATION_DEFECT_KINDS,
  NATION_DEFECTS,
  type NationBody,
  type NationDefect,
  type NationFiling,
  type NationManifestEntry,
  type NationOptions,
  nationDeadlines,
  nationTemplate,
} from './nation.types';

export * from './nation.types';
export { generateNationBodies } from './nation-bodies';

/**
 * The nation: `bodies()` and, year by year (oldest first), the filings of that year. A year's
 * filings are generated on demand — only each body's tables of the year before are kept — so a
 * national run does not hold 840,000 reports in memory. Calling `filings(year)` for the years in
 * order is required (each continues the one before); the manifest grows as they are generated.
 */
export class SyntheticNation {
  readonly years: readonly number[];
  readonly bodies: readonly NationBody[];
  readonly manifest: NationManifestEntry[] = [];
  private readonly carry = new Map<string, Carry>();
  private next = 0;
  private readonly defectRate: number;
  private readonly seed: number;

  constructor(readonly options: NationOptions) {
    if (!Number.isInteger(options.bodies) || options.bodies < 1)
      throw new Error('bodies must be a positive whole number');
    if (!Number.isInteger(options.years) || options.years < 1 || options.years > 30)
      throw new Error('years must be a whole number from 1 to 30');
    const rate = options.defectRate ?? 0.05;
    if (!(rate >= 0 && rate <= 1)) throw new Error('defectRate must be between 0 and 1');
    this.defectRate = rate;
    this.seed = options.seed ?? 1;
    const last = options.lastYear ?? 2025;
    this.years = Array.from({ length: options.years }, (_, i) => last - options.years + 1 + i);
    this.bodies = generateNationBodies(options);
  }

  /** The reporting bodies (everything but the national root). */
  get reporting(): NationBody[] {
    return this.bodies.filter((b) => b.reports);
  }

  /** Whether `year` is the last one (the round still open). */
  isOpen(year: number): boolean {
    return year === this.years[this.years.length - 1];
  }

  /** Every filing of the next year in order; bodies that file nothing that year are absent. */
  *filings(year: number): Generator<NationFiling> {
    if (this.years[this.next] !== year)
      throw new Error(
        `filings of ${this.years[this.next] ?? 'no more years'} come next, not ${year}`,
      );
    this.next += 1;
    const rng = createRng((this.seed * 7919 + year * 104_729) >>> 0);
    const template = nationTemplate(year);
    const deadlines = nationDeadlines(year);
    const open = this.isOpen(year);
    // a few earlier filings of the year, whose prose a copy-paste defect reuses
    const donors: { code: string; report: AnnualReport }[] = [];
    for (const body of this.bodies) {
      if (!body.reports) continue;
      const status = open ? openStatus(rng) : closedStatus(rng);
      const previous = this.carry.get(body.code);
      const organization = { name: body.name, region: body.region };
      const clean = generateConsistentReport(rng, template, year, {
        organization,
        ...(previous ? { previous: previous as unknown as AnnualReport } : {}),
      });
      if (status === null) {
        // missing this year: the next year continues from the last one filed
        continue;
      }
      const defects: NationDefect[] = [];
      if (rng() < this.defectRate) {
        const choices = NATION_DEFECT_KINDS.filter(
          (d) =>
            (d !== 'carryOver' || previous?.year === year - 1) &&
            (d !== 'copyPaste' || donors.length),
        );
        defects.push(choices[Math.floor(rng() * choices.length)]!);
      }
      let report = clean;
      let copiedFrom: string | undefined;
      for (const defect of defects) {
        if (defect === 'wrongTemplate') {
          report = generateConsistentReport(rng, template === '2021' ? '2019' : '2021', year, {
            organization,
          });
        } else {
          const donor =
            defect === 'copyPaste' ? donors[Math.floor(rng() * donors.length)] : undefined;
          if (donor) copiedFrom = donor.code;
          report = applyDefect(report, defect, rng, donor?.report);
        }
      }
      // the stored report is what next year's carry-over is checked against, except for the
      // defects that changed no carried figure
      const chain = defects.includes('wrongTemplate') ? report : clean;
      this.carry.set(body.code, { template: chain.template, tables: chain.tables, year });
      if (donors.length < 64 && !defects.length && rng() < 0.02)
        donors.push({ code: body.code, report: clean });
      const government = isGovernment(body.level);
      const deadline = government ? deadlines.government : deadlines.department;
      const late = status !== 'DRAFT' && rng() < (open ? 0.05 : 0.08);
      const submittedAt =
        status === 'DRAFT'
          ? null
          : around(deadline, late ? 1 + Math.floor(rng() * 40) : -Math.floor(rng() * 25), rng);
      for (const defect of defects)
        this.manifest.push({
          body: body.code,
          year,
          defect,
          rule: NATION_DEFECTS[defect],
          ...(copiedFrom && defect === 'copyPaste' ? { copiedFrom } : {}),
        });
      yield {
        bodyCode: body.code,
        year,
        status,
        submittedAt,
        late,
        report,
        defects,
        ...(copiedFrom ? { copiedFrom } : {}),
      };
    }
  }
}
