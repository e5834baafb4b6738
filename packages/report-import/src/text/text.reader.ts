import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText, splitLines } from './normalize-text';

const PIPE = /\s*\|\s*/;

function pipeCells(text: string, line: number): SourceCell[] {
  const parts = text.trim().split(PIPE);
  if (parts[0] === '') parts.shift();
  return parts.map((part) => ({ text: part.trim(), location: { line } }));
}

/**
 * Reads plain text (already decoded) into lines and table rows:
 * - ` | `-separated rows (text copied from a web table),
 * - tab-separated cells on one line,
 * - the "one cell per tab-indented line, blank line between rows" layout Word produces when a
 *   table is saved as text (an empty cell is a line holding only a tab).
 * Everything else is prose; glued digit runs are left to the table extractor.
 */
export function readText(text: string): SourceDocument {
  const rawLines = splitLines(text);
  const lines: SourceLine[] = [];
  let i = 0;
  while (i < rawLines.length) {
    const raw = rawLines[i] ?? '';
    const norm = normalizeText(raw);
    const lineNo = i + 1;
    if (/^\t/.test(raw) && !/^\t\s*$/.test(raw) && !raw.slice(1).includes('\t')) {
      const cells: SourceCell[] = [];
      const raws: string[] = [];
      let j = i;
      while (j < rawLines.length && /^\t/.test(rawLines[j] ?? '')) {
        const cellRaw = rawLines[j] ?? '';
        raws.push(cellRaw);
        cells.push({ text: normalizeText(cellRaw).trim(), location: { line: j + 1 } });
        j += 1;
      }
      if (cells.length >= 2) {
        lines.push({
          raw: raws.join('\t'),
          text: cells.map((c) => c.text).join('\t'),
          cells,
          location: { line: lineNo },
        });
        i = j;
        continue;
      }
    }
    if (norm.includes('|')) {
      lines.push({
        raw,
        text: norm.trim(),
        cells: pipeCells(norm, lineNo),
        location: { line: lineNo },
      });
    } else if (/\S\t+\S/.test(norm.trim())) {
      const cells = norm
        .trim()
        .split('\t')
        .map((part) => ({ text: part.trim(), location: { line: lineNo } }));
      lines.push({ raw, text: norm.trim(), cells, location: { line: lineNo } });
    } else {
      lines.push({ raw, text: norm.trim(), cells: null, location: { line: lineNo } });
    }
    i += 1;
  }
  return { lines, format: 'text', warnings: [] };
}
