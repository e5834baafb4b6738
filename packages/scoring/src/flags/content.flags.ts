import { SECTION_KEYS } from '@gongkai/report-model';
import { similarityRatio } from '../indicators/originality.indicator';
import type { AnnualReport } from '../report.types';
import type { ScoringInput } from '../scoring-input.types';
import type { FlagOptions } from './flag-options';
import type { Flag } from './flag.types';
import { makeFlag } from './make-flag';

const MAX_LISTED_CELLS = 20;

function normaliseProse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, '');
}

/** Same non-empty prose in every section. */
export function identicalProse(a: AnnualReport, b: AnnualReport): boolean {
  let anyText = false;
  for (const key of SECTION_KEYS) {
    const left = normaliseProse(a.sections[key]);
    if (left !== normaliseProse(b.sections[key])) return false;
    if (left !== '') anyText = true;
  }
  return anyText;
}

function canonicalTables(report: AnnualReport): { json: string; numbers: number } {
  let numbers = 0;
  const sortKeys = (value: unknown): unknown => {
    if (typeof value === 'number') numbers += 1;
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  };
  const json = JSON.stringify(sortKeys(report.tables));
  return { json, numbers };
}

/** Same tables, cell for cell, with at least one number in them. */
export function identicalTables(a: AnnualReport, b: AnnualReport): boolean {
  const left = canonicalTables(a);
  return left.numbers > 0 && left.json === canonicalTables(b).json;
}

/** Unchanged from last year; open errors; blank cells. */
export function contentFlags(input: ScoringInput, options: FlagOptions): Flag[] {
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
