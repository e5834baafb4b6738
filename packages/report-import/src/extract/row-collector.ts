import {
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  TEMPLATES,
  type SectionKey,
  type TableId,
  type TemplateId,
} from '@gongkai/report-model';
import type { SourceCell, SourceLine, SourceLocation } from '../source-document.types';
import { readCell } from './cell-value';
import { segmentGluedLine } from './glued-line';
import { describeLocation } from './provenance';
import { labelWords, matchRowLabel } from './row-labels';
import { classifyHeading } from './sections.extractor';
import { columnLabels, columnsOf } from './table-layout';
import { readPrintedRow, trimTrailingBlanks } from './printed-row.reader';

/** A table row as found: printed cells, or a glued digit run still to be split. */
export type RowRecord = {
  readonly table: TableId;
  readonly row: string;
  readonly values?: readonly { value: number | null; location: SourceLocation }[];
  readonly run?: string;
  readonly location: SourceLocation;
  readonly units: Readonly<Record<number, string>>;
  /** The row was found but its values could not be read (their cells are null, confidence 0). */
  readonly unread?: boolean;
};

/** The review/litigation table, printed as one row of 15 cells or one glued digit run. */
export type ReviewRecord = {
  readonly values?: readonly (number | null)[];
  readonly run?: string;
  readonly location: SourceLocation;
};

/** What one pass over a document's lines found, before any digit run is split. */
export type CollectedRows = {
  /** Rows by `table.row`, in the order they were found (the first of a duplicate wins). */
  readonly records: ReadonlyMap<string, RowRecord>;
  readonly review: ReviewRecord | null;
  /** Where each of the review table's 15 cells was printed, when read cell by cell. */
  readonly reviewCells: readonly SourceLocation[] | null;
  /** The text of each section, line by line, in the order of the document. */
  readonly sectionLines: ReadonlyMap<SectionKey, readonly string[]>;
  /** Lines that are neither table rows nor headings, for the prose facts. */
  readonly prose: readonly SourceLine[];
  readonly warnings: readonly string[];
};

const UNIT_TOKEN = /^(万元|元|条|件|项|个|次)$/;

const CONTEXT_KEYS: readonly { readonly table: TableId; readonly re: RegExp }[] = [
  { table: 'article20', re: /第二十条|信息内容/ },
  { table: 'applications', re: /申请人情况|勾稽关系|自然人/ },
  { table: 'reviewLitigation', re: /结果维持|未经复议直接起诉|复议后起诉/ },
  { table: 'legacyStats', re: /指标名称|历年累计|计量单位/ },
];

const SECTION_TABLE: Partial<Record<SectionKey, TableId>> = {
  proactive: 'article20',
  applications: 'applications',
  reviewLitigation: 'reviewLitigation',
};

/**
 * Reads a document's lines in one pass into table rows (printed cells, token streams or glued
 * digit runs), section texts and prose lines. The table a row belongs to is decided by the last
 * heading or header seen (the context), so the lines are read in order.
 */
export function collectRows(
  lines: readonly SourceLine[],
  template: TemplateId,
  notAReport: boolean,
): CollectedRows {
  const collector = new RowCollector(template, notAReport);
  for (const line of lines) collector.read(line);
  return {
    records: collector.records,
    review: collector.reviewRow,
    reviewCells: collector.reviewCells,
    sectionLines: collector.sectionLines,
    prose: collector.prose,
    warnings: collector.warnings,
  };
}

class RowCollector {
  readonly warnings: string[] = [];
  readonly records = new Map<string, RowRecord>();
  readonly sectionLines = new Map<SectionKey, string[]>();
  readonly prose: SourceLine[] = [];
  reviewRow: { values?: (number | null)[]; run?: string; location: SourceLocation } | null = null;
  reviewCells: SourceLocation[] | null = null;
  private readonly tableIds: readonly TableId[];
  private section: SectionKey | null = null;
  private context: TableId | null;
  private readonly truncatedSeen = new Set<string>();

  constructor(
    private readonly template: TemplateId,
    private readonly notAReport: boolean,
  ) {
    this.tableIds = TEMPLATES[template].tables.map((t) => t.id);
    this.context = template.startsWith('legacy') ? 'legacyStats' : null;
  }

  read(line: SourceLine): void {
    if (line.cells !== null && line.cells.length >= 2) {
      this.handleCells(line, line.cells);
      return;
    }
    if (this.handleProse(line)) return;
    const heading = line.cells === null ? classifyHeading(line.text) : null;
    if (heading !== null && !this.notAReport) {
      if (heading !== 'unknown') {
        this.section = heading;
        const table = SECTION_TABLE[heading];
        if (this.template.startsWith('legacy')) this.context = 'legacyStats';
        else this.context = table && this.tableIds.includes(table) ? table : null;
      }
      if (this.section)
        this.sectionLines.set(this.section, this.sectionLines.get(this.section) ?? []);
      if (heading === 'unknown' && this.section)
        this.sectionLines.get(this.section)?.push(line.raw.trim());
      return;
    }
    this.updateContext(line.text);
    if (line.text === '') return;
    this.prose.push(line);
    if (this.section) this.sectionLines.get(this.section)?.push(line.raw.trim());
  }

  private record(rec: RowRecord): void {
    const key = `${rec.table}.${rec.row}`;
    if (this.records.has(key)) {
      this.warnings.push(
        `${describeLocation(rec.location)}：重复的表格行 ${key}，已忽略 — duplicate row ${key} ignored`,
      );
      return;
    }
    this.records.set(key, rec);
  }
  private matchTables(): readonly TableId[] {
    const context = this.context;
    return context && this.tableIds.includes(context)
      ? [context, ...this.tableIds.filter((t) => t !== context)]
      : this.tableIds;
  }

  private match(label: string) {
    return matchRowLabel(label, this.matchTables());
  }

  private updateContext(text: string): void {
    for (const { table, re } of CONTEXT_KEYS) {
      if (re.test(text) && this.tableIds.includes(table)) this.context = table;
    }
  }

  /** A row cut out of a token stream: as many tokens as cells, or fewer (glued), or too many. */
  private handleStream(line: SourceLine, cells: readonly SourceCell[]): void {
    const tokens = cells.slice(1).map((c) => c.text);
    const numbers = tokens.filter((t) => !UNIT_TOKEN.test(t));
    const rowUnit = tokens.find((t) => UNIT_TOKEN.test(t)) ?? null;
    const location = line.location;
    if (!line.anchor) {
      if (!this.tableIds.includes('reviewLitigation') || this.reviewRow) return;
      this.context = 'reviewLitigation';
      const width = REVIEW_LITIGATION_ROWS.length * REVIEW_LITIGATION_COLUMNS.length;
      if (numbers.length === width && numbers.every((n) => /^\d+$/.test(n))) {
        this.reviewRow = { values: numbers.map(Number), location };
      } else if (numbers.length < width) {
        this.reviewRow = { run: numbers.join(' '), location };
      } else {
        this.warnings.push(
          `reviewLitigation：读到${numbers.length}个数值，多于${width}个单元格，表格留空 — more values than cells; table left blank`,
        );
        this.reviewRow = { run: '', location };
      }
      return;
    }
    const { table, row } = line.anchor;
    if (!this.tableIds.includes(table)) return;
    const columns = columnsOf(this.template, table, row);
    if (!columns) return;
    this.context = table;
    const units: Record<number, string> = {};
    const blankRow = (why: string): void => {
      this.warnings.push(`${describeLocation(location)}：${table}.${row} ${why}`);
      this.record({
        table,
        row,
        values: columns.map(() => ({ value: null, location })),
        location,
        units,
        unread: true,
      });
    };
    if (numbers.length === 0) {
      blankRow('未读到数值，单元格留空 — no values found; cells left blank');
    } else if (numbers.length > columns.length) {
      blankRow(
        `读到${numbers.length}个数值，多于${columns.length}个单元格，单元格留空 — more values than cells; cells left blank`,
      );
    } else if (
      numbers.length === columns.length &&
      numbers.every((n) => /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(n))
    ) {
      if (rowUnit && table === 'legacyStats' && /元/.test(rowUnit)) {
        columns.forEach((_, c) => (units[c] = rowUnit));
      }
      this.record({
        table,
        row,
        values: numbers.map((n) => ({ value: Number(n), location })),
        location,
        units,
      });
    } else {
      this.record({ table, row, run: numbers.join(' '), location, units });
    }
  }

  private handleCells(line: SourceLine, cells: readonly SourceCell[]): void {
    if (line.stream) {
      this.handleStream(line, cells);
      return;
    }
    const readings = cells.map((cell) => ({ cell, reading: readCell(cell.text) }));
    let lastText = -1;
    readings.forEach((r, i) => {
      if (r.reading.kind === 'text') lastText = i;
    });
    const label = readings
      .slice(0, lastText + 1)
      .map((r) => r.cell.text)
      .join(' ');
    const valueCells = readings.slice(lastText + 1);
    const hasNumber = valueCells.some((r) => r.reading.kind === 'number');
    if (!hasNumber) {
      this.updateContext(line.text);
      if (this.context) {
        const known = columnLabels(this.context);
        for (const r of readings) {
          const words = labelWords(r.cell.text);
          if (
            words.length >= 2 &&
            !known.includes(words) &&
            known.some((k) => k.startsWith(words))
          ) {
            const key = `${this.context}:${words}`;
            if (!this.truncatedSeen.has(key)) {
              this.truncatedSeen.add(key);
              const full = known.filter((k) => k.startsWith(words)).join('/');
              this.warnings.push(
                `${describeLocation(r.cell.location)}：表头“${r.cell.text}”不完整（应为 ${full}），按列位置读取 — truncated header read by position`,
              );
            }
          }
        }
      }
    }
    if (label === '' && hasNumber) {
      if (
        this.tableIds.includes('reviewLitigation') &&
        (this.context === 'reviewLitigation' || this.reviewRow === null)
      ) {
        const numbers = valueCells.filter((r) => r.reading.kind !== 'unit');
        const trimmed = trimTrailingBlanks(
          numbers,
          REVIEW_LITIGATION_ROWS.length * REVIEW_LITIGATION_COLUMNS.length,
        );
        if (trimmed.length === 15 && this.context === 'reviewLitigation' && !this.reviewRow) {
          this.reviewRow = {
            values: trimmed.map((r) => (r.reading.kind === 'number' ? r.reading.value : null)),
            location: line.location,
          };
          this.reviewCells = trimmed.map((r) => r.cell.location);
          return;
        }
        const only = numbers[0];
        if (
          numbers.length === 1 &&
          only &&
          this.context === 'reviewLitigation' &&
          !this.reviewRow &&
          /^\d{15,}$/.test(only.cell.text)
        ) {
          this.reviewRow = { run: only.cell.text, location: only.cell.location };
          return;
        }
      }
      return;
    }
    if (label === '') return;
    const hit = this.match(label);
    if (!hit) {
      if (hasNumber) this.updateContext(line.text);
      return;
    }
    if (!hasNumber && !(hit.exact && valueCells.length > 0)) return;
    this.context = hit.table;
    const columns = columnsOf(this.template, hit.table, hit.row);
    if (!columns) return;
    this.record(readPrintedRow(line, hit, columns, valueCells, this.warnings));
  }

  private handleProse(line: SourceLine): boolean {
    const text = line.text;
    if (text === '' || /。/.test(text) || this.template === 'narrative') return false;
    const hasDigits = /\d/.test(text);
    if (!hasDigits) {
      const hit = this.match(text);
      if (hit?.exact && text.length <= 60) {
        const columns = columnsOf(this.template, hit.table, hit.row);
        if (columns && (this.context === hit.table || this.context !== null)) {
          this.record({
            table: hit.table,
            row: hit.row,
            values: columns.map(() => ({ value: null, location: line.location })),
            location: line.location,
            units: {},
          });
          return true;
        }
      }
      return false;
    }
    // a dash printed for zero inside a glued run cannot be cut line by line: left to the
    // page-text reader, which reads it as a zero token
    if (/[—–]/.test(text)) return false;
    if (this.context === 'reviewLitigation' && !this.reviewRow) {
      const tail = /(\d{15,})$/.exec(text);
      if (tail && (/^\d+$/.test(text) || /总计$/.test(text.slice(0, -tail[0].length)))) {
        this.reviewRow = { run: tail[1] ?? '', location: line.location };
        return true;
      }
    }
    const segments = segmentGluedLine(text, this.matchTables());
    let used = false;
    for (const segment of segments) {
      if (segment.run === null) continue;
      const hit = this.match(segment.label);
      if (!hit) continue;
      const columns = columnsOf(this.template, hit.table, hit.row);
      if (!columns) continue;
      if (!used) this.updateContext(text);
      used = true;
      this.context = hit.table;
      this.record({
        table: hit.table,
        row: hit.row,
        run: segment.run,
        location: line.location,
        units: {},
      });
    }
    return used;
  }
}
