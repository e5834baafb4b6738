import { csvLine, UTF8_BOM } from '@gongkai/office';
import type { Writable } from 'node:stream';
import type { RankingRow } from '../scoring';
import {
  displayText,
  rankingColumns,
  type RankingColumn,
  type RankingSheetMeta,
} from './ranking-columns';

export { UTF8_BOM };

/** One header row, then one row per organization; lines end with CRLF (RFC 4180). */
export function csvHeader(meta: RankingSheetMeta): string {
  return csvLine(
    rankingColumns(meta).map((c) => (c.group === c.header ? c.header : `${c.group}-${c.header}`)),
  );
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as `csvLine` writes it (the formula guard on text, RFC 4180 quoting), without
 * building csv-stringify's record per row: a national sheet has 120,000 rows of ~30 fields.
 */
export function rankingCsvField(text: string, isText: boolean): string {
  const guarded = isText && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Writes `chunk`, waiting while `out` asks to; false when `out` is closed (nothing more to do). */
async function write(out: Writable, chunk: string): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.once('drain', done);
      out.once('close', done);
    });
  }
  return !out.destroyed;
}

/**
 * Writes the ranking as CSV: UTF-8 with BOM, the columns of the .xlsx (two-level headers
 * joined by `-`), values as the sheet displays them. Does not end `out`. Resolves with the rows
 * written: all of them, or those written before `out` closed.
 */
export async function writeRankingCsv(
  out: Writable,
  meta: RankingSheetMeta,
  rows: AsyncIterable<RankingRow> | Iterable<RankingRow>,
): Promise<number> {
  const columns = rankingColumns(meta);
  let buffer = UTF8_BOM + csvHeader(meta);
  let count = 0;
  for await (const row of rows) {
    for (let j = 0; j < columns.length; j += 1) {
      const column = columns[j] as RankingColumn;
      if (j > 0) buffer += ',';
      buffer += rankingCsvField(displayText(column, column.value(row)), column.kind === 'text');
    }
    buffer += '\r\n';
    count += 1;
    if (buffer.length > 64 * 1024) {
      if (!(await write(out, buffer))) return count;
      buffer = '';
    }
  }
  if (buffer.length > 0) await write(out, buffer);
  return count;
}
