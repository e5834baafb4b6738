import { csvLine, UTF8_BOM } from '@gongkai/office';
import type { Writable } from 'node:stream';
import type { RankingRow } from '../scoring';
import { displayText, rankingColumns, type RankingSheetMeta } from './ranking-columns';

export { UTF8_BOM };

/** One header row, then one row per organization; lines end with CRLF (RFC 4180). */
export function csvHeader(meta: RankingSheetMeta): string {
  return csvLine(
    rankingColumns(meta).map((c) => (c.group === c.header ? c.header : `${c.group}-${c.header}`)),
  );
}

async function write(out: Writable, chunk: string): Promise<void> {
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
}

/**
 * Writes the ranking as CSV: UTF-8 with BOM, the columns of the .xlsx (two-level headers
 * joined by `-`), values as the sheet displays them. Does not end `out`.
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
    buffer += csvLine(
      columns.map((column) => {
        const text = displayText(column, column.value(row));
        return column.kind === 'text' ? text : { figure: text };
      }),
    );
    count += 1;
    if (buffer.length > 64 * 1024) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) await write(out, buffer);
  return count;
}
