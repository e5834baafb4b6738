import {
  FACT_KEYS,
  REPORT_FORMAT,
  SECTION_KEYS,
  TEMPLATES,
  findCell,
  isTemplateId,
  type AnnualReport,
  type ProvenanceEntry,
  type SectionKey,
  type TableId,
} from '@gongkai/report-model';
import { ImportError } from '../import-error';
import { type UnzipLimits } from '../input/safe-unzip';
import { readCell } from '../extract/cell-value';
import { normalizeText } from '../text/normalize-text';
import {
  FIRST_VALUE_COLUMN,
  WORKBOOK_MARKER,
  cellRef,
  parseCellRef,
} from './template-workbook.layout';
import { type RawValue, type Sheet, asText, readSheets } from './workbook-sheets';

/**
 * Reads the project's template workbook back into a report. Keys come from the hidden column A
 * and row 1, never from the visible labels, so a bureau may reformat the sheets freely.
 */
export function readTemplateWorkbook(
  bytes: Uint8Array,
  file: string,
  limits?: UnzipLimits,
): { report: AnnualReport; provenance: Record<string, ProvenanceEntry>; warnings: string[] } {
  const sheets = readSheets(bytes, file, limits);
  const info = sheets.find((sheet) => asText(sheet.cells.get('A1')) === WORKBOOK_MARKER);
  if (!info) {
    throw new ImportError(
      'not-a-template-workbook',
      'this workbook is not the Gongkai report template (marker in the info sheet missing); download the template and fill it in',
      { file, cell: 'A1' },
    );
  }
  const warnings: string[] = [];
  const provenance: Record<string, ProvenanceEntry> = {};
  const warnUncalculated = (sheet: Sheet, ref: string): void => {
    const formula = sheet.uncalculated.get(ref);
    if (formula === undefined) return;
    const shown = formula.length > 60 ? `${formula.slice(0, 60)}…` : formula;
    warnings.push(
      `${sheet.name}!${ref}：公式${shown ? `“=${shown}”` : ''}没有计算结果，按空白处理 — formula without a cached value, read as blank`,
    );
  };
  const values = new Map<
    string,
    { value: RawValue | undefined; ref: string; text: string | null }
  >();
  // Only the rows that have a key in column A: a cell reference such as A99999999 must not make
  // this walk a hundred million empty rows.
  const keyRows = [
    ...new Set(
      [...info.cells.keys()]
        .map((ref) => parseCellRef(ref))
        .filter((at): at is NonNullable<typeof at> => at?.column === 1 && at.row >= 2)
        .map((at) => at.row),
    ),
  ].sort((a, b) => a - b);
  for (const row of keyRows) {
    const key = asText(info.cells.get(cellRef(row, 1)));
    if (!key) continue;
    const ref = cellRef(row, FIRST_VALUE_COLUMN);
    const first = info.cells.get(ref);
    if (!first) warnUncalculated(info, ref);
    let text: string | null = asText(first);
    if (first?.kind === 'string') {
      for (let c = FIRST_VALUE_COLUMN + 1; ; c += 1) {
        const more = info.cells.get(cellRef(row, c));
        if (more?.kind !== 'string') break;
        text += more.value;
      }
    }
    values.set(key, { value: first, ref: `${info.name}!${ref}`, text });
  }
  const templateText = values.get('template')?.text ?? '';
  if (!isTemplateId(templateText)) {
    throw new ImportError('not-a-template-workbook', `unknown template "${templateText}"`, {
      file,
      cell: values.get('template')?.ref ?? `${info.name}!C2`,
    });
  }
  const template = templateText;
  const str = (key: string): string | null => {
    const v = values.get(key);
    if (v?.text === null || v?.text === undefined || v.text.trim() === '') return null;
    provenance[key] = { source: v.ref, confidence: 1 };
    return v.text;
  };
  const num = (key: string): number | null => {
    const v = values.get(key);
    if (!v || v.value === undefined) return null;
    provenance[key] = { source: v.ref, confidence: 1 };
    if (v.value.kind === 'number') return v.value.value;
    const reading = readCell(normalizeText(String(v.value.value)));
    if (reading.kind === 'number') return reading.value;
    warnings.push(
      `${v.ref}：“${String(v.value.value)}”不是数字，按空白处理 — not a number, read as blank`,
    );
    return null;
  };
  const yearValue = num('year');
  if (yearValue === null || !Number.isInteger(yearValue)) {
    throw new ImportError('not-a-template-workbook', 'the statistics year is missing', {
      file,
      cell: values.get('year')?.ref ?? `${info.name}!C3`,
    });
  }
  const sections = Object.fromEntries(
    SECTION_KEYS.map((key) => [key, str(`sections.${key}`)]),
  ) as Record<SectionKey, string | null>;
  const leading = values.get('staffing.leadingGroup');
  let leadingGroup: boolean | null = null;
  if (leading?.value?.kind === 'boolean') leadingGroup = leading.value.value;
  else if (leading?.text && /^(是|有|true|yes)$/i.test(leading.text.trim())) leadingGroup = true;
  else if (leading?.text && /^(否|无|false|no)$/i.test(leading.text.trim())) leadingGroup = false;
  if (leading?.value) provenance['staffing.leadingGroup'] = { source: leading.ref, confidence: 1 };
  const facts: Record<string, number> = {};
  for (const key of FACT_KEYS) {
    const value = num(`facts.${key}`);
    if (value !== null) facts[key] = value;
  }
  const units: Record<string, string> = {};
  for (const key of values.keys()) {
    if (!key.startsWith('units.')) continue;
    const unit = str(key);
    if (unit) units[key.slice('units.'.length)] = unit;
  }

  const tables: Record<string, Record<string, Record<string, number | null>>> = {};
  for (const sheet of sheets) {
    const marker = asText(sheet.cells.get('A1')) ?? '';
    if (!marker.startsWith('table:')) continue;
    const tableId = marker.slice('table:'.length) as TableId;
    const def = TEMPLATES[template].tables.find((t) => t.id === tableId);
    if (!def) {
      warnings.push(
        `工作表“${sheet.name}”的表格 ${tableId} 不属于 ${template} 模板，已忽略 — sheet ignored`,
      );
      continue;
    }
    const columnAt = new Map<number, string>();
    for (const [ref, value] of sheet.cells) {
      const at = parseCellRef(ref);
      if (at?.row === 1 && at.column >= FIRST_VALUE_COLUMN && value.kind === 'string') {
        columnAt.set(at.column, value.value);
      }
    }
    const rowAt = new Map<number, string>();
    for (const [ref, value] of sheet.cells) {
      const at = parseCellRef(ref);
      if (at && at.column === 1 && at.row >= 3 && value.kind === 'string')
        rowAt.set(at.row, value.value);
    }
    const rows: Record<string, Record<string, number | null>> = {};
    for (const [rowNo, rowKey] of [...rowAt.entries()].sort((a, b) => a[0] - b[0])) {
      const rowDef = def.rows.find((r) => r.key === rowKey);
      if (!rowDef) continue;
      const out: Record<string, number | null> = {};
      for (const column of rowDef.columns) {
        const colNo = [...columnAt.entries()].find(([, key]) => key === column)?.[0];
        const path = `${def.id}.${rowKey}.${column}`;
        if (colNo === undefined) {
          out[column] = null;
          continue;
        }
        const ref = cellRef(rowNo, colNo);
        const raw = sheet.cells.get(ref);
        if (!raw) warnUncalculated(sheet, ref);
        provenance[path] = { source: `${sheet.name}!${ref}`, confidence: 1 };
        let value: number | null = null;
        if (raw?.kind === 'number') value = raw.value;
        else if (raw?.kind === 'string') {
          const reading = readCell(normalizeText(raw.value));
          if (reading.kind === 'number') {
            value = reading.value;
            if (reading.unit) units[path] = reading.unit;
          } else if (reading.kind !== 'blank' || reading.printed) {
            warnings.push(
              `${sheet.name}!${ref}：“${raw.value}”不是数字，按空白处理 — not a number, read as blank`,
            );
          }
        }
        const kind = findCell(template, path)?.kind ?? 'count';
        if (value !== null && kind !== 'money' && !Number.isInteger(value)) {
          warnings.push(
            `${sheet.name}!${ref}：${path} 应为整数，实为${value} — a count with decimals`,
          );
        }
        if (value !== null && kind !== 'change' && value < 0) {
          warnings.push(`${sheet.name}!${ref}：${path} 为负数 — negative value`);
        }
        out[column] = value;
      }
      rows[rowKey] = out;
    }
    tables[def.id] = rows;
  }
  const region = str('organization.region');
  const report: AnnualReport = {
    format: REPORT_FORMAT,
    template,
    year: yearValue,
    organization: { name: str('organization.name') ?? '', region },
    title: str('title'),
    publishedOn: str('publishedOn'),
    sections,
    tables: tables as AnnualReport['tables'],
    ...(Object.keys(units).length > 0 ? { units } : {}),
    staffing: {
      leadingGroup,
      dedicatedStaff: num('staffing.dedicatedStaff'),
      partTimeStaff: num('staffing.partTimeStaff'),
      trainings: num('staffing.trainings'),
    },
    facts,
    provenance,
  };
  return { report, provenance, warnings };
}
