import { StyleRegistry, type SolidFill } from './style.registry';

const fill = (argb: string): SolidFill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});

describe(StyleRegistry.name, () => {
  it('gives equal styles one id, however they were built', () => {
    const sut = new StyleRegistry();
    const a = sut.cellStyle({ numFmt: '0.00', fill: fill('FFC6EFCE'), font: { bold: true } });
    const b = sut.cellStyle({ font: { bold: true }, fill: fill('FFC6EFCE'), numFmt: '0.00' });
    expect(a).toBe(b);
    expect(a).toBeGreaterThan(0);
    expect(sut.cellStyle({})).toBe(0);
    expect(sut.size).toBe(2);
  });

  it('shares fonts, fills, borders and number formats between styles', () => {
    const sut = new StyleRegistry();
    sut.cellStyle({ numFmt: '+0;-0;0', fill: fill('FFFFEB9C') });
    sut.cellStyle({ numFmt: '+0;-0;0', fill: fill('FFFFEB9C'), font: { bold: true } });
    sut.cellStyle({ numFmt: 'yyyy-mm-dd hh:mm', border: { color: 'FF9FB1C9' } });
    sut.cellStyle({ numFmt: '0', border: { color: 'FF9FB1C9' } });
    const xml = sut.xml();
    expect(xml).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="+0;-0;0"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>',
    );
    // default + bold
    expect(xml).toMatch(/<fonts count="2">/);
    // none, gray125 (both required) + one solid
    expect(xml).toMatch(/<fills count="3">/);
    expect(xml).toMatch(/<borders count="2">/);
    expect(xml).toMatch(/<cellXfs count="5">/);
    // '0' is built in (id 1), so it adds no numFmt
    expect(xml).toContain('<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0"');
  });

  it('writes alignment and differential styles', () => {
    const sut = new StyleRegistry();
    sut.cellStyle({ alignment: { horizontal: 'center', vertical: 'center', wrapText: true } });
    expect(sut.differentialStyle({ fontColor: 'FF006100' })).toBe(0);
    expect(sut.differentialStyle({ fontColor: 'FF9C0006' })).toBe(1);
    expect(sut.differentialStyle({ fontColor: 'FF006100' })).toBe(0);
    const xml = sut.xml();
    expect(xml).toContain(
      'applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
    );
    expect(xml).toContain('<dxfs count="2"><dxf><font><color rgb="FF006100"/></font></dxf>');
  });
});
