import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText } from '../text/normalize-text';
import { type Block, type GridCell, type Line, type Table, findTables } from './pdf-tables';

/** A run of text on a page: x, y of its baseline start, width, font size (points), text. */
export type PdfItem = readonly [number, number, number, number, string];
/** A horizontal or vertical ruling line: x1, y1, x2, y2 with x1 ≤ x2 and y1 ≤ y2. */
export type PdfSegment = readonly [number, number, number, number];

export type PdfPage = {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfItem[];
  readonly segments: readonly PdfSegment[];
  /** Images painted on the page (a page with images and no text is a scan). */
  readonly images: number;
};

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Joins pieces of text: nothing between CJK characters, a space elsewhere. */
function joinPieces(left: string, right: string): string {
  if (left === '') return right;
  const a = left[left.length - 1] ?? '';
  const b = right[0] ?? '';
  return CJK.test(a) || CJK.test(b) ? left + right : `${left} ${right}`;
}

/** Groups items into printed lines (top to bottom), each left to right. */
function toLines(items: readonly PdfItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const lines: { y: number; size: number; items: PdfItem[] }[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item[1]) < Math.min(l.size, item[3]) * 0.5);
    if (line) line.items.push(item);
    else lines.push({ y: item[1], size: item[3], items: [item] });
  }
  return lines
    .map((l) => ({ top: l.y + l.size, items: l.items.sort((a, b) => a[0] - b[0]), margin: 0 }))
    .sort((a, b) => b.top - a.top);
}

/** A line's text split where the gap is wide enough to be a column boundary. */
function segmentsOfLine(line: Line): string[] {
  const parts: string[] = [];
  let current = '';
  let end = -Infinity;
  for (const [x, , width, size, text] of line.items) {
    const gap = x - end;
    if (current !== '' && gap > size * 1.5) {
      parts.push(current);
      current = text;
    } else if (current !== '' && gap > size * 0.25) current = joinPieces(current, text);
    else current += text;
    end = x + width;
  }
  if (current !== '') parts.push(current);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
}

function cellText(texts: readonly PdfItem[]): string {
  return toLines(texts)
    .map((line) => segmentsOfLine(line).reduce((a, b) => joinPieces(a, b), ''))
    .reduce((a, b) => joinPieces(a, b), '')
    .replace(/\s+/g, ' ')
    .trim();
}

const PAGE_NUMBER =
  /^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4})$/;

/** Width of a character in ems, roughly: CJK and full-width forms 1, the rest ½. */
function ems(c: string): number {
  return CJK.test(c) ? 1 : 0.5;
}

/**
 * A text run that crosses a column rule of the table it lies in (some writers print a whole row
 * as one run, cells separated by spaces) is cut at its spaces, each word placed by its share of
 * the run's width, so that each lands in its own cell.
 */
function splitAcrossColumns(item: PdfItem, tables: readonly Table[]): PdfItem[] {
  const [x, y, width, size, value] = item;
  if (!/\s/.test(value.trim())) return [item];
  const table = tables.find(
    (t) => x + width / 2 >= t.left && x + width / 2 <= t.right && y <= t.top && y >= t.bottom,
  );
  if (!table || !table.xs.some((b) => b > x + 2 && b < x + width - 2)) return [item];
  const chars = [...value];
  const unit = width / chars.reduce((n, c) => n + ems(c), 0);
  const out: PdfItem[] = [];
  let at = x;
  let word = '';
  let start = x;
  for (const c of chars) {
    if (/\s/.test(c)) {
      if (word !== '') out.push([start, y, at - start, size, word]);
      word = '';
      at += ems(c) * unit;
      start = at;
    } else {
      word += c;
      at += ems(c) * unit;
    }
  }
  if (word !== '') out.push([start, y, at - start, size, word]);
  return out;
}

function rightEdge(items: readonly PdfItem[]): number {
  return Math.max(0, ...items.map((i) => i[0] + i[2]));
}

function linesIn(items: readonly PdfItem[]): Line[] {
  const margin = rightEdge(items);
  return toLines(items).map((line) => ({ ...line, margin }));
}

/**
 * The x of the space between two columns of prose, if the page is set in two columns: a band
 * in the middle half of the page that (almost) no text crosses, with lines of prose (not the
 * short values of an unruled table) on both sides.
 */
function findGutter(items: readonly PdfItem[], width: number): number | null {
  if (items.length < 6) return null;
  const sizes = items.map((i) => i[3]).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)] ?? 10;
  const allowed = Math.max(1, Math.floor(items.length * 0.05));
  let best: { from: number; to: number } | null = null;
  let run: { from: number; to: number } | null = null;
  for (let x = width * 0.25; x <= width * 0.75; x += 1) {
    const crossing = items.filter((i) => i[0] < x && i[0] + i[2] > x).length;
    if (crossing <= allowed) {
      run = run ? { from: run.from, to: x } : { from: x, to: x };
      if (!best || run.to - run.from > best.to - best.from) best = run;
    } else run = null;
  }
  if (!best || best.to - best.from < size) return null;
  const gutter = (best.from + best.to) / 2;
  const prose = (side: PdfItem[]): number =>
    toLines(side).filter(
      (l) =>
        l.items
          .map((i) => i[4])
          .join('')
          .trim().length >= 10,
    ).length;
  const left = items.filter((i) => i[0] + i[2] <= gutter);
  const right = items.filter((i) => i[0] >= gutter);
  return prose(left) >= 3 && prose(right) >= 3 ? gutter : null;
}

/**
 * Page content as blocks in reading order, a page number at the top or bottom dropped. A page in
 * two columns is read band by band (between full-width lines and tables): the left column, then
 * the right one.
 */
function pageBlocks(page: PdfPage): Block[] {
  const tables = findTables(page);
  const loose: PdfItem[] = [];
  for (const item of page.items.flatMap((i) => splitAcrossColumns(i, tables))) {
    const [x, y, width, size] = item;
    const cx = x + width / 2;
    const cy = y + size * 0.3;
    const table = tables.find(
      (t) => cx >= t.left && cx <= t.right && cy <= t.top && cy >= t.bottom,
    ) as (Table & { cellAt: (x: number, y: number) => GridCell | null }) | undefined;
    const cell = table?.cellAt(cx, cy);
    if (cell) cell.texts.push(item);
    else loose.push(item);
  }
  const tableBlocks: Block[] = tables.map((table) => ({ kind: 'table', top: table.top, table }));
  const lineBlock = (line: Line): Block => ({ kind: 'line', top: line.top, line });
  const gutter = findGutter(loose, page.width);
  let blocks: Block[];
  if (gutter === null) {
    blocks = [...tableBlocks, ...linesIn(loose).map(lineBlock)].sort((a, b) => b.top - a.top);
  } else {
    const crossing = loose.filter((i) => i[0] < gutter && i[0] + i[2] > gutter);
    const left = linesIn(loose.filter((i) => i[0] + i[2] <= gutter));
    const right = linesIn(loose.filter((i) => i[0] >= gutter));
    const full = toLines(crossing).map((line) => ({ ...line, margin: rightEdge(loose) }));
    const separators = [...tableBlocks, ...full.map(lineBlock)].sort((a, b) => b.top - a.top);
    blocks = [];
    let upper = Infinity;
    for (const separator of [...separators, null]) {
      const lower = separator ? separator.top : -Infinity;
      const inBand = (line: Line): boolean => line.top <= upper && line.top > lower;
      blocks.push(...left.filter(inBand).map(lineBlock), ...right.filter(inBand).map(lineBlock));
      if (separator) {
        blocks.push(separator);
        upper = separator.top;
      }
    }
  }
  const isPageNumber = (block: Block | undefined): boolean =>
    block?.kind === 'line' &&
    PAGE_NUMBER.test(segmentsOfLine(block.line).join(' ').replace(/\s+/g, ' ').trim());
  while (blocks.length > 0 && isPageNumber(blocks[blocks.length - 1])) blocks.pop();
  while (blocks.length > 0 && isPageNumber(blocks[0])) blocks.shift();
  return blocks;
}

/**
 * Whether a table at the top of a page continues the one at the bottom of the previous page:
 * the same outer edges, and the column boundaries of one among those of the other (header rows
 * with merged cells may have fewer boundaries than the body rows, or more).
 */
function sameColumns(a: Table, b: Table): boolean {
  const near = (x: number, xs: readonly number[]): boolean => xs.some((y) => Math.abs(x - y) <= 3);
  if (Math.abs(a.left - b.left) > 3 || Math.abs(a.right - b.right) > 3) return false;
  return a.xs.every((x) => near(x, b.xs)) || b.xs.every((x) => near(x, a.xs));
}

function lineText(block: Block): string | null {
  return block.kind === 'line'
    ? segmentsOfLine(block.line).join(' ').replace(/\s+/g, ' ').trim()
    : null;
}

/** Running headers and footers: the same first (or last) line on two pages or more. */
function dropRunningLines(pages: Block[][]): Block[][] {
  if (pages.length < 2) return pages;
  const count = (pick: (blocks: Block[]) => Block | undefined): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const blocks of pages) {
      const block = pick(blocks);
      const text = block ? lineText(block) : null;
      if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    return counts;
  };
  const firsts = count((blocks) => blocks[0]);
  const lasts = count((blocks) => blocks[blocks.length - 1]);
  return pages.map((blocks) => {
    const out = [...blocks];
    const first = out[0] ? lineText(out[0]) : null;
    if (first && (firsts.get(first) ?? 0) >= 2) out.shift();
    const lastBlock = out[out.length - 1];
    const last = lastBlock ? lineText(lastBlock) : null;
    if (last && (lasts.get(last) ?? 0) >= 2) out.pop();
    return out;
  });
}

/**
 * Rebuilds a PDF's lines from its text positions: ruled tables become rows of cells (a merged
 * cell once, as in the .docx and HTML readers), a table continued on the next page stays one
 * table without its repeated header rows, page numbers (`-2-`, `第2页`) are dropped, and a line
 * whose parts stand far apart becomes a row of cells (an unruled table).
 */
export function layoutPdf(pages: readonly PdfPage[]): SourceDocument {
  const lines: SourceLine[] = [];
  let tableCount = 0;
  let lineNo = 0;
  let previous: { table: Table; index: number; header: string[]; rows: number } | null = null;
  let gapTable: number | null = null;
  let prose: {
    line: SourceLine;
    page: number;
    right: number;
    baseline: number;
    size: number;
    left: number;
    margin: number;
  } | null = null;
  const pageBlockLists = dropRunningLines(pages.map((page) => pageBlocks(page)));
  pages.forEach((page, p) => {
    const blocks = pageBlockLists[p] ?? [];
    blocks.forEach((block, b) => {
      if (block.kind === 'line') {
        previous = null;
        const parts = segmentsOfLine(block.line);
        lineNo += 1;
        const raw = parts.join(' ');
        if (parts.length >= 2 && parts.some((p) => /\d/.test(p))) {
          if (gapTable === null) gapTable = (tableCount += 1) - 1;
          const cells: SourceCell[] = parts.map((p, k) => ({
            text: normalizeText(p).trim(),
            location: { line: lineNo, cell: `P${page.number}L${lineNo}C${k + 1}` },
          }));
          const text = cells.map((c) => c.text).join(' | ');
          lines.push({ raw: text, text, cells, location: { line: lineNo }, table: gapTable });
        } else {
          gapTable = null;
          const items = block.line.items;
          const size = Math.max(...items.map((i) => i[3]));
          const baseline = Math.min(...items.map((i) => i[1]));
          const right = Math.max(...items.map((i) => i[0] + i[2]));
          const left = Math.min(...items.map((i) => i[0]));
          const last = lines[lines.length - 1];
          // A paragraph wrapped at the right margin goes on: its lines are one line, as in .docx.
          if (
            prose &&
            last === prose.line &&
            prose.page === page.number &&
            prose.right >= prose.margin - prose.size * 2.5 &&
            Math.abs(prose.size - size) < 0.5 &&
            prose.baseline > baseline &&
            prose.baseline - baseline < size * 2 &&
            left <= prose.left + size * 0.5
          ) {
            const joined = joinPieces(last.raw, raw);
            const merged: SourceLine = { ...last, raw: joined, text: normalizeText(joined).trim() };
            lines[lines.length - 1] = merged;
            prose = { ...prose, line: merged, right, baseline };
            lineNo -= 1;
            return;
          }
          const line: SourceLine = {
            raw,
            text: normalizeText(raw).trim(),
            cells: null,
            location: { line: lineNo },
          };
          lines.push(line);
          prose = {
            line,
            page: page.number,
            right,
            baseline,
            size,
            left,
            margin: block.line.margin,
          };
        }
        return;
      }
      gapTable = null;
      const { table } = block;
      const texts = table.rows.map((row) => row.map((cell) => cellText(cell.texts)));
      let index: number;
      let skip = 0;
      const prev = previous as {
        table: Table;
        index: number;
        header: string[];
        rows: number;
      } | null;
      if (b === 0 && prev && sameColumns(prev.table, table)) {
        index = prev.index;
        // Header rows repeated at the top of the continuation are dropped.
        while (
          skip < texts.length &&
          skip < prev.header.length &&
          texts[skip]!.join('|') === prev.header[skip]
        )
          skip += 1;
      } else {
        index = tableCount;
        tableCount += 1;
      }
      let rowNo = prev && index === prev.index ? prev.rows : 0;
      texts.forEach((row, r) => {
        if (r < skip || row.every((t) => t === '')) return;
        rowNo += 1;
        lineNo += 1;
        const cells: SourceCell[] = row.map((t, k) => ({
          text: normalizeText(t).trim(),
          location: { cell: `T${index + 1}R${rowNo}C${k + 1}` },
        }));
        const raw = cells.map((c) => c.text).join(' | ');
        lines.push({
          raw,
          text: raw,
          cells,
          location: { line: lineNo, cell: `T${index + 1}R${rowNo}` },
          table: index,
        });
      });
      const header =
        prev && index === prev.index ? prev.header : texts.slice(0, 4).map((row) => row.join('|'));
      previous = b === blocks.length - 1 ? { table, index, header, rows: rowNo } : null;
    });
  });
  return { lines, format: 'pdf', warnings: [] };
}
