import { officeFailure as failure } from '../test-support/office-failure';
import { Workbook } from 'exceljs';
import { zipSync } from 'fflate';
import { readUntrustedWorkbook, sheetGrid, UNTRUSTED_WORKBOOK_LIMITS } from './workbook.reader';

describe(readUntrustedWorkbook.name, () => {
  it('reads a workbook and gives its first sheet as text, row 1 first', async () => {
    const book = new Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['编码', '名称', '起始年度']);
    sheet.addRow([]);
    sheet.addRow(['x-01', { richText: [{ text: '财政' }, { text: '局' }] }, 2024]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    const sut = await readUntrustedWorkbook(bytes, 'roster.xlsx');
    const first = sut.worksheets[0];
    expect(first?.name).toBe('名单');
    expect(sheetGrid(first as NonNullable<typeof first>)).toEqual([
      ['编码', '名称', '起始年度'],
      ['', '', ''],
      ['x-01', '财政局', '2024'],
    ]);
  });

  it('refuses a zip bomb before exceljs sees it', async () => {
    // 80 MB of zeros deflate to ~80 kB: beyond the total limit and the ratio
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 1 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await failure(() => readUntrustedWorkbook(bomb, 'bomb.xlsx'));
    expect(['archive-too-large', 'archive-ratio']).toContain(error.code);
    expect(error.location.file).toBe('bomb.xlsx');
  });

  it('refuses an entry that inflates beyond the ratio limit, though under the size limits', async () => {
    const limit = UNTRUSTED_WORKBOOK_LIMITS.maxRatio ?? 0;
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(16 * 1024 * 1024) });
    expect(16 * 1024 * 1024).toBeLessThan(UNTRUSTED_WORKBOOK_LIMITS.maxEntryBytes);
    const error = await failure(() => readUntrustedWorkbook(bomb, 'ratio.xlsx'));
    expect(error.code).toBe('archive-ratio');
    expect(error.message).toContain(`${limit} times`);
  });

  it('refuses what is not a workbook: no zip, or a zip without xl/workbook.xml', async () => {
    const text = new TextEncoder().encode('code,name\n');
    expect((await failure(() => readUntrustedWorkbook(text, 'a.xlsx'))).code).toBe(
      'not-a-workbook',
    );
    const zip = zipSync({ 'word/document.xml': new Uint8Array(10) });
    expect((await failure(() => readUntrustedWorkbook(zip, 'a.xlsx'))).code).toBe('not-a-workbook');
  });
});
