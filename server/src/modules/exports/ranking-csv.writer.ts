import type { Writable } from 'node:stream';
import { csvField } from '../../common/csv';
import type { RankingRow } from '../scoring/ranking-row';
import { displayText, rankingColumns, type RankingSheetMeta } from './ranking-columns';

/** UTF-8 byte order mark: Excel opens a BOM-less UTF-8 CSV as the local code page. */
export const UTF8_BOM = '\uFEFF';

/** One header row, then one row per organization; lines end with CRLF (RFC 4180). */
export function csvHeader(meta: RankingSheetMeta): string {
  return (
    rankingColumns(meta)
      .map((c) => csvField(c.group === c.header ? c.header : `${c.group}-${c.header}`, true))
      .join(',') + '\r\n'
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
    buffer +=
      columns
        .map((column) => csvField(displayText(column, column.value(row)), column.kind === 'text'))
        .join(',') + '\r\n';
    count += 1;
    if (buffer.length > 64 * 1024) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) await write(out, buffer);
  return count;
}
