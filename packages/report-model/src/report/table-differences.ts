import type { TemplateId } from '../templates/template.types';
import { cellPaths } from '../templates/template-definitions';
import type { AnnualReport, CellValue } from './annual-report.types';
import { getCell } from './empty-report';

/** A table cell whose value differs between two reports of one template. */
export type CellDifference = {
  readonly path: string;
  readonly left: CellValue;
  readonly right: CellValue;
};

/** Money cells are compared to four decimals (万元), counts exactly. */
function same(a: CellValue, b: CellValue): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 5e-5;
}

/**
 * The table cells of a template whose values differ between two reports (a blank against a
 * number counts), in template order. Cells neither report prints are skipped.
 */
export function tableDifferences(
  template: TemplateId,
  left: AnnualReport,
  right: AnnualReport,
): CellDifference[] {
  const out: CellDifference[] = [];
  for (const path of cellPaths(template)) {
    const a = getCell(left, path);
    const b = getCell(right, path);
    if (a === undefined && b === undefined) continue;
    const l = a ?? null;
    const r = b ?? null;
    if (!same(l, r)) out.push({ path, left: l, right: r });
  }
  return out;
}
