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

describe(`${readHtml.name} on pages as portals publish them`, () => {
  const sut = readHtml;

  it('returns the rows of the report table when the report sits in layout tables with the chrome', () => {
    const html = `<html><body><table width="100%"><tr><td>首页 | 政务公开</td></tr><tr><td>
      <table><tr><td><div>某局2023年政府信息公开工作年度报告</div><p>一、总体情况</p>
      <table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>
      </td></tr></table></td></tr></table></body></html>`;
    const lines = sut(html).lines;
    expect(lines.map((l) => l.text)).toEqual([
      '首页 | 政务公开',
      '某局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '信息内容 | 本年制发件数',
      '规章 | 3',
    ]);
    expect(lines[4]?.cells?.map((c) => [c.text, c.location.cell])).toEqual([
      ['规章', 'T1R2C1'],
      ['3', 'T1R2C2'],
    ]);
  });

  it('returns no rows and a warning when a table holds only an image', () => {
    const result = sut(
      '<p>二、主动公开政府信息情况</p><table><tr><td><img src="t.png"></td></tr><tr><td></td><td></td></tr></table>',
    );
    expect(result.lines.map((l) => l.text)).toEqual(['二、主动公开政府信息情况']);
    expect(result.warnings).toEqual([expect.stringContaining('表格为图片，无法读取')]);
  });

  it('returns blank cells in their columns and a warning when a number is merged over rows or columns', () => {
    const html =
      '<table><tr><td>规章</td><td rowspan="2">0</td><td>1</td><td>5</td><td>6</td></tr>' +
      '<tr><td>行政规范性文件</td><td colspan="2">2</td><td>7</td></tr>' +
      '<tr><td>行政许可</td><td colspan="4">25</td></tr></table>';
    const result = sut(html);
    expect(result.lines.map((l) => l.cells?.map((c) => c.text))).toEqual([
      ['规章', '', '1', '5', '6'],
      ['行政规范性文件', '', '', '', '7'],
      ['行政许可', '25'],
    ]);
    expect(result.lines[1]?.cells?.map((c) => c.location.cell)).toEqual([
      'T1R2C1',
      'T1R2C2',
      'T1R2C3',
      'T1R2C4',
      'T1R2C5',
    ]);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toContain('跨2行合并');
    expect(result.warnings[1]).toContain('跨2列合并');
  });
});
