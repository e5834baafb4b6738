import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { OrganizationEntity } from './organization.entity';
import { LEVEL_NAMES_ZH } from './organization-rules';
import { COLUMN_TITLES, DIRECTORY_COLUMNS } from './directory-file.parser';

/** The colours of the ranking sheets (exports module): header fill and border. */
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDE6F2' },
};
const BORDER_COLOR = { argb: 'FF9FB1C9' };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: BORDER_COLOR },
  left: { style: 'thin', color: BORDER_COLOR },
  bottom: { style: 'thin', color: BORDER_COLOR },
  right: { style: 'thin', color: BORDER_COLOR },
};

export const TREE_SHEET = '机构名录';
export const TREE_HEADERS = [
  '编码',
  '名称',
  '层级',
  '部门类别',
  '同类组',
  '上级',
  '隶属路径',
  '起始年度',
  '截止年度',
  '是否报送',
] as const;
const TREE_WIDTHS = [22, 30, 12, 14, 14, 24, 60, 10, 10, 10];

/**
 * Writes the hierarchy as .xlsx (streamed, row by row): a title row, a header row repeated on
 * every printed page, A4 landscape fitted to the width, frozen header, autofilter; one row per
 * body in path order with its parent and the path of names from the root. `bodies` must come in
 * path order (a parent before its children) so that names of ancestors are known when needed;
 * `above` names the ancestors of the first body that are not themselves exported.
 */
export async function writeTreeWorkbook(
  out: Writable,
  title: string,
  above: ReadonlyMap<string, string>,
  bodies: AsyncIterable<OrganizationEntity>,
): Promise<number> {
  const { stream } = await import('exceljs');
  const book = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  book.creator = 'Gongkai';
  book.created = new Date();
  const sheet = book.addWorksheet(TREE_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
    },
    views: [{ state: 'frozen', ySplit: 2, xSplit: 2 }],
  });
  sheet.columns = TREE_WIDTHS.map((width) => ({ width }));
  const titleRow = sheet.addRow([title]);
  titleRow.height = 26;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, TREE_HEADERS.length);
  titleRow.commit();
  const header = sheet.addRow([...TREE_HEADERS]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.commit();
  const names = new Map(above);
  let count = 0;
  for await (const body of bodies) {
    names.set(body.id, body.name);
    const ids = body.path.split('/').filter((s) => s !== '');
    const row = sheet.addRow([
      body.code,
      body.name,
      LEVEL_NAMES_ZH[body.level],
      body.kind,
      body.peerGroup,
      body.parentId ? (names.get(body.parentId) ?? null) : null,
      ids.map((id) => names.get(id) ?? '').join(' › '),
      body.activeFromYear,
      body.activeToYear,
      body.reports ? '是' : '否',
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
    });
    row.commit();
    count += 1;
  }
  sheet.autoFilter = {
    from: { row: 2, column: 1 },
    to: { row: 2 + count, column: TREE_HEADERS.length },
  };
  sheet.commit();
  await book.commit();
  return count;
}

/** The roster template: Chinese headings, two example rows, and a sheet of notes. */
export async function directoryTemplate(): Promise<Buffer> {
  const { Workbook } = await import('exceljs');
  const book = new Workbook();
  book.creator = 'Gongkai';
  const sheet = book.addWorksheet('名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DIRECTORY_COLUMNS.map((c) => ({ header: COLUMN_TITLES[c], width: 16 }));
  sheet.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  sheet.addRow(['demo-x', '某某县', '县', '上级市的编码', '', '', '某省某市某县', '', '', '是']);
  sheet.addRow([
    'demo-x-01',
    '某某县财政局',
    '部门',
    'demo-x',
    '财政局',
    '县直部门',
    '',
    '2024',
    '',
    '是',
  ]);
  const notes = book.addWorksheet('填写说明');
  notes.columns = [{ width: 14 }, { width: 80 }];
  const lines: [string, string][] = [
    [
      '编码',
      '必填。1–64 位字母、数字、点、横线或下划线；系统以编码识别单位，已有编码的行会更新该单位。',
    ],
    ['单位名称', '必填，不超过 200 字。'],
    [
      '层级',
      '必填：全国（或国家，仅作最上级，不填上级编码、不报送）、省、市、县（或区）、部门、乡镇（或街道）。已有单位的层级不能通过名单修改。',
    ],
    [
      '上级编码',
      '上级单位的编码（在本文件中或系统中已有）；改填另一个编码即把单位移到新的上级之下。',
    ],
    ['部门类别', '选填，如“科技局”，用于同类比较。'],
    ['同类组', '选填。'],
    ['地区', '选填，如“某省某市某县”。'],
    ['起始年度', '选填，四位年份：从该统计年度起报送。'],
    ['截止年度', '选填，四位年份：报送到该统计年度为止（即撤销、合并）；下级单位须一并填写。'],
    ['是否报送', '选填：是/否，默认“是”（全国层级默认且只能为“否”）。'],
    ['', '先点“预览”查看将新增、变更、迁移、撤销的单位；有任何错误行时，整份名单都不会保存。'],
    ['', '文件可以是 .xlsx，或 UTF-8 / GB18030（GBK）编码的 .csv。'],
  ];
  for (const line of lines) notes.addRow(line);
  notes.getColumn(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
