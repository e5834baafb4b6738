import { SECTION_KEYS } from '@gongkai/report-model';
import { similarityRatio } from '../indicators/originality.indicator';
import type { AnnualReport } from '../report.types';
import type { ScoringInput } from '../scoring-input.types';
import type { FlagOptions } from './flag-options';
import type { Flag } from './flag.types';
import { makeFlag } from './make-flag';

const MAX_LISTED_CELLS = 20;

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0x3000 || code === 0xa0;
}

/** Equal once whitespace is ignored (compared in place, stopping at the first difference). */
export function equalIgnoringWhitespace(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSpace(a.charCodeAt(i))) i += 1;
    while (j < b.length && isSpace(b.charCodeAt(j))) j += 1;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i += 1;
    j += 1;
  }
}

function hasText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/** Same non-empty prose in every section (whitespace ignored). */
export function identicalProse(a: AnnualReport, b: AnnualReport): boolean {
  let anyText = false;
  for (const key of SECTION_KEYS) {
    const left = a.sections[key] ?? '';
    if (!equalIgnoringWhitespace(left, b.sections[key] ?? '')) return false;
    if (!anyText && hasText(left)) anyText = true;
  }
  return anyText;
}

type Cells = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, number | null>>>>>
>;

function sameKeys(a: object, b: object): boolean {
  return Object.keys(a).length === Object.keys(b).length;
}

/** Same tables, cell for cell (key order ignored), with at least one number in them. */
export function identicalTables(a: AnnualReport, b: AnnualReport): boolean {
  const left = a.tables as Cells;
  const right = b.tables as Cells;
  if (!sameKeys(left, right)) return false;
  let numbers = 0;
  for (const table of Object.keys(left)) {
    const rowsA = left[table];
    const rowsB = right[table];
    if (!rowsA || !rowsB || !sameKeys(rowsA, rowsB)) return false;
    for (const row of Object.keys(rowsA)) {
      const cellsA = rowsA[row];
      const cellsB = rowsB[row];
      if (!cellsA || !cellsB || !sameKeys(cellsA, cellsB)) return false;
      for (const column of Object.keys(cellsA)) {
        const value = cellsA[column];
        if (value !== cellsB[column] || !(column in cellsB)) return false;
        if (typeof value === 'number') numbers += 1;
      }
    }
  }
  return numbers > 0;
}

/** Unchanged from last year; open errors; blank cells. */
export function contentFlags(
  input: ScoringInput,
  /** Only `unchangedSimilarity` is read (no instant). */
  options: Partial<FlagOptions>,
): Flag[] {
  const flags: Flag[] = [];
  const id = input.organizationId;
  const report = input.report;
  const previous = input.previous?.report;
  if (report) {
    const threshold = options.unchangedSimilarity ?? 0.9;
    const reasons: string[] = [];
    if (previous && identicalProse(report, previous)) reasons.push('identicalProse');
    if (previous && identicalTables(report, previous)) reasons.push('identicalTables');
    let ratio: number | null = null;
    for (const finding of input.findings) {
      if (finding.rule !== 'originality.previousYear') continue;
      const value = similarityRatio(finding);
      if (ratio === null || value > ratio) ratio = value;
    }
    if (ratio !== null && ratio >= threshold) reasons.push('similarity');
    if (reasons.length > 0) {
      flags.push(
        makeFlag(
          'originality.unchanged',
          id,
          ratio !== null && ratio >= threshold && reasons.length === 1
            ? `与上年报告相似度${Math.round(ratio * 100)}%，疑似未更新`
            : '与上年报告内容相同，疑似未更新',
          ratio !== null && ratio >= threshold && reasons.length === 1
            ? `${Math.round(ratio * 100)}% similar to last year’s report: not updated`
            : 'identical to last year’s report: not updated',
          { reasons, similarity: ratio, threshold },
        ),
      );
    }
  }
  const errors = input.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    flags.push(
      makeFlag(
        'findings.openErrors',
        id,
        `有${errors.length}项错误未更正`,
        `${errors.length} error(s) not corrected`,
        { count: errors.length, rules: [...new Set(errors.map((finding) => finding.rule))].sort() },
      ),
    );
  }
  const blankCells: string[] = [];
  for (const finding of input.findings) {
    if (finding.rule === 'completeness.blankCells') blankCells.push(...finding.cells);
  }
  const blankFindings = input.findings.filter((f) => f.rule === 'completeness.blankCells').length;
  if (blankFindings > 0) {
    const count = Math.max(blankCells.length, blankFindings);
    flags.push(
      makeFlag(
        'completeness.blankCells',
        id,
        `表格有${count}个空白单元格`,
        `${count} blank table cell(s)`,
        { count, cells: blankCells.slice(0, MAX_LISTED_CELLS) },
      ),
    );
  }
  return flags;
}
