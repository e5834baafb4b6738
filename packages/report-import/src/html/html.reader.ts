import { Parser } from 'htmlparser2';
import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText } from '../text/normalize-text';
import type { SpannedCell } from './table-grid';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'title',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'dt',
  'dd',
  'hr',
  'table',
  'caption',
  'center',
]);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head']);

type OpenTable = {
  rows: { cells: (SpannedCell & { line: number })[]; line: number }[];
  cell: { parts: string[]; rowSpan: number; colSpan: number; line: number } | null;
  row: { cells: (SpannedCell & { line: number })[]; line: number } | null;
  index: number;
};

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/**
 * Reads an HTML page (already decoded) into lines and table rows. Block elements end a line; each
 * `<tr>` becomes a row of its own `<td>/<th>` cells (merged cells appear once, in the row that
 * starts them; `toGrid` lays them out when a rectangle is needed). `<title>` and the `<head>` are
 * skipped except for the title text, which becomes the first line.
 */
export function readHtml(html: string): SourceDocument {
  const lines: SourceLine[] = [];
  const tables: OpenTable[] = [];
  let tableCount = 0;
  let skipDepth = 0;
  let inTitle = false;
  let current: string[] = [];
  let currentLine = 1;
  let newlinesSeen = 0;
  let scannedTo = 0;
  let parser: Parser | null = null;

  const lineAt = (index: number): number => {
    if (index > scannedTo) {
      for (let i = scannedTo; i < index; i += 1) if (html.charCodeAt(i) === 10) newlinesSeen += 1;
      scannedTo = index;
    }
    return newlinesSeen + 1;
  };
  const flush = (): void => {
    const raw = current.join('').replace(/\s+/g, ' ').trim();
    current = [];
    if (raw !== '')
      lines.push({
        raw,
        text: normalizeText(raw).trim(),
        cells: null,
        location: { line: currentLine },
      });
  };
  const top = (): OpenTable | undefined => tables[tables.length - 1];

  parser = new Parser(
    {
      onopentag(name, attribs) {
        const at = lineAt(parser?.startIndex ?? 0);
        if (SKIP_TAGS.has(name) || skipDepth > 0) {
          if (name === 'title') inTitle = true;
          else if (SKIP_TAGS.has(name)) skipDepth += 1;
          return;
        }
        if (name === 'title') inTitle = true;
        const table = top();
        if (name === 'table') {
          if (table?.cell) return; // nested table: its text joins the outer cell
          flush();
          tables.push({ rows: [], cell: null, row: null, index: tableCount });
          tableCount += 1;
          return;
        }
        if (table && !table.cell && name === 'tr') {
          table.row = { cells: [], line: at };
          return;
        }
        if (table && !table.cell && (name === 'td' || name === 'th')) {
          table.row ??= { cells: [], line: at };
          table.cell = {
            parts: [],
            rowSpan: span(attribs.rowspan),
            colSpan: span(attribs.colspan),
            line: at,
          };
          return;
        }
        if (table?.cell) {
          if (BLOCK_TAGS.has(name)) table.cell.parts.push(' ');
          return;
        }
        if (BLOCK_TAGS.has(name)) {
          flush();
          currentLine = at;
        }
      },
      ontext(text) {
        if (inTitle) {
          current.push(text);
          return;
        }
        if (skipDepth > 0) return;
        const table = top();
        if (table?.cell) table.cell.parts.push(text);
        else if (!table) {
          if (current.join('').trim() === '') currentLine = lineAt(parser?.startIndex ?? 0);
          current.push(text);
        }
      },
      onclosetag(name) {
        if (name === 'title') {
          inTitle = false;
          flush();
          return;
        }
        if (SKIP_TAGS.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        const table = top();
        if (table && (name === 'td' || name === 'th') && table.cell) {
          const { parts, rowSpan, colSpan, line } = table.cell;
          table.row?.cells.push({
            text: parts.join('').replace(/\s+/g, ' ').trim(),
            rowSpan,
            colSpan,
            line,
          });
          table.cell = null;
          return;
        }
        if (table?.cell) return;
        if (table && name === 'tr') {
          if (table.row) table.rows.push(table.row);
          table.row = null;
          return;
        }
        if (table && name === 'table') {
          if (table.row) table.rows.push(table.row);
          tables.pop();
          table.rows.forEach((row, r) => {
            const cells: SourceCell[] = row.cells.map((cell, c) => ({
              text: normalizeText(cell.text).trim(),
              location: { line: cell.line, cell: `T${table.index + 1}R${r + 1}C${c + 1}` },
            }));
            const raw = row.cells.map((cell) => cell.text).join(' | ');
            lines.push({
              raw,
              text: normalizeText(raw),
              cells,
              location: { line: row.line },
              table: table.index,
            });
          });
          return;
        }
        if (!table && BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { lines, format: 'html', warnings: [] };
}
