import type ExcelJS from 'exceljs';
import { badInput } from '../../common/domain-error';

export type RosterRecord = { line: number; values: Record<string, string> };

export const ROSTER_COLUMNS = [
  'code',
  'name',
  'level',
  'parent_code',
  'kind',
  'peer_group',
  'region',
  'active_from',
  'active_to',
  'reports',
] as const;

/** Header aliases (Chinese headings as city offices write them). */
const HEADER_ALIASES: Record<string, (typeof ROSTER_COLUMNS)[number]> = {
  编码: 'code',
  代码: 'code',
  名称: 'name',
  单位名称: 'name',
  层级: 'level',
  级别: 'level',
  上级编码: 'parent_code',
  上级代码: 'parent_code',
  类别: 'kind',
  部门类别: 'kind',
  同类组: 'peer_group',
  地区: 'region',
  起始年度: 'active_from',
  截止年度: 'active_to',
  是否报送: 'reports',
};

function normaliseHeader(cell: string): string {
  const trimmed = cell.trim().replace(/^\uFEFF/, '');
  return HEADER_ALIASES[trimmed] ?? trimmed.toLowerCase().replace(/[\s-]+/g, '_');
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw badInput('file', 'unterminated quoted field in the CSV');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toRecords(grid: string[][]): RosterRecord[] {
  const [header, ...rest] = grid;
  if (!header) throw badInput('file', 'the roster is empty');
  const columns = header.map(normaliseHeader);
  const missing = ['code', 'name', 'level'].filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw badInput('file', `the header lacks the column(s) ${missing.join(', ')}`);
  const unknown = columns.filter(
    (c) => c !== '' && !(ROSTER_COLUMNS as readonly string[]).includes(c),
  );
  if (unknown.length > 0)
    throw badInput(
      'file',
      `unknown column(s) ${unknown.join(', ')}; expected ${ROSTER_COLUMNS.join(', ')}`,
    );
  const records: RosterRecord[] = [];
  rest.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column !== '') values[column] = (cells[i] ?? '').trim();
    });
    records.push({ line: index + 2, values });
  });
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** Reads a roster from CSV (UTF-8) or the first worksheet of an XLSX workbook. */
export async function parseRosterFile(bytes: Buffer, fileName: string): Promise<RosterRecord[]> {
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    if (!isZip) throw badInput('file', 'not a valid .xlsx file');
    // Loaded on first use: exceljs adds ~30 MB to a process that never reads a workbook.
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw badInput('file', 'the workbook cannot be read (corrupt or not .xlsx)');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw badInput('file', 'the workbook has no worksheet');
    const grid: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      grid[rowNumber - 1] = cells;
    });
    return toRecords(Array.from(grid, (r) => r ?? []));
  }
  if (!/\.(csv|txt)$/i.test(fileName))
    throw badInput('file', 'a roster must be a .csv or .xlsx file');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000')) throw badInput('file', 'binary content is not a CSV roster');
  return toRecords(parseCsv(text));
}
