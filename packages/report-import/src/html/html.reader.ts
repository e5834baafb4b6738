import { Parser } from 'htmlparser2';
import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText } from '../text/normalize-text';
import { stripChrome } from '../text/page-chrome';
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
  images: number;
};

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/**
 * Which tables (by opening order) only lay the page out: a table holding another table, or one
 * whose rows have at most one cell. Their rows and cells end lines like blocks; the tables inside
 * them are read as tables.
 */
function layoutTables(html: string): Set<number> {
  const layout = new Set<number>();
  const stack: {
    index: number;
    widest: number;
    cells: number;
    images: number;
    text: boolean;
    nested: boolean;
  }[] = [];
  let count = 0;
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TAGS.has(name) && name !== 'title') skip += 1;
        if (skip > 0) return;
        const top = stack[stack.length - 1];
        if (name === 'table') {
          if (top) {
            layout.add(top.index);
            top.nested = true;
          }
          stack.push({ index: count, widest: 0, cells: 0, images: 0, text: false, nested: false });
          count += 1;
        } else if (top && name === 'tr') top.cells = 0;
        else if (top && (name === 'td' || name === 'th')) {
          top.cells += 1;
          top.widest = Math.max(top.widest, top.cells);
        } else if (top && name === 'img') top.images += 1;
      },
      ontext(text) {
        const top = stack[stack.length - 1];
        if (top && skip === 0 && text.trim() !== '') top.text = true;
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name) && name !== 'title') {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip > 0) return;
        if (name === 'table') {
          const done = stack.pop();
          // a one-cell table holding nothing but a picture is a table published as an image
          const picture = done !== undefined && done.images > 0 && !done.text && !done.nested;
          if (done && done.widest <= 1 && !picture) layout.add(done.index);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return layout;
}

const NUMERIC = /^[+-]?\d[\d,]*(?:\.\d+)?$/;

/**
 * Reads an HTML page (already decoded) into lines and table rows. Block elements end a line; each
 * `<tr>` becomes a row of its own `<td>/<th>` cells (merged cells appear once, in the row that
 * starts them; `toGrid` lays them out when a rectangle is needed). `<title>` and the `<head>` are
 * skipped except for the title text, which becomes the first line.
 */
export function readHtml(html: string): SourceDocument {
  const lines: SourceLine[] = [];
  const warnings: string[] = [];
  const images: number[] = [];
  const tables: OpenTable[] = [];
  const layout = layoutTables(html);
  /** Per open table (data or layout), whether it is a layout table. */
  const kinds: boolean[] = [];
  let tablesSeen = 0;
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
    // the portal's chrome (print and close buttons, font size, share) is not the report's text
    const raw = stripChrome(current.join('')).replace(/\s+/g, ' ').trim();
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
          const isLayout = layout.has(tablesSeen);
          tablesSeen += 1;
          kinds.push(isLayout);
          if (isLayout) {
            flush();
            currentLine = at;
            return;
          }
          if (table?.cell) return; // nested table: its text joins the outer cell
          flush();
          tables.push({ rows: [], cell: null, row: null, index: tableCount, images: 0 });
          tableCount += 1;
          return;
        }
        if (name === 'img') {
          if (table) table.images += 1;
          else images.push(at);
          return;
        }
        if (!table && (name === 'tr' || name === 'td' || name === 'th')) {
          // the rows and cells of a layout table end lines like blocks
          flush();
          currentLine = at;
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
        if (name === 'table') {
          const isLayout = kinds.pop() ?? false;
          if (isLayout || !table) {
            flush();
            return;
          }
        }
        if (!table && (name === 'tr' || name === 'td' || name === 'th')) {
          flush();
          return;
        }
        if (table && name === 'table') {
          if (table.row) table.rows.push(table.row);
          tables.pop();
          const hasText = table.rows.some((row) => row.cells.some((cell) => cell.text !== ''));
          if (!hasText) {
            if (table.images > 0) {
              warnings.push(
                `第${table.rows[0]?.line ?? '?'}行：表格为图片，无法读取，未读取任何数值 — the table is an image; no values were read`,
              );
            }
            return;
          }
          const grid = placeCells(table.rows, table.index, warnings);
          grid.forEach((row, r) => {
            const cells: SourceCell[] = row.map((cell) => ({
              text: normalizeText(cell.text).trim(),
              location: {
                line: cell.line,
                cell: `T${table.index + 1}R${r + 1}C${cell.column + 1}`,
              },
            }));
            const raw = row.map((cell) => cell.text).join(' | ');
            lines.push({
              raw,
              text: normalizeText(raw),
              cells,
              location: { line: table.rows[r]?.line ?? cell0Line(row) },
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
  return { lines, format: 'html', warnings, ...(images.length > 0 ? { images } : {}) };
}

function cell0Line(row: readonly { line: number }[]): number {
  return row[0]?.line ?? 0;
}

type PlacedCell = { text: string; line: number; column: number };

/**
 * The cells of each row with their grid column. A label merged over rows appears once, in the row
 * that starts it (as printed). A number merged over rows or columns cannot be given to one cell:
 * every position it covers is blank, with a warning.
 */
function placeCells(
  rows: OpenTable['rows'],
  tableIndex: number,
  warnings: string[],
): PlacedCell[][] {
  const carried = new Map<number, { left: number; numeric: boolean; line: number }>();
  return rows.map((row, r) => {
    const out: PlacedCell[] = [];
    let column = 0;
    const takeCarried = (): void => {
      for (;;) {
        const above = carried.get(column);
        if (!above) return;
        if (above.numeric) out.push({ text: '', line: above.line, column });
        above.left -= 1;
        if (above.left <= 0) carried.delete(column);
        column += 1;
      }
    };
    row.cells.forEach((cell, c) => {
      takeCarried();
      const text = cell.text;
      const numeric = NUMERIC.test(normalizeText(text).trim());
      const rowSpan = Math.min(cell.rowSpan, rows.length - r);
      // a number spread over the rest of its row (行政许可 | 25 over three columns) is one value
      const last = c === row.cells.length - 1 && rowSpan === 1;
      const colSpan = last && numeric ? 1 : Math.min(cell.colSpan, 1000);
      const merged = numeric && (rowSpan > 1 || colSpan > 1);
      if (merged) {
        warnings.push(
          `T${tableIndex + 1}R${r + 1}C${column + 1}：数值“${text}”所在单元格跨${rowSpan > 1 ? `${rowSpan}行` : ''}${colSpan > 1 ? `${colSpan}列` : ''}合并，无法对应到单元格，按空白处理 — a number in a merged cell; read as blank`,
        );
      }
      for (let k = 0; k < (numeric ? colSpan : 1); k += 1) {
        out.push({ text: merged ? '' : text, line: cell.line, column: column + k });
        if (rowSpan > 1) carried.set(column + k, { left: rowSpan - 1, numeric, line: cell.line });
      }
      if (!numeric && rowSpan > 1) {
        for (let k = 1; k < colSpan; k += 1)
          carried.set(column + k, { left: rowSpan - 1, numeric: false, line: cell.line });
      }
      column += colSpan;
    });
    takeCarried();
    return out;
  });
}
