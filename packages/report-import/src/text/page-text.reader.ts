import { TEMPLATES, type SectionKey, type TableId, type TemplateId } from '@gongkai/report-model';
import { rowOrdinal } from '../extract/row-labels';
import type { SourceCell, SourceDocument, SourceLine } from '../source-document.types';
import { normalizeText } from './normalize-text';
import { PAGE_NUMBER, headerBlocks, joinSplitWords, stripChrome } from './page-chrome';
import { findHeadings } from './page-text.headings';
import { type Anchor, findRow, labelStart, valueTokens } from './page-text.rows';

export { valueTokens, type ValueTokens } from './page-text.rows';

/**
 * Reading a report whose line breaks say nothing: a web page copied as one line, tables as a
 * stream of tokens, cells glued into digit runs, headers repeated at page breaks.
 *
 * The whole text is one token stream. Section headings are found anywhere in it (in order, by
 * their key phrases); each table is found by its row labels, used as anchors in the template's
 * order (spaces inside labels, ordinals `一、` `1.` `（一）` and `其中：` tolerated); the values
 * between two anchors belong to the first. The output is the usual line document, one line per
 * heading, prose block and table row, so that the extractor and its constraint solver do the rest:
 * a row whose tokens are fewer than its cells is handed over as a digit run whose printed spaces
 * are cell boundaries.
 */

const SECTION_TABLE: Partial<Record<SectionKey, TableId>> = {
  proactive: 'article20',
  applications: 'applications',
  reviewLitigation: 'reviewLitigation',
};

/** Where a table's header starts: the first header word of the table. */
const TABLE_START: Readonly<Record<TableId, RegExp>> = {
  article20: /信息内容|第二十条第/,
  applications: /[（(]本列数据的勾稽关系|申请人情况/,
  reviewLitigation: /结果[ \t]*维持/,
  legacyStats: /指标名称|统计指标|计量单位/,
};

/** The text with the ranges (UTF-16 offsets) replaced by spaces, its length unchanged. */
function blank(text: string, ranges: readonly [number, number][]): string {
  if (ranges.length === 0) return text;
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(e, text.length)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of sorted) {
    const from = Math.max(s, at);
    if (e <= from) continue;
    out += text.slice(at, from) + ' '.repeat(e - from);
    at = e;
  }
  return out + text.slice(at);
}

type Piece =
  | { readonly kind: 'text'; readonly from: number; readonly to: number }
  | { readonly kind: 'header'; readonly text: string }
  | {
      readonly kind: 'row';
      readonly table: TableId;
      readonly row: string;
      readonly label: string;
      readonly tokens: readonly string[];
    }
  | { readonly kind: 'review'; readonly tokens: readonly string[] };

/**
 * The table rows of `text[from, to)`: anchors in the template's order after the table's header,
 * values between them. Returns the pieces in reading order (prose before, header, rows, prose after).
 */
function readTable(
  text: string,
  masked: string,
  from: number,
  to: number,
  template: TemplateId,
  table: TableId,
  blocks: readonly [number, number][],
  warnings: string[],
): Piece[] | null {
  const def = TEMPLATES[template].tables.find((t) => t.id === table);
  if (!def) return null;
  const header = TABLE_START[table].exec(text.slice(from, to));
  let tableStart = header ? from + header.index : from;
  // the header starts with the block of header words the match is in
  const block = blocks.find(([s, e]) => s <= tableStart && tableStart < e);
  if (block) tableStart = block[0];
  const pieces: Piece[] = [];
  if (table === 'reviewLitigation') {
    if (!header) return null;
    const values = valueTokens(masked.slice(tableStart, to));
    if (values.tokens.length === 0) return null;
    noteZeroMarks(values.zeroMarks, 'reviewLitigation', warnings);
    const valuesAt = tableStart + values.end;
    pieces.push({ kind: 'text', from, to: tableStart });
    pieces.push({
      kind: 'header',
      text: text.slice(tableStart, valuesAt).replace(/[\d\s—\-/]+$/, ''),
    });
    pieces.push({ kind: 'review', tokens: values.tokens });
    pieces.push({ kind: 'text', from: valuesAt, to });
    return pieces;
  }
  const anchors: Anchor[] = [];
  let cursor = tableStart;
  let lastOrdinal: number | null = null;
  for (const row of def.rows) {
    const found = findRow(masked, cursor, to, table, row.key);
    if (!found) continue;
    const known = rowOrdinal(table, row.key);
    const expected = lastOrdinal === null ? 1 : lastOrdinal + 1;
    const floor = anchors.length > 0 ? (anchors[anchors.length - 1]?.end ?? cursor) : cursor;
    const { start, ordinal, unclear } = labelStart(masked, floor, found.start, known, expected);
    anchors.push({ row: row.key, start, end: found.end, ordinal, unclear });
    lastOrdinal = ordinal;
    cursor = found.end;
  }
  if (anchors.length === 0) return null;
  const first = anchors[0]?.start ?? from;
  pieces.push({ kind: 'text', from, to: Math.min(tableStart, first) });
  if (tableStart < first) pieces.push({ kind: 'header', text: text.slice(tableStart, first) });
  let after = to;
  anchors.forEach((anchor, i) => {
    const next = anchors[i + 1];
    const regionEnd = next ? next.start : to;
    const values = valueTokens(masked.slice(anchor.end, regionEnd));
    let tokens = values.tokens;
    if (next?.unclear && tokens.length > 0) {
      warnings.push(
        `${table}.${anchor.row}：数值与下一行的序号粘连，无法区分，单元格留空 — the values run into the next row's ordinal; cells left blank`,
      );
      tokens = [];
    } else noteZeroMarks(values.zeroMarks, `${table}.${anchor.row}`, warnings);
    pieces.push({
      kind: 'row',
      table,
      row: anchor.row,
      label: text.slice(anchor.start, anchor.end).replace(/\s+/g, ''),
      tokens,
    });
    if (!next) after = anchor.end + values.end;
  });
  pieces.push({ kind: 'text', from: after, to });
  return pieces;
}

function noteZeroMarks(marks: readonly string[], where: string, warnings: string[]): void {
  if (marks.length === 0) return;
  const shown = [...new Set(marks)].map((m) => `“${m}”`).join('、');
  warnings.push(`${where}：${shown}按0读取 — read as zero`);
}

/** Tables a template prints, and in which section each is looked for (null: anywhere). */
function tablesBySection(template: TemplateId): { table: TableId; section: SectionKey | null }[] {
  const ids = TEMPLATES[template].tables.map((t) => t.id);
  if (ids.includes('legacyStats')) return [{ table: 'legacyStats', section: null }];
  return ids.map((table) => ({
    table,
    section:
      (Object.entries(SECTION_TABLE).find(([, t]) => t === table)?.[0] as SectionKey) ?? null,
  }));
}

export type PageTextOptions = {
  /** The template whose tables to look for. */
  readonly template: TemplateId;
  /** The text went through `normalizePageText` already. */
  readonly normalized?: boolean;
};

/** Normalises page text: half-width digits, ordinary spaces, chrome removed, split words joined. */
export function normalizePageText(text: string): string {
  const norm = normalizeText(text.replace(/\r\n?/g, '\n'));
  return joinSplitWords(stripChrome(norm))
    .replace(/[ \t]+/g, ' ')
    .replace(TITLE, '\n$&\n')
    .replace(CLOSING_DATE, '\n$&');
}

/** The report title, put on a line of its own so that the title, body and year are found. */
const TITLE =
  /(?<=^|[\s。>】])[\u4e00-\u9fa5（）()]{2,40}?(?:关于)?\d{4}年(?:度)?政府信息公开(?:工作)?年(?:度)?报(?:告)?/;
/** The signature date at the end of a report. */
const CLOSING_DATE = /(?:[\u4e00-\u9fa5]{2,30}[ \t]*)?\d{4}年\d{1,2}月\d{1,2}日\s*$/;

/**
 * Reads text whose line breaks cannot be trusted into lines: headings, prose, and one table row
 * per line (`stream` rows: the tokens found between the row's label and the next label).
 */
export function readPageText(text: string, options: PageTextOptions): SourceDocument {
  const warnings: string[] = [];
  const norm = options.normalized ? text : normalizePageText(text);
  const flat = norm.replace(/\n/g, ' ');
  const pageMarks: [number, number][] = [...flat.matchAll(PAGE_NUMBER)].map((m) => [
    m.index ?? 0,
    (m.index ?? 0) + m[0].length,
  ]);
  const headings = findHeadings(flat);
  const sectionRange = (key: SectionKey): [number, number] | null => {
    const i = headings.findIndex((h) => h.key === key);
    const heading = headings[i];
    if (!heading) return null;
    return [heading.end, headings[i + 1]?.start ?? flat.length];
  };
  const placed: { from: number; to: number; pieces: Piece[] }[] = [];
  for (const { table, section } of tablesBySection(options.template)) {
    const range: [number, number] = (section ? sectionRange(section) : null) ?? [0, flat.length];
    const [from, to] = range;
    if (placed.some((p) => from < p.to && p.from < to)) continue;
    const local = flat.slice(from, to);
    const blocks = headerBlocks(local).map(([s, e]) => [s + from, e + from] as [number, number]);
    const pages = pageMarks.filter(([s]) => s >= from && s < to);
    const masked = blank(flat, [...blocks, ...pages]);
    const pieces = readTable(flat, masked, from, to, options.template, table, blocks, warnings);
    if (pieces) placed.push({ from, to, pieces });
  }
  placed.sort((a, b) => a.from - b.from);

  const lines: SourceLine[] = [];
  const pushText = (chunk: string): void => {
    for (const part of chunk.split('\n')) {
      const t = part.replace(/\s+/g, ' ').trim();
      if (t === '') continue;
      lines.push({ raw: t, text: t, cells: null, location: { line: lines.length + 1 } });
    }
  };
  /** Prose with its headings on lines of their own. */
  const pushProse = (from: number, to: number): void => {
    let at = from;
    for (const h of headings) {
      if (h.start < from || h.start >= to) continue;
      pushText(norm.slice(at, h.start));
      pushText(norm.slice(h.start, h.end));
      at = h.end;
    }
    pushText(norm.slice(at, to));
  };
  let at = 0;
  for (const { from, to, pieces } of placed) {
    pushProse(at, from);
    for (const piece of pieces) {
      if (piece.kind === 'text') {
        pushProse(piece.from, piece.to);
        continue;
      }
      if (piece.kind === 'header') {
        const words = piece.text
          .trim()
          .split(/\s+/)
          .filter((w) => w !== '');
        if (words.length === 0) continue;
        const location = { line: lines.length + 1 };
        lines.push({
          raw: words.join(' '),
          text: words.join(' '),
          cells: [...words, ''].map((w) => ({ text: w, location })),
          location,
        });
        continue;
      }
      const location = { line: lines.length + 1 };
      const label = piece.kind === 'row' ? piece.label : '';
      const cells: SourceCell[] = [
        { text: label, location },
        ...piece.tokens.map((t) => ({ text: t, location })),
      ];
      const raw = [label, ...piece.tokens].join(' ').trim();
      lines.push({
        raw,
        text: raw,
        cells,
        location,
        stream: true,
        ...(piece.kind === 'row' ? { anchor: { table: piece.table, row: piece.row } } : {}),
      });
    }
    at = to;
  }
  pushProse(at, flat.length);
  return { lines, format: 'text', warnings };
}
