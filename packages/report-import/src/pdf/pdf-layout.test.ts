import { layoutPdf, type PdfItem, type PdfPage, type PdfSegment } from './pdf-layout';

const SIZE = 10;

/** A run of text at x, baseline y; CJK characters are one em wide, others half. */
function text(x: number, y: number, value: string, size = SIZE): PdfItem {
  const width = [...value].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? size / 2 : size), 0);
  return [x, y, width, size, value];
}

/** Full rules of a grid: rows between ys (top to bottom), columns between xs. */
function grid(xs: number[], ys: number[]): PdfSegment[] {
  const top = ys[0]!;
  const bottom = ys[ys.length - 1]!;
  return [
    ...ys.map((y): PdfSegment => [xs[0]!, y, xs[xs.length - 1]!, y]),
    ...xs.map((x): PdfSegment => [x, bottom, x, top]),
  ];
}

function page(number: number, items: PdfItem[], segments: PdfSegment[] = []): PdfPage {
  return { number, width: 595, height: 842, items, segments, images: 0 };
}

/** Text in the middle of a grid cell (row r, column c). */
function inCell(xs: number[], ys: number[], r: number, c: number, value: string): PdfItem {
  return text(xs[c]! + 3, (ys[r]! + ys[r + 1]!) / 2 - 3, value);
}

describe(layoutPdf.name, () => {
  it('keeps a table split across pages as one table, without the page number and the repeated header', () => {
    const xs = [60, 200, 300, 400];
    const ys1 = [300, 280, 260, 240];
    const ys2 = [800, 780, 760];
    const header = ['信息内容', '本年制发件数', '现行有效件数'];
    const first = page(
      1,
      [
        text(60, 320, '二、主动公开政府信息情况'),
        ...header.map((h, c) => inCell(xs, ys1, 0, c, h)),
        ...['规章', '3', '12'].map((v, c) => inCell(xs, ys1, 1, c, v)),
        ...['行政规范性文件', '4', '20'].map((v, c) => inCell(xs, ys1, 2, c, v)),
        text(280, 40, '-1-'),
      ],
      grid(xs, ys1),
    );
    const second = page(
      2,
      [
        ...header.map((h, c) => inCell(xs, ys2, 0, c, h)),
        ...['行政许可', '7', '9'].map((v, c) => inCell(xs, ys2, 1, c, v)),
        text(60, 700, '三、收到和处理政府信息公开申请情况'),
        text(280, 40, '-2-'),
      ],
      grid(xs, ys2),
    );
    const sut = layoutPdf([first, second]);
    expect(sut.lines.map((l) => l.text)).toEqual([
      '二、主动公开政府信息情况',
      '信息内容 | 本年制发件数 | 现行有效件数',
      '规章 | 3 | 12',
      '行政规范性文件 | 4 | 20',
      '行政许可 | 7 | 9',
      '三、收到和处理政府信息公开申请情况',
    ]);
    const rows = sut.lines.filter((l) => l.cells !== null);
    expect(new Set(rows.map((l) => l.table))).toEqual(new Set([0]));
    expect(rows[3]!.location.cell).toBe('T1R4');
  });

  it('gives a merged cell once, like the .docx and HTML readers', () => {
    const xs = [60, 120, 260, 320];
    const ys = [500, 480, 460, 440];
    // The first column's cell spans rows 2 and 3: no rule between them there.
    const segments = grid(xs, ys).filter((s) => !(s[1] === 460 && s[3] === 460));
    segments.push([120, 460, 320, 460]);
    const items = [
      ...['', '情形', '自然人'].map((v, c) => inCell(xs, ys, 0, c, v)).filter((i) => i[4] !== ''),
      text(63, 455, '(三)不予公开'),
      ...['1.属于国家秘密', '2'].map((v, c) => inCell(xs, ys, 1, c + 1, v)),
      ...['2.其他法律行政法规禁止公开', '5'].map((v, c) => inCell(xs, ys, 2, c + 1, v)),
    ];
    const sut = layoutPdf([page(1, items, segments)]);
    const rows = sut.lines.filter((l) => l.cells !== null).map((l) => l.cells!.map((c) => c.text));
    expect(rows).toEqual([
      ['', '情形', '自然人'],
      ['(三)不予公开', '1.属于国家秘密', '2'],
      ['2.其他法律行政法规禁止公开', '5'],
    ]);
  });

  it('joins the lines of a wrapped paragraph and the pieces of a wrapped cell, not a heading', () => {
    const long =
      '本年度共收到政府信息公开申请一百三十三件上年结转零件办结一百三十件结转下年度继续办理';
    const sut = layoutPdf([
      page(1, [
        text(60, 760, '三、收到和处理政府信息公开申请情况', 14),
        text(60, 730, long),
        text(60, 716, '3件。'),
        text(60, 690, '四、政府信息公开行政复议、行政诉讼情况', 14),
      ]),
    ]);
    expect(sut.lines.map((l) => l.text)).toEqual([
      '三、收到和处理政府信息公开申请情况',
      `${long}3件。`,
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
  });

  it('reads a page set in two columns column by column, below its full-width title', () => {
    const left = [
      '第一段第一行文字内容较长',
      '第一段第二行文字内容较长',
      '第一段第三行文字内容较长',
    ];
    const right = [
      '第二段第一行文字内容较长',
      '第二段第二行文字内容较长',
      '第二段第三行文字内容较长',
    ];
    const items = [
      text(150, 780, '某某县二〇二三年政府信息公开工作年度报告', 16),
      ...left.map((l, k) => text(40, 740 - k * 40, l)),
      ...right.map((l, k) => text(320, 740 - k * 40, l)),
    ];
    const sut = layoutPdf([page(1, items)]);
    expect(sut.lines.map((l) => l.text)).toEqual([
      '某某县二〇二三年政府信息公开工作年度报告',
      ...left,
      ...right,
    ]);
  });

  it('splits a line of an unruled table where the gaps are wide, and keeps such rows together', () => {
    const sut = layoutPdf([
      page(1, [
        text(60, 700, '信息内容'),
        text(250, 700, '本年制发件数'),
        text(400, 700, '现行有效件数'),
        text(60, 680, '规章'),
        text(250, 680, '0'),
        text(400, 680, '3'),
        text(60, 660, '行政规范性文件'),
        text(250, 660, '31'),
        text(400, 660, '417'),
      ]),
    ]);
    const rows = sut.lines.map((l) => l.cells?.map((c) => c.text) ?? l.text);
    expect(rows).toEqual([
      '信息内容 本年制发件数 现行有效件数',
      ['规章', '0', '3'],
      ['行政规范性文件', '31', '417'],
    ]);
    expect(sut.lines[1]!.table).toBe(sut.lines[2]!.table);
  });

  it('drops a running header repeated at the top of every page', () => {
    const sut = layoutPdf([
      page(1, [text(200, 810, '某某县人民政府办公室'), text(60, 700, '一、总体情况')]),
      page(2, [text(200, 810, '某某县人民政府办公室'), text(60, 700, '二、主动公开政府信息情况')]),
    ]);
    expect(sut.lines.map((l) => l.text)).toEqual(['一、总体情况', '二、主动公开政府信息情况']);
  });

  it('joins a continued table whose header rows have fewer column rules than its body', () => {
    const xs = [60, 200, 300, 400];
    // Page 1 ends after the header row, whose second cell spans both value columns.
    const first = page(
      1,
      [text(63, 287, '信息内容'), text(203, 287, '件数')],
      grid([60, 200, 400], [300, 280]),
    );
    const ys2 = [800, 780, 760];
    const second = page(
      2,
      [
        ...['规章', '3', '12'].map((v, c) => inCell(xs, ys2, 0, c, v)),
        ...['行政许可', '7', '9'].map((v, c) => inCell(xs, ys2, 1, c, v)),
      ],
      grid(xs, ys2),
    );
    const sut = layoutPdf([first, second]);
    expect(sut.lines.map((l) => [l.table, l.text])).toEqual([
      [0, '信息内容 | 件数'],
      [0, '规章 | 3 | 12'],
      [0, '行政许可 | 7 | 9'],
    ]);
  });

  it('cuts a run printed across several cells of a ruled table at its spaces', () => {
    const xs = [60, 160, 200, 240, 280];
    const ys = [500, 480];
    // One run "规章  3  0  12" from x = 63: 规章 at 63–83, then values spaced to their columns.
    const run = '规章' + ' '.repeat(16) + '3' + ' '.repeat(7) + '0' + ' '.repeat(7) + '12';
    const width = [...run].reduce((w, c) => w + (c === ' ' || /\d/.test(c) ? 5 : 10), 0);
    const sut = layoutPdf([page(1, [[63, 487, width, 10, run]], grid(xs, ys))]);
    expect(sut.lines[0]!.cells!.map((c) => c.text)).toEqual(['规章', '3', '0', '12']);
  });
});
