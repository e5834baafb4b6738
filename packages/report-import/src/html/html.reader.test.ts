import { readHtml } from './html.reader';
import { toGrid } from './table-grid';

describe(readHtml.name, () => {
  const sut = readHtml;

  it('returns prose lines with their source line and table rows with cell references', () => {
    const html =
      '<html><head><title>某局2023年政府信息公开工作年度报告</title><style>p{}</style></head>\n<body><p>一、总体情况</p>\n<table><tr><td rowspan="2">规章</td><td>１</td></tr><tr><td>2</td></tr></table><script>var x = 1;</script></body></html>';
    const lines = sut(html).lines;
    expect(lines[0]?.text).toBe('某局2023年政府信息公开工作年度报告');
    expect(lines[1]).toMatchObject({ text: '一、总体情况', location: { line: 2 } });
    expect(lines[2]?.cells?.map((c) => [c.text, c.location.cell])).toEqual([
      ['规章', 'T1R1C1'],
      ['1', 'T1R1C2'],
    ]);
    expect(lines.some((l) => l.text.includes('var x'))).toBe(false);
  });
});

describe(toGrid.name, () => {
  const sut = toGrid;

  it('returns a rectangle with merged cells repeated when cells span rows and columns', () => {
    expect(
      sut([
        [
          { text: 'a', rowSpan: 2, colSpan: 1 },
          { text: 'b', rowSpan: 1, colSpan: 2 },
        ],
        [
          { text: 'c', rowSpan: 1, colSpan: 1 },
          { text: 'd', rowSpan: 1, colSpan: 1 },
        ],
      ]),
    ).toEqual([
      ['a', 'b', 'b'],
      ['a', 'c', 'd'],
    ]);
  });
});
