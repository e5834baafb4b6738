import { Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import { XlsxWorkbookWriter } from './workbook.writer';
import { dateSerial } from './worksheet.writer';

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks);
}

const created = new Date('2024-03-02T01:00:00Z');

describe(XlsxWorkbookWriter.name, () => {
  it('writes a workbook exceljs reads back: values, styles, layout, core properties', async () => {
    const bytes = await collect(async (out) => {
      const sut = new XlsxWorkbookWriter(out, {
        sheets: ['数据', 'Other'],
        creator: 'Gongkai',
        created,
      });
      const styles = sut.styles;
      const twoDecimals = styles.cellStyle({ numFmt: '0.00' });
      const minute = styles.cellStyle({ numFmt: 'yyyy-mm-dd hh:mm' });
      const green = styles.cellStyle({
        numFmt: '0.00',
        font: { bold: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } },
      });
      const sheet = await sut.addSheet('数据', {
        columns: [
          { width: 30 },
          { width: 9, style: twoDecimals },
          { width: 17, style: minute },
          { width: 6 },
        ],
        frozen: { columns: 1, rows: 1 },
        pageSetup: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 },
      });
      await sheet.addRow(['name', 'score', 'when', 'ok']);
      await sheet.addRow(
        ['  <A & B> "quoted"\u0001  ', 95.5, new Date('2024-01-20T10:05:00Z'), true],
        [0, green],
      );
      await sheet.addRow([null, null, null, false]);
      await sheet.addRow([]);
      await sheet.addRow(['after a gap', -0.25, null, null]);
      await sheet.end({
        autoFilter: 'A1:D5',
        merges: ['A3:B3'],
        conditionalFormatting: [
          {
            ref: 'B2:B5',
            rules: [
              {
                type: 'cellIs',
                operator: 'lessThan',
                formula: '0',
                priority: 1,
                dxfId: styles.differentialStyle({ fontColor: 'FF9C0006' }),
              },
            ],
          },
        ],
      });
      const other = await sut.addSheet('Other', { columns: [] });
      await other.end();
      await sut.finish();
    });

    const book = new Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['数据', 'Other']);
    expect(book.creator).toBe('Gongkai');
    expect(book.created).toEqual(created);
    const sheet = book.getWorksheet('数据');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A2').value).toBe('  <A & B> "quoted"  ');
    expect(sheet.getCell('B2').value).toBe(95.5);
    expect(sheet.getCell('B2').numFmt).toBe('0.00');
    expect(sheet.getCell('B2').font?.bold).toBe(true);
    expect((sheet.getCell('B2').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(
      'FFC6EFCE',
    );
    expect(sheet.getCell('C2').value).toEqual(new Date('2024-01-20T10:05:00Z'));
    expect(sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('D2').value).toBe(true);
    expect(sheet.getCell('D3').value).toBe(false);
    expect(sheet.getCell('A3').value).toBeNull();
    expect(sheet.getCell('A5').value).toBe('after a gap');
    expect(sheet.getCell('B5').value).toBe(-0.25);
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getColumn(3).width).toBe(17);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D5');
    expect((sheet.model as unknown as { merges: string[] }).merges).toEqual(['A3:B3']);
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    const formats = (
      sheet as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: {
            operator: string;
            formulae: string[];
            style?: { font?: { color?: { argb?: string } } };
          }[];
        }[];
      }
    ).conditionalFormattings;
    expect(formats).toHaveLength(1);
    expect(formats[0]?.ref).toBe('B2:B5');
    expect(formats[0]?.rules[0]).toMatchObject({ operator: 'lessThan', formulae: ['0'] });
    expect(formats[0]?.rules[0]?.style?.font?.color?.argb).toBe('FF9C0006');
  });

  it('refuses sheet names spreadsheet applications would refuse, and sheets out of order', async () => {
    const out = new PassThrough();
    expect(() => new XlsxWorkbookWriter(out, { sheets: ['a/b'], creator: 'x', created })).toThrow(
      /invalid sheet name/,
    );
    expect(
      () => new XlsxWorkbookWriter(out, { sheets: ['A', 'a'], creator: 'x', created }),
    ).toThrow(/duplicate/);
    const sut = new XlsxWorkbookWriter(out, { sheets: ['A', 'B'], creator: 'x', created });
    await expect(sut.addSheet('B', { columns: [] })).rejects.toThrow(/not the next one/);
  });
});

describe(dateSerial.name, () => {
  it('counts days from 1899-12-30, as spreadsheets do', () => {
    expect(dateSerial(new Date('1970-01-01T00:00:00Z'))).toBe(25569);
    expect(dateSerial(new Date('2024-01-20T12:00:00Z'))).toBe(45311.5);
  });
});
