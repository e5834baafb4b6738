import type { TableId } from '@gongkai/report-model';
import type { SourceCell, SourceLine, SourceLocation } from '../source-document.types';
import type { CellReading } from './cell-value';
import { describeLocation } from './provenance';
import type { RowRecord } from './row-collector';

export type ReadCell = { readonly cell: SourceCell; readonly reading: CellReading };

/**
 * The record of a row printed cell by cell, once its label matched `hit`: the value cells read
 * into the row's columns (a lone multi-digit number in a row of several cells is a glued run), a
 * unit printed in its own cell applied to the row's money cells, and a warning for every cell
 * missing, extra, or read as blank.
 */
export function readPrintedRow(
  line: SourceLine,
  hit: { readonly table: TableId; readonly row: string },
  columns: readonly string[],
  valueCells: readonly ReadCell[],
  warnings: string[],
): RowRecord {
  const units: Record<number, string> = {};
  let rowUnit: string | null = null;
  const values = valueCells.filter((r) => {
    if (r.reading.kind === 'unit') {
      rowUnit = r.reading.unit;
      return false;
    }
    return true;
  });
  const single = values[0];
  if (
    values.filter((v) => v.reading.kind !== 'blank').length === 1 &&
    single?.reading.kind === 'number' &&
    columns.length > 1 &&
    /^\d+(\.\d+)?$/.test(single.cell.text) &&
    single.cell.text.length > 1 &&
    trimTrailingBlanks(values, columns.length).length === 1
  ) {
    return {
      table: hit.table,
      row: hit.row,
      run: single.cell.text,
      location: single.cell.location,
      units,
    };
  }
  const trimmed = trimTrailingBlanks(values, columns.length);
  if (trimmed.length > columns.length) {
    warnings.push(
      `${describeLocation(line.location)}：${hit.table}.${hit.row} 多出${trimmed.length - columns.length}个单元格，已忽略 — extra cells ignored`,
    );
  } else if (trimmed.length < columns.length) {
    warnings.push(
      `${describeLocation(line.location)}：${hit.table}.${hit.row} 缺少${columns.length - trimmed.length}个单元格，按空白处理 — missing cells read as blank`,
    );
  }
  const out: { value: number | null; location: SourceLocation }[] = [];
  columns.forEach((_, c) => {
    const r = trimmed[c];
    if (!r) {
      out.push({ value: null, location: line.location });
      return;
    }
    if (r.reading.kind === 'number') {
      out.push({ value: r.reading.value, location: r.cell.location });
      if (r.reading.unit) units[c] = r.reading.unit;
      else if (rowUnit && hit.table === 'legacyStats' && /元/.test(rowUnit)) units[c] = rowUnit;
    } else {
      if (r.reading.kind === 'blank' && r.reading.printed) {
        warnings.push(
          `${describeLocation(r.cell.location)}：“${r.reading.printed}”按空白处理 — read as blank`,
        );
      } else if (r.reading.kind === 'text') {
        warnings.push(
          `${describeLocation(r.cell.location)}：无法识别的数值“${r.cell.text}”，按空白处理 — unreadable value read as blank`,
        );
      }
      out.push({ value: null, location: r.cell.location });
    }
  });
  return { table: hit.table, row: hit.row, values: out, location: line.location, units };
}

export function trimTrailingBlanks<T extends { reading: { kind: string } }>(
  cells: readonly T[],
  expected: number,
): T[] {
  const out = [...cells];
  while (out.length > expected && out[out.length - 1]?.reading.kind === 'blank') out.pop();
  return out;
}
