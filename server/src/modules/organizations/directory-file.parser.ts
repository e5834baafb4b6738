import {
  isZip,
  OfficeInputError,
  readCsv,
  readUntrustedWorkbook,
  sheetGrid,
  UNTRUSTED_WORKBOOK_LIMITS,
} from '@gongkai/office';
import type { Workbook } from 'exceljs';
import { badInput } from '../../common/domain-error';

export type DirectoryRecord = { line: number; values: Record<string, string> };

export const DIRECTORY_COLUMNS = [
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
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

/** The Chinese heading of each column (the template's header row). */
export const COLUMN_TITLES: Record<DirectoryColumn, string> = {
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
const HEADER_ALIASES: Record<string, (typeof DIRECTORY_COLUMNS)[number]> = {
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

function toRecords(grid: string[][]): DirectoryRecord[] {
  const [header, ...rest] = grid;
  if (!header || header.every((c) => c.trim() === ''))
    throw badInput('file', 'the roster is empty', { key: 'directory.empty' });
  const columns = header.map(normaliseHeader);
  const missing = ['code', 'name', 'level'].filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw badInput('file', `the header lacks the column(s) ${missing.join(', ')}`, {
      key: 'directory.missingColumns',
      params: { columns: missing.map((c) => COLUMN_TITLES[c as DirectoryColumn]).join('、') },
    });
  const unknown = columns.filter(
    (c) => c !== '' && !(DIRECTORY_COLUMNS as readonly string[]).includes(c),
  );
  if (unknown.length > 0)
    throw badInput(
      'file',
      `unknown column(s) ${unknown.join(', ')}; expected ${DIRECTORY_COLUMNS.join(', ')}`,
      { key: 'directory.unknownColumns', params: { columns: unknown.join('、') } },
    );
  const records: DirectoryRecord[] = [];
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

/**
 * Reads a roster from CSV (UTF-8 or GB18030/GBK, as Chinese Windows saves it; a BOM wins) or the
 * first worksheet of an XLSX workbook (inflated within the untrusted-workbook limits of
 * `@gongkai/office` before exceljs sees it).
 */
export async function parseDirectoryFile(
  bytes: Buffer,
  fileName: string,
): Promise<DirectoryRecord[]> {
  if (bytes.length === 0) throw badInput('file', 'the roster is empty', { key: 'directory.empty' });
  if (/\.xlsx$/i.test(fileName) || isZip(bytes)) {
    let workbook: Workbook;
    try {
      workbook = await readUntrustedWorkbook(bytes, fileName);
    } catch (error) {
      if (error instanceof OfficeInputError && error.code === 'archive-too-large')
        throw badInput('file', error.message, {
          key: 'directory.workbookTooLarge',
          params: { mb: UNTRUSTED_WORKBOOK_LIMITS.maxTotalBytes / 1024 / 1024 },
        });
      if (error instanceof OfficeInputError && error.code === 'archive-ratio')
        throw badInput('file', error.message, {
          key: 'directory.workbookCompressed',
          params: { ratio: UNTRUSTED_WORKBOOK_LIMITS.maxRatio ?? 0 },
        });
      throw badInput('file', 'the workbook cannot be read (corrupt or not .xlsx)', {
        key: 'directory.badWorkbook',
      });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet)
      throw badInput('file', 'the workbook has no worksheet', { key: 'directory.badWorkbook' });
    return toRecords(sheetGrid(sheet));
  }
  if (!/\.(csv|txt)$/i.test(fileName))
    throw badInput('file', 'a roster must be a .csv or .xlsx file', { key: 'directory.fileType' });
  let rows: string[][];
  try {
    rows = readCsv(bytes, fileName).rows;
  } catch (error) {
    if (!(error instanceof OfficeInputError)) throw error;
    if (error.code === 'bad-csv')
      throw badInput('file', error.message, { key: 'directory.unterminatedQuote' });
    throw badInput(
      'file',
      error.message,
      error.code === 'binary' ? { key: 'directory.binary' } : { key: 'directory.undecodable' },
    );
  }
  return toRecords(rows);
}
