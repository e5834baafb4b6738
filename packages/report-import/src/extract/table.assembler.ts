import {
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  TEMPLATES,
  type AnnualReport,
  type ProvenanceEntry,
  type TableDefinition,
  type TableId,
  type TemplateId,
} from '@gongkai/report-model';
import type { SourceLocation } from '../source-document.types';
import { solveRows, splitDigitRun } from './digit-split.solver';
import { carriedFromPrevious } from './previous-year';
import { describeLocation, provenanceOf } from './provenance';
import type { CollectedRows, ReviewRecord, RowRecord } from './row-collector';
import { REVIEW_SHAPE, columnsOf, identitiesFor, shapeFor } from './table-layout';

type Rows = Record<string, Record<string, number | null>>;

/** The tables of a report with the provenance of every cell, the units printed, and warnings. */
export type AssembledTables = {
  readonly tables: Record<string, Rows>;
  readonly units: Record<string, string>;
  readonly provenance: Record<string, ProvenanceEntry>;
  readonly warnings: string[];
};

/**
 * Turns the rows collected from a document into the template's tables: glued digit runs split
 * under the row totals, the table identities and last year's carried-forward figures (when
 * `previous` is the report of the year before), rows in the template's order, and a warning for
 * every row or table not found and every split guessed.
 */
export function assembleTables(
  template: TemplateId,
  year: number | null,
  collected: CollectedRows,
  previousReport: AnnualReport | undefined,
): AssembledTables {
  const out: AssembledTables = { tables: {}, units: {}, provenance: {}, warnings: [] };
  const lowConfidence: string[] = [];
  // a "previous" report that is not of the year before (the same year uploaded again, or an
  // older one) says nothing about this year's figures
  const previous =
    previousReport && year !== null && previousReport.year === year - 1 ? previousReport : null;
  for (const tableDef of TEMPLATES[template].tables) {
    const table = tableDef.id;
    if (table === 'reviewLitigation') {
      if (collected.review) {
        out.tables[table] = reviewTable(collected.review, collected.reviewCells, out);
      }
      continue;
    }
    const tableRecords = [...collected.records.values()].filter((r) => r.table === table);
    if (tableRecords.length === 0) continue;
    out.tables[table] = orderedRows(
      tableDef,
      splitTable(template, table, tableRecords, previous, lowConfidence, out),
      out,
    );
  }
  if (lowConfidence.length > 0) {
    out.warnings.push(
      `按列合计确定了数字串的拆分：${lowConfidence.join('、')} — digit runs split using column totals`,
    );
  }
  for (const { id: table } of TEMPLATES[template].tables) {
    if (!out.tables[table] && template !== 'narrative') {
      out.warnings.push(`未找到表格 ${table} — table ${table} not found`);
    }
  }
  return out;
}

/** The review/litigation table: 15 printed cells, or one digit run split under its totals. */
function reviewTable(
  found: ReviewRecord,
  cells: readonly SourceLocation[] | null,
  out: AssembledTables,
): Rows {
  const rows: Rows = {};
  let values: readonly (number | null)[] = [];
  let confidence = 1;
  if (found.values) values = found.values;
  else if (found.run !== undefined) {
    const split = splitDigitRun(found.run, REVIEW_SHAPE);
    if (split.candidates.length === 1 && split.candidates[0]) values = [...split.candidates[0]];
    else if (split.candidates.length === 0) {
      confidence = 0;
      if (found.run !== '')
        out.warnings.push(
          `${describeLocation(found.location)}：reviewLitigation 的数字串“${found.run}”无法拆分为15个数，表格留空 — could not split the digit run`,
        );
    } else {
      values = mergeCandidates(split.candidates, 15);
      confidence = 0;
      out.warnings.push(
        ambiguityWarning('reviewLitigation', found.run, split.candidates, found.location),
      );
    }
  }
  REVIEW_LITIGATION_ROWS.forEach((row, r) => {
    rows[row] = {};
    REVIEW_LITIGATION_COLUMNS.forEach((column, c) => {
      const value = values[r * 5 + c] ?? null;
      (rows[row] as Record<string, number | null>)[column] = value;
      const location = cells?.[r * 5 + c] ?? found.location;
      out.provenance[`reviewLitigation.${row}.${column}`] = provenanceOf(
        location,
        value === null && found.run !== undefined ? 0 : confidence,
      );
    });
  });
  return rows;
}

/** The rows of one table with their digit runs split, in the order they were found. */
function splitTable(
  template: TemplateId,
  table: TableId,
  tableRecords: readonly RowRecord[],
  previous: AnnualReport | null,
  lowConfidence: string[],
  out: AssembledTables,
): Rows {
  const rows: Rows = {};
  const candidates = new Map<string, readonly (readonly number[])[]>();
  const runRows = new Set<string>();
  for (const rec of tableRecords) {
    const columns = columnsOf(template, table, rec.row) ?? [];
    if (rec.run !== undefined) {
      runRows.add(rec.row);
      const split = splitDigitRun(rec.run, shapeFor(table, columns));
      let list: readonly (readonly number[])[] = split.candidates;
      if (list.length === 0 && /^\d+$/.test(rec.run) && rec.run.length === columns.length) {
        list = [[...rec.run].map(Number)];
        out.warnings.push(
          `${describeLocation(rec.location)}：${table}.${rec.row} 的数字串“${rec.run}”不满足行合计，按每位一个数拆分 — digits split one per cell although the row total does not hold`,
        );
      }
      if (list.length === 0) {
        out.warnings.push(
          `${describeLocation(rec.location)}：${table}.${rec.row} 的数字串“${rec.run}”无法拆分为${columns.length}个数，单元格留空 — could not split the digit run`,
        );
      }
      candidates.set(rec.row, list);
    } else if (rec.values && rec.values.every((v) => v.value !== null)) {
      candidates.set(rec.row, [rec.values.map((v) => v.value ?? 0)]);
    }
  }
  if (previous) {
    for (const [row, list] of candidates) {
      if (!runRows.has(row)) continue;
      const columns = columnsOf(template, table, row) ?? [];
      const agrees = carriedFromPrevious(template, table, row, columns, previous);
      if (!agrees) continue;
      const kept = list.filter(agrees);
      if (kept.length > 0) candidates.set(row, kept);
      else if (list.length > 0) {
        out.warnings.push(
          `${table}.${row}：没有一种拆分与上一年度报告的结转/累计数相符，未使用上一年度数据 — no split agrees with last year's figures`,
        );
      }
    }
  }
  // rows a table does not print (the legacy tables differ) drop out of its sums
  const printedRows = new Set(tableRecords.map((r) => r.row));
  const identities = identitiesFor(template, table).map((identity) =>
    table === 'legacyStats'
      ? { terms: identity.terms.filter((t) => t.coef > 0 || printedRows.has(t.row)) }
      : identity,
  );
  const solved = runRows.size > 0 ? solveRows(candidates, identities) : null;
  if (solved?.identitiesDropped) {
    out.warnings.push(
      `${table}：没有一种拆分能满足表内勾稽关系，只保留唯一的拆分 — no split satisfies the table identities; only unambiguous rows kept`,
    );
  }
  for (const rec of tableRecords) {
    const columns = columnsOf(template, table, rec.row) ?? [];
    const cells: Record<string, number | null> = {};
    if (rec.run !== undefined) {
      const values = solved?.rows.get(rec.row) ?? [];
      const ambiguous = solved?.ambiguous.get(rec.row);
      const unique = (candidates.get(rec.row)?.length ?? 0) === 1;
      if (ambiguous) {
        out.warnings.push(
          ambiguityWarning(`${table}.${rec.row}`, rec.run, ambiguous, rec.location),
        );
      } else if (!unique && values.length > 0) {
        lowConfidence.push(`${table}.${rec.row}`);
      }
      columns.forEach((column, c) => {
        const value = values[c] ?? null;
        cells[column] = value;
        out.provenance[`${table}.${rec.row}.${column}`] = provenanceOf(
          rec.location,
          value === null ? 0 : unique ? 1 : 0.9,
        );
      });
    } else {
      columns.forEach((column, c) => {
        const v = rec.values?.[c];
        cells[column] = v?.value ?? null;
        out.provenance[`${table}.${rec.row}.${column}`] = provenanceOf(
          v?.location ?? rec.location,
          rec.unread ? 0 : 1,
        );
      });
    }
    for (const [c, unit] of Object.entries(rec.units)) {
      const column = columns[Number(c)];
      if (column) out.units[`${table}.${rec.row}.${column}`] = unit;
    }
    rows[rec.row] = cells;
  }
  return rows;
}

/** The rows in the template's order; a row the template requires but the report lacks is warned. */
function orderedRows(tableDef: TableDefinition, rows: Rows, out: AssembledTables): Rows {
  const ordered: Record<string, Record<string, number | null>> = {};
  for (const row of tableDef.rows) {
    const value = rows[row.key];
    if (value) ordered[row.key] = value;
    else if (!tableDef.rowsOptional) {
      out.warnings.push(
        `${tableDef.id}.${row.key}：报告中未找到该行 — row not found in the report`,
      );
    }
  }
  return ordered;
}

function mergeCandidates(
  candidates: readonly (readonly number[])[],
  width: number,
): (number | null)[] {
  return Array.from({ length: width }, (_, c) => {
    const first = candidates[0]?.[c];
    return first !== undefined && candidates.every((v) => v[c] === first) ? first : null;
  });
}

function ambiguityWarning(
  what: string,
  run: string,
  candidates: readonly (readonly number[])[],
  location: SourceLocation,
): string {
  const shown = candidates
    .slice(0, 8)
    .map((c) => `[${c.join(',')}]`)
    .join(' | ');
  const more = candidates.length > 8 ? ` …（共${candidates.length}种）` : '';
  return `${describeLocation(location)}：${what} 的数字串“${run}”有多种拆分：${shown}${more}；无法确定的单元格留空 — ambiguous digit run, undetermined cells left blank`;
}
