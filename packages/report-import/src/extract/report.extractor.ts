import {
  LEGACY_APPLICATION_CHANNEL_ROWS,
  LEGACY_RESPONSE_ROWS,
  REPORT_FORMAT,
  REVIEW_LITIGATION_COLUMNS,
  REVIEW_LITIGATION_ROWS,
  SECTION_KEYS,
  TEMPLATES,
  COLUMN_LABELS,
  applicationOutcomeRows,
  type AnnualReport,
  type ProvenanceEntry,
  type SectionKey,
  type TableId,
  type TemplateId,
} from '@gongkai/report-model';
import type { SourceCell, SourceLine, SourceLocation } from '../source-document.types';
import { readCell } from './cell-value';
import { extractMeta } from './document-meta.extractor';
import {
  shapeOf,
  solveRows,
  splitDigitRun,
  type RowIdentity,
  type RowShape,
} from './digit-split.solver';
import { segmentGluedLine } from './glued-line';
import { extractProseFacts } from './prose-facts.extractor';
import { labelWords, matchRowLabel } from './row-labels';
import { classifyHeading } from './sections.extractor';

export type ReportKind = 'annual-report' | 'not-a-report';

export type ExtractedReport = {
  readonly report: AnnualReport;
  readonly provenance: Readonly<Record<string, ProvenanceEntry>>;
  readonly warnings: readonly string[];
  readonly kind: ReportKind;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A table row as found: printed cells, or a glued digit run still to be split. */
type RowRecord = {
  readonly table: TableId;
  readonly row: string;
  readonly values?: readonly { value: number | null; location: SourceLocation }[];
  readonly run?: string;
  readonly location: SourceLocation;
  readonly units: Readonly<Record<number, string>>;
  /** The row was found but its values could not be read (their cells are null, confidence 0). */
  readonly unread?: boolean;
};

export type ExtractOptions = {
  /**
   * Last year's report of the same body: its carried-forward and in-force figures pin down
   * glued digit runs of this year's carried-over, in-force and cumulative cells.
   */
  readonly previous?: AnnualReport;
  /** The template the lines were read for (the page-text reader anchors rows of one template). */
  readonly template?: TemplateId;
};

const UNIT_TOKEN = /^(万元|元|条|件|项|个|次)$/;

const EVIDENCE: readonly {
  readonly template: TemplateId;
  readonly re: RegExp;
  readonly weight?: number;
}[] = [
  {
    template: '2021',
    re: /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|逾期不补正|逾期未按收费通知/,
  },
  {
    template: '2019',
    re: /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|其他对外管理服务事项/,
  },
  {
    template: 'legacy-fujian',
    re: /主动公开文件数|受理政府信息公开申请总数|不予公开答复总数|指标名称/,
  },
  { template: 'legacy-2011', re: /主动公开信息数|受理依申请公开信息总数|否决公开答复数/ },
  // the rows printed tell the two legacy families apart better than the wording
  { template: 'legacy-fujian', re: /上级转交数/, weight: 5 },
  { template: 'legacy-2011', re: /电子邮件申请数|其它形式申请数/, weight: 5 },
];

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

function templateFor(
  lines: readonly SourceLine[],
  year: number | null,
  warnings: string[],
): TemplateId {
  const score = new Map<TemplateId, number>();
  for (const line of lines) {
    for (const { template, re, weight } of EVIDENCE) {
      if (re.test(line.text)) score.set(template, (score.get(template) ?? 0) + (weight ?? 1));
    }
  }
  const hasModernTables = lines.some(
    (l) => /本年新收|上年结转|予以公开/.test(l.text) && (l.cells !== null || /\d$/.test(l.text)),
  );
  const byYear: TemplateId | null =
    year === null ? null : year >= 2021 ? '2021' : year >= 2019 ? '2019' : null;
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[0] ?? null;
  if (best === null) {
    if (hasModernTables) return byYear ?? '2021';
    return byYear ?? 'narrative';
  }
  if (byYear !== null && best !== byYear && (best === '2019' || best === '2021')) {
    warnings.push(
      `表格样式为${best}版模板，但统计年度${year}应使用${byYear}版 — the tables follow the ${best} template, the year calls for ${byYear}`,
    );
  }
  if (byYear !== null && (best === 'legacy-fujian' || best === 'legacy-2011')) {
    warnings.push(
      `${year}年度的报告使用了旧式统计表 — a ${year} report uses a pre-2019 statistics table`,
    );
  }
  return best;
}

function columnsOf(template: TemplateId, table: TableId, row: string): readonly string[] | null {
  const def = TEMPLATES[template].tables.find((t) => t.id === table);
  return def?.rows.find((r) => r.key === row)?.columns ?? null;
}

function shapeFor(table: TableId, columns: readonly string[]): RowShape {
  if (table === 'applications') return shapeOf(columns.length, true);
  if (table === 'legacyStats' && columns.length === 2) {
    return { groups: [{ cells: 2, total: false }], accept: (v) => (v[1] ?? 0) >= (v[0] ?? 0) };
  }
  return { ...shapeOf(columns.length, false), signed: columns.map((c) => c === 'change') };
}

const REVIEW_SHAPE: RowShape = {
  groups: REVIEW_LITIGATION_ROWS.map(() => ({
    cells: REVIEW_LITIGATION_COLUMNS.length,
    total: true,
  })),
};

function identitiesFor(template: TemplateId, table: TableId): RowIdentity[] {
  if (table === 'applications' && (template === '2019' || template === '2021')) {
    return [
      {
        terms: [
          { row: 'total', coef: 1 },
          ...applicationOutcomeRows(template).map((row) => ({ row, coef: -1 })),
        ],
      },
      {
        terms: [
          { row: 'newReceived', coef: 1 },
          { row: 'carriedOver', coef: 1 },
          { row: 'total', coef: -1 },
          { row: 'carriedForward', coef: -1 },
        ],
      },
    ];
  }
  if (table === 'legacyStats') {
    const printed = new Set(
      TEMPLATES[template].tables.find((t) => t.id === table)?.rows.map((r) => r.key) ?? [],
    );
    return [
      {
        terms: [
          { row: 'applicationsTotal', coef: 1 },
          ...LEGACY_APPLICATION_CHANNEL_ROWS.filter((row) => printed.has(row)).map((row) => ({
            row,
            coef: -1,
          })),
        ],
      },
      {
        terms: [
          { row: 'responsesTotal', coef: 1 },
          ...LEGACY_RESPONSE_ROWS.map((row) => ({ row, coef: -1 })),
        ],
      },
    ];
  }
  return [];
}

function describeLocation(location: SourceLocation): string {
  if (location.cell !== undefined) return location.cell;
  return location.line === undefined ? '?' : `第${location.line}行`;
}

function provenanceOf(location: SourceLocation, confidence: number): ProvenanceEntry {
  // built field by field (called for every cell: object spreads cost more here)
  const entry: { line?: number; source?: string; confidence: number } = { confidence };
  if (location.line !== undefined) entry.line = location.line;
  if (location.cell !== undefined) entry.source = location.cell;
  return entry;
}

/** Column labels of a table, for spotting truncated headers. */
function columnLabels(table: TableId): string[] {
  const labels = COLUMN_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  return Object.values(labels[table] ?? {}).map((l) => labelWords(l.zh));
}

/**
 * Turns the lines of a document into the canonical report: metadata, sections, tables (printed
 * cells or glued digit runs split under the template's identities), prose facts and staffing, with
 * the provenance of every value and a warning for everything guessed or skipped.
 */
export function extractReport(
  lines: readonly SourceLine[],
  fileName: string,
  options: ExtractOptions = {},
): ExtractedReport {
  const warnings: string[] = [];
  const provenance: Record<string, ProvenanceEntry> = {};
  const meta = extractMeta(lines);
  const year = meta.year?.value ?? null;
  const notAReport = meta.notAReport;
  const template: TemplateId = notAReport
    ? 'narrative'
    : (options.template ?? templateFor(lines, year, warnings));
  const tableIds = TEMPLATES[template].tables.map((t) => t.id);

  const sectionLines = new Map<SectionKey, string[]>();
  const prose: SourceLine[] = [];
  const records = new Map<string, RowRecord>();
  let section: SectionKey | null = null;
  let context: TableId | null = template.startsWith('legacy') ? 'legacyStats' : null;
  let reviewRow: { values?: (number | null)[]; run?: string; location: SourceLocation } | null =
    null;
  const truncatedSeen = new Set<string>();
  let reviewCells: SourceLocation[] | null = null;

  const record = (rec: RowRecord): void => {
    const key = `${rec.table}.${rec.row}`;
    if (records.has(key)) {
      warnings.push(
        `${describeLocation(rec.location)}：重复的表格行 ${key}，已忽略 — duplicate row ${key} ignored`,
      );
      return;
    }
    records.set(key, rec);
  };
  const matchTables = (): TableId[] =>
    context && tableIds.includes(context)
      ? [context, ...tableIds.filter((t) => t !== context)]
      : tableIds;
  const match = (label: string) => matchRowLabel(label, matchTables());
  const updateContext = (text: string): void => {
    for (const { table, re } of CONTEXT_KEYS) {
      if (re.test(text) && tableIds.includes(table)) context = table;
    }
  };

  /** A row cut out of a token stream: as many tokens as cells, or fewer (glued), or too many. */
  const handleStream = (line: SourceLine, cells: readonly SourceCell[]): void => {
    const tokens = cells.slice(1).map((c) => c.text);
    const numbers = tokens.filter((t) => !UNIT_TOKEN.test(t));
    const rowUnit = tokens.find((t) => UNIT_TOKEN.test(t)) ?? null;
    const location = line.location;
    if (!line.anchor) {
      if (!tableIds.includes('reviewLitigation') || reviewRow) return;
      context = 'reviewLitigation';
      const width = REVIEW_LITIGATION_ROWS.length * REVIEW_LITIGATION_COLUMNS.length;
      if (numbers.length === width && numbers.every((n) => /^\d+$/.test(n))) {
        reviewRow = { values: numbers.map(Number), location };
      } else if (numbers.length < width) {
        reviewRow = { run: numbers.join(' '), location };
      } else {
        warnings.push(
          `reviewLitigation：读到${numbers.length}个数值，多于${width}个单元格，表格留空 — more values than cells; table left blank`,
        );
        reviewRow = { run: '', location };
      }
      return;
    }
    const { table, row } = line.anchor;
    if (!tableIds.includes(table)) return;
    const columns = columnsOf(template, table, row);
    if (!columns) return;
    context = table;
    const units: Record<number, string> = {};
    const blankRow = (why: string): void => {
      warnings.push(`${describeLocation(location)}：${table}.${row} ${why}`);
      record({
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
      record({
        table,
        row,
        values: numbers.map((n) => ({ value: Number(n), location })),
        location,
        units,
      });
    } else {
      record({ table, row, run: numbers.join(' '), location, units });
    }
  };

  const handleCells = (line: SourceLine, cells: readonly SourceCell[]): void => {
    if (line.stream) {
      handleStream(line, cells);
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
      updateContext(line.text);
      if (context) {
        const known = columnLabels(context);
        for (const r of readings) {
          const words = labelWords(r.cell.text);
          if (
            words.length >= 2 &&
            !known.includes(words) &&
            known.some((k) => k.startsWith(words))
          ) {
            const key = `${context}:${words}`;
            if (!truncatedSeen.has(key)) {
              truncatedSeen.add(key);
              const full = known.filter((k) => k.startsWith(words)).join('/');
              warnings.push(
                `${describeLocation(r.cell.location)}：表头“${r.cell.text}”不完整（应为 ${full}），按列位置读取 — truncated header read by position`,
              );
            }
          }
        }
      }
    }
    if (label === '' && hasNumber) {
      if (
        tableIds.includes('reviewLitigation') &&
        (context === 'reviewLitigation' || reviewRow === null)
      ) {
        const numbers = valueCells.filter((r) => r.reading.kind !== 'unit');
        const trimmed = trimTrailingBlanks(
          numbers,
          REVIEW_LITIGATION_ROWS.length * REVIEW_LITIGATION_COLUMNS.length,
        );
        if (trimmed.length === 15 && context === 'reviewLitigation' && !reviewRow) {
          reviewRow = {
            values: trimmed.map((r) => (r.reading.kind === 'number' ? r.reading.value : null)),
            location: line.location,
          };
          reviewCells = trimmed.map((r) => r.cell.location);
          return;
        }
        const only = numbers[0];
        if (
          numbers.length === 1 &&
          only &&
          context === 'reviewLitigation' &&
          !reviewRow &&
          /^\d{15,}$/.test(only.cell.text)
        ) {
          reviewRow = { run: only.cell.text, location: only.cell.location };
          return;
        }
      }
      return;
    }
    if (label === '') return;
    const hit = match(label);
    if (!hit) {
      if (hasNumber) updateContext(line.text);
      return;
    }
    if (!hasNumber && !(hit.exact && valueCells.length > 0)) return;
    context = hit.table;
    const columns = columnsOf(template, hit.table, hit.row);
    if (!columns) return;
    const units: Record<number, string> = {};
    let rowUnit: string | null = null;
    const values = valueCells.filter((r) => {
      if (r.reading.kind === 'unit') {
        rowUnit = r.reading.unit;
        return false;
      }
      return true;
    });
    const single = values[0];
    if (
      values.filter((v) => v.reading.kind !== 'blank').length === 1 &&
      single?.reading.kind === 'number' &&
      columns.length > 1 &&
      /^\d+(\.\d+)?$/.test(single.cell.text) &&
      single.cell.text.length > 1 &&
      trimTrailingBlanks(values, columns.length).length === 1
    ) {
      record({
        table: hit.table,
        row: hit.row,
        run: single.cell.text,
        location: single.cell.location,
        units,
      });
      return;
    }
    const trimmed = trimTrailingBlanks(values, columns.length);
    if (trimmed.length > columns.length) {
      warnings.push(
        `${describeLocation(line.location)}：${hit.table}.${hit.row} 多出${trimmed.length - columns.length}个单元格，已忽略 — extra cells ignored`,
      );
    } else if (trimmed.length < columns.length) {
      warnings.push(
        `${describeLocation(line.location)}：${hit.table}.${hit.row} 缺少${columns.length - trimmed.length}个单元格，按空白处理 — missing cells read as blank`,
      );
    }
    const out: { value: number | null; location: SourceLocation }[] = [];
    columns.forEach((_, c) => {
      const r = trimmed[c];
      if (!r) {
        out.push({ value: null, location: line.location });
        return;
      }
      if (r.reading.kind === 'number') {
        out.push({ value: r.reading.value, location: r.cell.location });
        if (r.reading.unit) units[c] = r.reading.unit;
        else if (rowUnit && hit.table === 'legacyStats' && /元/.test(rowUnit)) units[c] = rowUnit;
      } else {
        if (r.reading.kind === 'blank' && r.reading.printed) {
          warnings.push(
            `${describeLocation(r.cell.location)}：“${r.reading.printed}”按空白处理 — read as blank`,
          );
        } else if (r.reading.kind === 'text') {
          warnings.push(
            `${describeLocation(r.cell.location)}：无法识别的数值“${r.cell.text}”，按空白处理 — unreadable value read as blank`,
          );
        }
        out.push({ value: null, location: r.cell.location });
      }
    });
    record({ table: hit.table, row: hit.row, values: out, location: line.location, units });
  };

  const handleProse = (line: SourceLine): boolean => {
    const text = line.text;
    if (text === '' || /。/.test(text) || template === 'narrative') return false;
    const hasDigits = /\d/.test(text);
    if (!hasDigits) {
      const hit = match(text);
      if (hit?.exact && text.length <= 60) {
        const columns = columnsOf(template, hit.table, hit.row);
        if (columns && (context === hit.table || context !== null)) {
          record({
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
    if (context === 'reviewLitigation' && !reviewRow) {
      const tail = /(\d{15,})$/.exec(text);
      if (tail && (/^\d+$/.test(text) || /总计$/.test(text.slice(0, -tail[0].length)))) {
        reviewRow = { run: tail[1] ?? '', location: line.location };
        return true;
      }
    }
    const segments = segmentGluedLine(text, matchTables());
    let used = false;
    for (const segment of segments) {
      if (segment.run === null) continue;
      const hit = match(segment.label);
      if (!hit) continue;
      const columns = columnsOf(template, hit.table, hit.row);
      if (!columns) continue;
      if (!used) updateContext(text);
      used = true;
      context = hit.table;
      record({
        table: hit.table,
        row: hit.row,
        run: segment.run,
        location: line.location,
        units: {},
      });
    }
    return used;
  };

  for (const line of lines) {
    if (line.cells !== null && line.cells.length >= 2) {
      handleCells(line, line.cells);
      continue;
    }
    if (handleProse(line)) continue;
    const heading = line.cells === null ? classifyHeading(line.text) : null;
    if (heading !== null && !notAReport) {
      if (heading !== 'unknown') {
        section = heading;
        const table = SECTION_TABLE[heading];
        if (template.startsWith('legacy')) context = 'legacyStats';
        else context = table && tableIds.includes(table) ? table : null;
      }
      if (section) sectionLines.set(section, sectionLines.get(section) ?? []);
      if (heading === 'unknown' && section) sectionLines.get(section)?.push(line.raw.trim());
      continue;
    }
    updateContext(line.text);
    if (line.text === '') continue;
    prose.push(line);
    if (section) sectionLines.get(section)?.push(line.raw.trim());
  }

  // tables
  const tables: Record<string, Record<string, Record<string, number | null>>> = {};
  const units: Record<string, string> = {};
  const lowConfidence: string[] = [];
  for (const tableDef of TEMPLATES[template].tables) {
    const table = tableDef.id;
    const rows: Record<string, Record<string, number | null>> = {};
    if (table === 'reviewLitigation') {
      const found = reviewRow as {
        values?: (number | null)[];
        run?: string;
        location: SourceLocation;
      } | null;
      if (!found) continue;
      let values: (number | null)[] = [];
      let confidence = 1;
      if (found.values) values = found.values;
      else if (found.run !== undefined) {
        const split = splitDigitRun(found.run, REVIEW_SHAPE);
        if (split.candidates.length === 1 && split.candidates[0]) values = [...split.candidates[0]];
        else if (split.candidates.length === 0) {
          confidence = 0;
          if (found.run !== '')
            warnings.push(
              `${describeLocation(found.location)}：reviewLitigation 的数字串“${found.run}”无法拆分为15个数，表格留空 — could not split the digit run`,
            );
        } else {
          values = mergeCandidates(split.candidates, 15);
          confidence = 0;
          warnings.push(
            ambiguityWarning('reviewLitigation', found.run, split.candidates, found.location),
          );
        }
      }
      REVIEW_LITIGATION_ROWS.forEach((row, r) => {
        rows[row] = {};
        REVIEW_LITIGATION_COLUMNS.forEach((column, c) => {
          const value = values[r * 5 + c] ?? null;
          (rows[row] as Record<string, number | null>)[column] = value;
          const location = reviewCells?.[r * 5 + c] ?? found.location;
          provenance[`reviewLitigation.${row}.${column}`] = provenanceOf(
            location,
            value === null && found.run !== undefined ? 0 : confidence,
          );
        });
      });
      tables[table] = rows;
      continue;
    }
    const tableRecords = [...records.values()].filter((r) => r.table === table);
    if (tableRecords.length === 0) continue;
    const candidates = new Map<string, readonly (readonly number[])[]>();
    const runRows = new Set<string>();
    for (const rec of tableRecords) {
      const columns = columnsOf(template, table, rec.row) ?? [];
      if (rec.run !== undefined) {
        runRows.add(rec.row);
        const split = splitDigitRun(rec.run, shapeFor(table, columns));
        let list: readonly (readonly number[])[] = split.candidates;
        if (list.length === 0 && /^\d+$/.test(rec.run) && rec.run.length === columns.length) {
          list = [[...rec.run].map(Number)];
          warnings.push(
            `${describeLocation(rec.location)}：${table}.${rec.row} 的数字串“${rec.run}”不满足行合计，按每位一个数拆分 — digits split one per cell although the row total does not hold`,
          );
        }
        if (list.length === 0) {
          warnings.push(
            `${describeLocation(rec.location)}：${table}.${rec.row} 的数字串“${rec.run}”无法拆分为${columns.length}个数，单元格留空 — could not split the digit run`,
          );
        }
        candidates.set(rec.row, list);
      } else if (rec.values && rec.values.every((v) => v.value !== null)) {
        candidates.set(rec.row, [rec.values.map((v) => v.value ?? 0)]);
      }
    }
    // a "previous" report that is not of the year before (the same year uploaded again, or an
    // older one) says nothing about this year's figures
    const previous =
      options.previous && year !== null && options.previous.year === year - 1
        ? options.previous
        : null;
    if (previous) {
      for (const [row, list] of candidates) {
        if (!runRows.has(row)) continue;
        const columns = columnsOf(template, table, row) ?? [];
        const agrees = carriedFromPrevious(template, table, row, columns, previous);
        if (!agrees) continue;
        const kept = list.filter(agrees);
        if (kept.length > 0) candidates.set(row, kept);
        else if (list.length > 0) {
          warnings.push(
            `${table}.${row}：没有一种拆分与上一年度报告的结转/累计数相符，未使用上一年度数据 — no split agrees with last year's figures`,
          );
        }
      }
    }
    // rows a table does not print (the legacy tables differ) drop out of its sums
    const printedRows = new Set(tableRecords.map((r) => r.row));
    const identities = identitiesFor(template, table).map((identity) =>
      table === 'legacyStats'
        ? { terms: identity.terms.filter((t) => t.coef > 0 || printedRows.has(t.row)) }
        : identity,
    );
    const solved = runRows.size > 0 ? solveRows(candidates, identities) : null;
    if (solved?.identitiesDropped) {
      warnings.push(
        `${table}：没有一种拆分能满足表内勾稽关系，只保留唯一的拆分 — no split satisfies the table identities; only unambiguous rows kept`,
      );
    }
    for (const rec of tableRecords) {
      const columns = columnsOf(template, table, rec.row) ?? [];
      const out: Record<string, number | null> = {};
      if (rec.run !== undefined) {
        const values = solved?.rows.get(rec.row) ?? [];
        const ambiguous = solved?.ambiguous.get(rec.row);
        const unique = (candidates.get(rec.row)?.length ?? 0) === 1;
        if (ambiguous) {
          warnings.push(ambiguityWarning(`${table}.${rec.row}`, rec.run, ambiguous, rec.location));
        } else if (!unique && values.length > 0) {
          lowConfidence.push(`${table}.${rec.row}`);
        }
        columns.forEach((column, c) => {
          const value = values[c] ?? null;
          out[column] = value;
          provenance[`${table}.${rec.row}.${column}`] = provenanceOf(
            rec.location,
            value === null ? 0 : unique ? 1 : 0.9,
          );
        });
      } else {
        columns.forEach((column, c) => {
          const v = rec.values?.[c];
          out[column] = v?.value ?? null;
          provenance[`${table}.${rec.row}.${column}`] = provenanceOf(
            v?.location ?? rec.location,
            rec.unread ? 0 : 1,
          );
        });
      }
      for (const [c, unit] of Object.entries(rec.units)) {
        const column = columns[Number(c)];
        if (column) units[`${table}.${rec.row}.${column}`] = unit;
      }
      rows[rec.row] = out;
    }
    const ordered: Record<string, Record<string, number | null>> = {};
    for (const row of tableDef.rows) {
      const value = rows[row.key];
      if (value) ordered[row.key] = value;
      else if (!tableDef.rowsOptional) {
        warnings.push(`${table}.${row.key}：报告中未找到该行 — row not found in the report`);
      }
    }
    tables[table] = ordered;
  }
  if (lowConfidence.length > 0) {
    warnings.push(
      `按列合计确定了数字串的拆分：${lowConfidence.join('、')} — digit runs split using column totals`,
    );
  }
  for (const table of tableIds) {
    if (!tables[table] && template !== 'narrative') {
      warnings.push(`未找到表格 ${table} — table ${table} not found`);
    }
  }

  const proseFacts = extractProseFacts(prose);
  warnings.push(...proseFacts.warnings);
  const facts: Record<string, number> = {};
  for (const [key, found] of Object.entries(proseFacts.facts)) {
    if (!found) continue;
    facts[key] = found.value;
    provenance[`facts.${key}`] = provenanceOf({ line: found.line }, found.confidence);
  }
  const staffing: Mutable<NonNullable<AnnualReport['staffing']>> = {
    leadingGroup: null,
    dedicatedStaff: null,
    partTimeStaff: null,
    trainings: null,
  };
  for (const key of ['leadingGroup', 'dedicatedStaff', 'partTimeStaff', 'trainings'] as const) {
    const found = proseFacts.staffing[key];
    if (!found) continue;
    (staffing as Record<string, unknown>)[key] = found.value;
    provenance[`staffing.${key}`] = provenanceOf({ line: found.line }, found.confidence);
  }

  const sections: Record<SectionKey, string | null> = {
    overview: null,
    proactive: null,
    applications: null,
    reviewLitigation: null,
    problems: null,
    other: null,
  };
  for (const key of SECTION_KEYS) {
    const text = sectionLines.get(key);
    if (text) sections[key] = text.join('\n').trim();
  }

  let yearValue = year;
  if (yearValue === null) {
    yearValue = new Date().getUTCFullYear() - 1;
    warnings.push(
      `未找到统计年度，暂记为${yearValue}年 — statistics year not found; assumed ${yearValue}`,
    );
  } else if (meta.year && meta.year.confidence < 1) {
    warnings.push(
      `统计年度${yearValue}取自正文第${meta.year.line ?? '?'}行（无标题） — year taken from the body text`,
    );
  }
  if (meta.year) provenance.year = provenanceOf({ line: meta.year.line }, meta.year.confidence);
  let orgName = meta.organization?.value ?? '';
  if (orgName === '') {
    orgName = '（未识别的机关）';
    warnings.push('未识别出报告机关名称 — organization not recognised');
  } else if (meta.organization && meta.organization.confidence < 1) {
    warnings.push(
      `机关名称“${orgName}”是从正文推断的，请核实 — organization inferred from the text`,
    );
  }
  if (meta.organization)
    provenance['organization.name'] = provenanceOf(
      { line: meta.organization.line },
      meta.organization.confidence,
    );
  if (meta.title) provenance.title = provenanceOf({ line: meta.title.line }, meta.title.confidence);
  else if (!notAReport) warnings.push('未找到报告标题 — no title found');
  if (meta.publishedOn)
    provenance.publishedOn = provenanceOf(
      { line: meta.publishedOn.line },
      meta.publishedOn.confidence,
    );

  let kind: ReportKind = 'annual-report';
  const sectionCount = SECTION_KEYS.filter((k) => sections[k] !== null).length;
  if (notAReport) {
    kind = 'not-a-report';
    warnings.unshift(
      `${fileName}：这不是政府信息公开工作年度报告（第${notAReport.line ?? '?'}行：“${notAReport.value}”），未生成任何表格 — not an annual report (${notAReport.value}); no tables were read`,
    );
  } else if (!meta.title && Object.keys(tables).length === 0 && sectionCount < 3) {
    kind = 'not-a-report';
    warnings.unshift(
      `${fileName}：既无年度报告标题，也无统计表和章节结构 — no report title, tables or sections: not an annual report`,
    );
  }

  const report: AnnualReport = {
    format: REPORT_FORMAT,
    template: kind === 'not-a-report' ? 'narrative' : template,
    year: yearValue,
    organization: { name: orgName, region: regionOf(orgName) },
    title: meta.title?.value ?? null,
    publishedOn: meta.publishedOn?.value ?? null,
    sections,
    tables: kind === 'not-a-report' ? {} : (tables as AnnualReport['tables']),
    ...(Object.keys(units).length > 0 ? { units } : {}),
    staffing,
    facts,
    provenance,
  };
  return { report, provenance, warnings, kind };
}

/**
 * What last year's report says about a row of this year's, as a test on a candidate split: the
 * carried-over applications are last year's carried-forward, 现行有效件数 rolls forward by the
 * year's issued and repealed, 对外公开总数量 by the year's published, 上一年项目数量 is last year's
 * items plus change, a 历年累计 is last year's plus this year's. null when it says nothing.
 */
function carriedFromPrevious(
  template: TemplateId,
  table: TableId,
  row: string,
  columns: readonly string[],
  previous: AnnualReport,
): ((values: readonly number[]) => boolean) | null {
  const prev = (previous.tables as Record<string, Record<string, Record<string, number | null>>>)[
    table
  ];
  const at = (column: string): number => columns.indexOf(column);
  const known = (value: number | null | undefined): value is number =>
    typeof value === 'number' && Number.isFinite(value);
  const national = (t: TemplateId): boolean => t === '2019' || t === '2021';
  if (!prev) return null;
  if (table === 'applications' && row === 'carriedOver' && national(template)) {
    if (!national(previous.template)) return null;
    const forward = prev.carriedForward;
    if (!forward) return null;
    return (values) => columns.every((c, i) => !known(forward[c]) || values[i] === forward[c]);
  }
  if (table === 'article20' && previous.template === template) {
    const last = prev[row];
    if (!last) return null;
    if (template === '2021' && known(last.inForce) && at('inForce') >= 0) {
      const base = last.inForce;
      return (v) => v[at('inForce')] === base + (v[at('issued')] ?? 0) - (v[at('repealed')] ?? 0);
    }
    if (template === '2019' && known(last.totalPublic) && at('totalPublic') >= 0) {
      const base = last.totalPublic;
      return (v) => v[at('totalPublic')] === base + (v[at('published')] ?? 0);
    }
    if (template === '2019' && known(last.previousItems) && known(last.change)) {
      const expected = last.previousItems + last.change;
      return (v) => v[at('previousItems')] === expected;
    }
    return null;
  }
  if (table === 'legacyStats' && previous.template.startsWith('legacy')) {
    const base = prev[row]?.cumulative;
    if (!known(base)) return null;
    return (v) => Math.abs((v[at('cumulative')] ?? 0) - base - (v[at('year')] ?? 0)) < 0.005;
  }
  return null;
}

function regionOf(name: string): string | null {
  const hit = /^(.*?[省市县区旗州盟])/.exec(name);
  return hit?.[1] && hit[1].length < name.length ? hit[1] : null;
}

function trimTrailingBlanks<T extends { reading: { kind: string } }>(
  cells: readonly T[],
  expected: number,
): T[] {
  const out = [...cells];
  while (out.length > expected && out[out.length - 1]?.reading.kind === 'blank') out.pop();
  return out;
}

function mergeCandidates(
  candidates: readonly (readonly number[])[],
  width: number,
): (number | null)[] {
  return Array.from({ length: width }, (_, c) => {
    const first = candidates[0]?.[c];
    return first !== undefined && candidates.every((v) => v[c] === first) ? first : null;
  });
}

function ambiguityWarning(
  what: string,
  run: string,
  candidates: readonly (readonly number[])[],
  location: SourceLocation,
): string {
  const shown = candidates
    .slice(0, 8)
    .map((c) => `[${c.join(',')}]`)
    .join(' | ');
  const more = candidates.length > 8 ? ` …（共${candidates.length}种）` : '';
  return `${describeLocation(location)}：${what} 的数字串“${run}”有多种拆分：${shown}${more}；无法确定的单元格留空 — ambiguous digit run, undetermined cells left blank`;
}
