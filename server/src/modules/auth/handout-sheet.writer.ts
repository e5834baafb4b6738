import ExcelJS from 'exceljs';

export type HandoutRow = {
  organizationName: string;
  organizationCode: string;
  username: string;
  oneTimePassword: string;
};

export const HANDOUT_SHEET = '账号表';
export const HANDOUT_HEADERS = ['机构', '机构代码', '用户名', '一次性密码', '首次登录须修改密码'];

const BORDER = { style: 'thin' as const, color: { argb: 'FF9FB1C9' } };
const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

/**
 * The sheet an admin hands out after creating bureau accounts: a title row, a header row that
 * repeats on every printed page, one row per account; A4 portrait, fitted to the page width,
 * the header fill and borders of the ranking sheets.
 */
export async function writeHandoutSheet(
  title: string,
  createdAt: string,
  rows: readonly HandoutRow[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(HANDOUT_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = [
    { key: 'organization', width: 36 },
    { key: 'code', width: 18 },
    { key: 'username', width: 22 },
    { key: 'password', width: 20 },
    { key: 'change', width: 18 },
  ];
  sheet.mergeCells(1, 1, 1, HANDOUT_HEADERS.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = `${title}（${createdAt} 生成）`;
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(1).height = 28;
  const header = sheet.getRow(2);
  header.values = HANDOUT_HEADERS;
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F2' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDERS;
  });
  for (const row of rows) {
    const added = sheet.addRow([
      row.organizationName,
      row.organizationCode,
      row.username,
      row.oneTimePassword,
      '是',
    ]);
    added.eachCell((cell, column) => {
      cell.border = BORDERS;
      cell.alignment = { vertical: 'middle', wrapText: column === 1 };
      if (column === 4) cell.font = { name: 'Consolas' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
