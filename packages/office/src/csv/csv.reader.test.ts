import { officeFailure as failure } from '../test-support/office-failure';
import { readCsv } from './csv.reader';

describe(readCsv.name, () => {
  it('reads GB18030 (GBK) bytes as Chinese Windows saves them', async () => {
    // 名称,编码 / 财政局,x-01 in GBK
    const bytes = new Uint8Array([
      0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb1, 0xe0, 0xc2, 0xeb, 0x0d, 0x0a, 0xb2, 0xc6, 0xd5, 0xfe,
      0xbe, 0xd6, 0x2c, 0x78, 0x2d, 0x30, 0x31, 0x0d, 0x0a,
    ]);
    const sut = readCsv(bytes, 'roster.csv');
    expect(sut.encoding).toBe('gb18030');
    expect(sut.rows).toEqual([
      ['名称', '编码'],
      ['财政局', 'x-01'],
    ]);
  });

  it('reads UTF-16 with a BOM and UTF-8 with a BOM, quoted fields and blank lines kept', async () => {
    const text = '名称,备注\r\n"某县, 财政局","说 ""好"""\r\n\r\nx,\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const expected = [['名称', '备注'], ['某县, 财政局', '说 "好"'], [''], ['x', '']];
    expect(readCsv(utf16, 'a.csv')).toMatchObject({ encoding: 'utf-16le', rows: expected });
    expect(readCsv(utf8, 'a.csv')).toMatchObject({ encoding: 'utf-8', rows: expected });
  });

  it('refuses an unterminated quoted field, naming the line', async () => {
    const error = await failure(() => readCsv(Buffer.from('a,b\nc,"open\nd\n'), 'a.csv'));
    expect(error.code).toBe('bad-csv');
    expect(error.message).toContain('unterminated quoted field');
    expect(error.location.file).toBe('a.csv');
    expect(error.location.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses binary data', async () => {
    const error = await failure(() =>
      readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'a.csv'),
    );
    expect(error.code).toBe('binary');
  });
});
