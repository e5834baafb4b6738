/** The page-text reading tried beside the line reading, and how the better of the two is kept. */
import {
  TEMPLATES,
  type AnnualReport,
  type ProvenanceEntry,
  type TemplateId,
} from '@gongkai/report-model';
import { extractReport, type ExtractedReport } from './report.extractor';
import type { SourceDocument } from '../source-document.types';
import { normalizePageText, readPageText } from '../text/page-text.reader';

/** A document's lines as text again, table rows as their cells separated by spaces. */
export function documentText(document: SourceDocument): string {
  return document.lines
    .map((line) => (line.cells ? line.cells.map((c) => c.text).join(' ') : line.text))
    .join('\n');
}

const STREAM_TEMPLATES: readonly TemplateId[] = ['2021', '2019', 'legacy-fujian', 'legacy-2011'];

/**
 * The page-text reading of a document, with the template whose row labels it finds most of
 * (the line-by-line reading's template first).
 */
export function streamExtract(
  text: string,
  fileName: string,
  first: ExtractedReport,
  options: { readonly previous?: AnnualReport },
): { extracted: ExtractedReport; warnings: readonly string[] } | null {
  const order = [
    ...new Set([first.report.template, ...STREAM_TEMPLATES].filter((t) => t !== 'narrative')),
  ];
  let best: { document: SourceDocument; template: TemplateId; share: number } | null = null;
  const normalized = normalizePageText(text);
  for (const template of order) {
    const document = readPageText(normalized, { template, normalized: true });
    const found = document.lines.filter((l) => l.stream && l.cells && l.cells.length > 1).length;
    const printed = TEMPLATES[template].tables.reduce((n, t) => n + t.rows.length, 0);
    const share = found / Math.max(1, printed);
    if (found > 0 && (!best || share > best.share)) best = { document, template, share };
    if (share >= 1) break; // every row of the template found: no other can do better
  }
  if (!best) return null;
  let template = best.template;
  if (template.startsWith('legacy')) {
    // the two legacy tables differ by the rows they print
    const rows = new Set(best.document.lines.map((l) => l.anchor?.row));
    if (rows.has('applicationsReferred')) template = 'legacy-fujian';
    else if (['applicationsFax', 'applicationsEmail', 'applicationsOther'].some((r) => rows.has(r)))
      template = 'legacy-2011';
  }
  return {
    extracted: extractReport(best.document.lines, fileName, {
      ...options,
      template,
    }),
    warnings: best.document.warnings,
  };
}

/**
 * The reading kept, with every cell the other reading found a different number for left blank:
 * when two ways of reading the same text disagree, neither is trusted.
 */
export function blankDisagreements(kept: ExtractedReport, other: ExtractedReport): ExtractedReport {
  const tables = kept.report.tables as Record<
    string,
    Record<string, Record<string, number | null>>
  >;
  const others = other.report.tables as Record<
    string,
    Record<string, Record<string, number | null>> | undefined
  >;
  // copied on the first disagreement: most readings agree, and the copies are large
  let warnings: string[] | null = null;
  let provenance: Record<string, ProvenanceEntry> | null = null;
  let changed = false;
  const out: Record<string, Record<string, Record<string, number | null>>> = {};
  for (const [table, rows] of Object.entries(tables)) {
    out[table] = {};
    for (const [row, columns] of Object.entries(rows)) {
      const copy: Record<string, number | null> = { ...columns };
      for (const [column, value] of Object.entries(columns)) {
        const theirs = others[table]?.[row]?.[column];
        if (value === null || theirs === null || theirs === undefined || theirs === value) continue;
        copy[column] = null;
        changed = true;
        warnings ??= [...kept.warnings];
        provenance ??= { ...kept.provenance };
        const path = `${table}.${row}.${column}`;
        provenance[path] = { ...provenance[path], confidence: 0 };
        warnings.push(
          `${table}.${row}.${column}：两种读法结果不同（${value} / ${theirs}），单元格留空 — the line and page-text readings disagree; cell left blank`,
        );
      }
      (out[table] as Record<string, Record<string, number | null>>)[row] = copy;
    }
  }
  if (!changed || !warnings || !provenance) return kept;
  const report = { ...kept.report, tables: out as AnnualReport['tables'], provenance };
  return { ...kept, report, provenance, warnings };
}

export function filledCells(extracted: ExtractedReport): number {
  let n = 0;
  for (const rows of Object.values(extracted.report.tables)) {
    for (const columns of Object.values(rows ?? {})) {
      for (const value of Object.values(columns as Record<string, number | null>))
        if (value !== null) n += 1;
    }
  }
  return n;
}

/** Cells the report should have: every row of its tables, or of an optional-row table the rows found. */
export function expectedCells(extracted: ExtractedReport): number {
  const found = extracted.report.tables as Record<string, Record<string, unknown> | undefined>;
  return TEMPLATES[extracted.report.template].tables.reduce((sum, table) => {
    const rows = found[table.id];
    const counted = table.rowsOptional && rows ? table.rows.filter((r) => rows[r.key]) : table.rows;
    return sum + counted.reduce((s, row) => s + row.columns.length, 0);
  }, 0);
}
