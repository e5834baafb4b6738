import { decodeText, ImportError, safeUnzip, type UnzipLimits } from '@gongkai/report-import';
import type ExcelJS from 'exceljs';
import { badInput } from '../../common/domain-error';

/**
 * Zip-bomb limits of a roster workbook: the report importer's mechanism (`safeUnzip`, inflating
 * in 1 kB steps and stopping at the limit) with smaller bounds — a roster of 100,000 bodies is
 * about 20 MB of sheet XML.
 */
export const ROSTER_UNZIP_LIMITS: UnzipLimits = {
  maxEntryBytes: 48 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 2_000,
};

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
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** The Chinese heading of each column (the template's header row). */
export const COLUMN_TITLES: Record<RosterColumn, string> = {
  code: '编码',
  name: '单位名称',
  level: '层级',
  parent_code: '上级编码',
  kind: '部门类别',
  peer_group: '同类组',
  region: '地区',
  active_from: '起始年度',
  active_to: '截止年度',
  reports: '是否报送',
};

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
  if (quoted)
    throw badInput('file', 'unterminated quoted field in the CSV', {
      key: 'roster.unterminatedQuote',
    });
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toRecords(grid: string[][]): RosterRecord[] {
  const [header, ...rest] = grid;
  if (!header || header.every((c) => c.trim() === ''))
    throw badInput('file', 'the roster is empty', { key: 'roster.empty' });
  const columns = header.map(normaliseHeader);
  const missing = ['code', 'name', 'level'].filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw badInput('file', `the header lacks the column(s) ${missing.join(', ')}`, {
      key: 'roster.missingColumns',
      params: { columns: missing.map((c) => COLUMN_TITLES[c as RosterColumn]).join('、') },
    });
  const unknown = columns.filter(
    (c) => c !== '' && !(ROSTER_COLUMNS as readonly string[]).includes(c),
  );
  if (unknown.length > 0)
    throw badInput(
      'file',
      `unknown column(s) ${unknown.join(', ')}; expected ${ROSTER_COLUMNS.join(', ')}`,
      { key: 'roster.unknownColumns', params: { columns: unknown.join('、') } },
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

/**
 * Reads a roster from CSV (UTF-8 or GB18030/GBK, as Chinese Windows saves it; a BOM wins) or the
 * first worksheet of an XLSX workbook (inflated within ROSTER_UNZIP_LIMITS before exceljs sees it).
 */
export async function parseRosterFile(bytes: Buffer, fileName: string): Promise<RosterRecord[]> {
  if (bytes.length === 0) throw badInput('file', 'the roster is empty', { key: 'roster.empty' });
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    const unreadable = badInput('file', 'the workbook cannot be read (corrupt or not .xlsx)', {
      key: 'roster.badWorkbook',
    });
    if (!isZip) throw unreadable;
    try {
      safeUnzip(bytes, () => true, fileName, ROSTER_UNZIP_LIMITS);
    } catch (error) {
      if (error instanceof ImportError && error.code === 'archive-too-large')
        throw badInput('file', error.message, {
          key: 'roster.workbookTooLarge',
          params: { mb: ROSTER_UNZIP_LIMITS.maxTotalBytes / 1024 / 1024 },
        });
      throw unreadable;
    }
    // Loaded on first use: exceljs adds ~30 MB to a process that never reads a workbook.
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw unreadable;
    }
    const sheet = workbook.worksheets[0];
    if (!sheet)
      throw badInput('file', 'the workbook has no worksheet', { key: 'roster.badWorkbook' });
    const grid: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      grid[rowNumber - 1] = cells;
    });
    return toRecords(Array.from(grid, (r) => r ?? []));
  }
  if (!/\.(csv|txt)$/i.test(fileName))
    throw badInput('file', 'a roster must be a .csv or .xlsx file', { key: 'roster.fileType' });
  let text: string;
  try {
    text = decodeText(bytes, fileName).text;
  } catch (error) {
    throw badInput(
      'file',
      error instanceof Error ? error.message : 'not a text file',
      error instanceof ImportError && error.code === 'binary'
        ? { key: 'roster.binary' }
        : { key: 'roster.undecodable' },
    );
  }
  return toRecords(parseCsv(text));
}
