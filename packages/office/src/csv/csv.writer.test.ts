import { csvCell, csvDocument, csvField, csvLine } from './csv.writer';

describe(csvField.name, () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('neutralises text that a spreadsheet would run (%j)', (value, expected) => {
    expect(csvField(value, true)).toBe(expected);
  });

  it('leaves numbers and harmless text as they are, quoting only what needs it', () => {
    expect(csvField('-1', false)).toBe('-1');
    expect(csvField('某县 = 某市', true)).toBe('某县 = 某市');
    expect(csvField('a,b', true)).toBe('"a,b"');
    expect(csvField('say "hi"', true)).toBe('"say ""hi"""');
  });
});

describe(csvCell.name, () => {
  it('guards strings, not numbers, and writes null as empty', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe(csvLine.name, () => {
  it('writes one CRLF-terminated record: text guarded, numbers and figures as they are', () => {
    expect(csvLine(['=1', 2, { figure: '+3' }, { figure: '-1.50' }, null, undefined, 'a\nb'])).toBe(
      `'=1,2,+3,-1.50,,,"a\nb"\r\n`,
    );
  });
});

describe(csvDocument.name, () => {
  it('starts with the UTF-8 BOM and ends every row with CRLF', () => {
    expect(
      csvDocument([
        ['名称', '人数'],
        ['某县, 财政局', 3],
      ]),
    ).toBe('\uFEFF名称,人数\r\n"某县, 财政局",3\r\n');
  });
});
