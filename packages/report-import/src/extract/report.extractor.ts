import type { AnnualReport, TemplateId } from '@gongkai/report-model';
import type { SourceLine } from '../source-document.types';
import { extractMeta } from './document-meta.extractor';
import { assembleReport, type ExtractedReport } from './report.assembler';
import { collectRows } from './row-collector';
import { assembleTables } from './table.assembler';
import { detectTemplate } from './template-evidence';

export type { ExtractedReport, ReportKind } from './report.assembler';

export type ExtractOptions = {
  /**
   * Last year's report of the same body: its carried-forward and in-force figures pin down
   * glued digit runs of this year's carried-over, in-force and cumulative cells.
   */
  readonly previous?: AnnualReport;
  /** The template the lines were read for (the page-text reader anchors rows of one template). */
  readonly template?: TemplateId;
};

/**
 * Turns the lines of a document into the canonical report: metadata, sections, tables (printed
 * cells or glued digit runs split under the template's identities), prose facts and staffing, with
 * the provenance of every value and a warning for everything guessed or skipped.
 *
 * Four steps: the metadata and template are read; one pass over the lines collects table rows,
 * sections and prose (`collectRows`); the tables are assembled from the rows (`assembleTables`);
 * the report is put together (`assembleReport`). Warnings keep that order.
 */
export function extractReport(
  lines: readonly SourceLine[],
  fileName: string,
  options: ExtractOptions = {},
): ExtractedReport {
  const warnings: string[] = [];
  const meta = extractMeta(lines);
  const year = meta.year?.value ?? null;
  const template: TemplateId = meta.notAReport
    ? 'narrative'
    : (options.template ?? detectTemplate(lines, year, warnings));
  const collected = collectRows(lines, template, meta.notAReport !== null);
  warnings.push(...collected.warnings);
  const assembled = assembleTables(template, year, collected, options.previous);
  warnings.push(...assembled.warnings);
  return assembleReport({ fileName, meta, template, collected, assembled, warnings });
}
