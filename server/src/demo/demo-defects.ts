import type { AnnualReport } from '@gongkai/report-model';
import { mutableCopy, type Rng, withCellDelta } from '@gongkai/report-model/testing';

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Realistic defects that leave the report submittable (warnings), or that block it (errors). */
export function withWarnings(
  rng: Rng,
  report: AnnualReport,
  previous: AnnualReport | undefined,
): AnnualReport {
  const r = mutableCopy(report);
  const roll = rng();
  if (roll < 0.12 && previous) {
    // copy-paste: last year's prose with this year's numbers
    r.sections.overview = previous.sections.overview;
    r.sections.problems = previous.sections.problems;
    r.sections.proactive = previous.sections.proactive;
  } else if (roll < 0.22) {
    r.staffing = { ...r.staffing, dedicatedStaff: 0, partTimeStaff: 1 };
    r.sections.other = `${r.sections.other ?? ''}本单位信息公开工作由1名兼职工作人员完成。`;
  } else if (roll < 0.3) {
    r.staffing = { ...r.staffing, trainings: 0 };
  } else if (roll < 0.38) {
    const facts = { ...r.facts };
    facts.proactiveItems = (facts.proactiveItems ?? 100) + 17;
    r.facts = facts;
    r.sections.overview = (r.sections.overview ?? '').replace(
      /全年主动公开政府信息\d+条/,
      `全年主动公开政府信息${facts.proactiveItems}条`,
    );
  } else if (roll < 0.45) {
    const tables = r.tables as Record<string, Record<string, Record<string, number | null>>>;
    const row = tables.reviewLitigation?.litigationAfterReview;
    if (row) row.pending = null;
  } else if (roll < 0.5) {
    r.sections.problems = '一是思想认识有待提高；二是工作机制有待完善；三是队伍建设有待加强。';
  }
  return r;
}

export function withError(rng: Rng, report: AnnualReport): AnnualReport {
  const path = pick(rng, [
    'applications.newReceived.natural',
    'applications.granted.total',
    'reviewLitigation.review.total',
  ]);
  return withCellDelta(report, path, 1 + Math.floor(rng() * 3));
}
