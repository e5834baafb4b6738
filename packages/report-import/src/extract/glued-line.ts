import type { TableId } from '@gongkai/report-model';
import { matchRowLabel, rowOrdinal } from './row-labels';

export type GluedSegment = { readonly label: string; readonly run: string | null };

const TOKEN = /-?\d+(?:[.-]\d+)*|[^\d-]+|-/g;

/**
 * Cuts a line whose table cells lost their borders into (label, digit run) segments:
 * `(三)不予公开1.属于国家秘密00000002.其他法律…0000000` →
 * [`(三)不予公开1.属于国家秘密`, `0000000`], [`2.其他法律…`, `0000000`]. When a label starts with
 * the punctuation of an ordinal (`.`, `、`), the digits before it end with that ordinal; the
 * ordinal is known from the template's label of the row the next label names.
 */
export function segmentGluedLine(text: string, tables: readonly TableId[]): GluedSegment[] {
  const tokens = text.match(TOKEN) ?? [];
  const segments: GluedSegment[] = [];
  let label = '';
  let pending: string | null = null;
  for (const token of tokens) {
    if (/^-?\d/.test(token)) {
      pending = pending === null ? token : pending + token;
      continue;
    }
    if (pending === null) {
      label += token;
      continue;
    }
    if (/^[.、]/.test(token)) {
      const match = matchRowLabel(token, tables);
      const ordinal = (match && rowOrdinal(match.table, match.row)) ?? pending.slice(-1);
      if (pending === ordinal) {
        label += pending + token;
      } else if (pending.endsWith(ordinal)) {
        segments.push({ label, run: pending.slice(0, -ordinal.length) });
        label = ordinal + token;
      } else {
        segments.push({ label, run: pending });
        label = token;
      }
    } else {
      segments.push({ label, run: pending });
      label = token;
    }
    pending = null;
  }
  if (pending !== null) segments.push({ label, run: pending });
  else if (label.trim() !== '') segments.push({ label, run: null });
  return segments;
}
