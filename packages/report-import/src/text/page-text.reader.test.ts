import { normalizePageText, readPageText, valueTokens } from './page-text.reader';

const rows = (text: string, template: '2021' | '2019' | 'legacy-2011' = '2021') =>
  readPageText(text, { template })
    .lines.filter((l) => l.stream)
    .map((l) => [
      l.anchor?.row ?? 'review',
      l.cells
        ?.slice(1)
        .map((c) => c.text)
        .join(' '),
    ]);

describe(readPageText.name, () => {
  const sut = readPageText;

  it('returns headings on lines of their own when the whole page is one line', () => {
    const text =
      '当前位置：首页 > 政务公开 > 年报 某局2023年政府信息公开工作年度报告 字号：大 中 小 一、总体情况 本年度工作有序开展。二、主动公开政府信息情况 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 1 三、收到和处理政府信息公开申请情况 正文 四、政府信息公开行政复议、行政诉讼情况 正文 五、存在的主要问题及改进情况 正文 六、其他需要报告的事项 无。';
    const lines = sut(text, { template: '2021' }).lines.map((l) => l.text);
    expect(lines).toEqual(
      expect.arrayContaining([
        '某局2023年政府信息公开工作年度报告',
        '一、总体情况',
        '本年度工作有序开展。',
        '二、主动公开政府信息情况',
        '规章 0 0 1',
        '六、其他需要报告的事项',
      ]),
    );
    expect(lines.some((l) => l.includes('当前位置') || l.includes('字号'))).toBe(false);
  });

  it('returns each row with the tokens before the next label when labels are spaced and values glued', () => {
    expect(
      rows(
        '信息内容 本年制发件数 本年废止件数 现行有效件数 规章000行政 规范性 文件31417 行政许可 5',
      ),
    ).toEqual([
      ['regulations', '000'],
      ['normativeDocuments', '31417'],
      ['licensing', '5'],
    ]);
  });

  it('returns the next row its ordinal when the ordinal is glued to the values before it', () => {
    expect(
      rows(
        '申请人情况 （三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开 0000000 3.危及“三安全一稳定”0 0 0 0 0 0 0',
      ),
    ).toEqual([
      ['deniedStateSecret', '0000000'],
      ['deniedProhibitedByLaw', '0000000'],
      ['deniedEndangersSecurity', '0 0 0 0 0 0 0'],
    ]);
  });

  it('returns the values of a legacy row without its unit, 其中 and ordinals, and masks page breaks and repeated headers', () => {
    expect(
      rows(
        '指标名称 计量单位 本年度 历年累计 主动公开信息数 条 12 345 -2- 指标名称 计量单位 本年度 历年累计 其中：1.网站公开 条 10 300 2.政府公报公开 条 2 45',
        'legacy-2011',
      ),
    ).toEqual([
      ['proactiveTotal', '条 12 345'],
      ['proactiveWebsite', '条 10 300'],
      ['proactiveGazette', '条 2 45'],
    ]);
  });

  it('returns the 15 numbers after the two header rows of the 复议/诉讼 table', () => {
    expect(
      rows(
        '四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 1 0 0 0 1 000000 0 0 0 0 0 五、存在的主要问题及改进情况',
      ),
    ).toEqual([['review', '1 0 0 0 1 000000 0 0 0 0 0']]);
  });

  it('returns no values for a row when the digits before the next label cannot be told from its ordinal', () => {
    // after 1. comes 2.: “3003.” is 300 and an ordinal 3, or 3003 and no ordinal — not 2
    const document = sut(
      '指标名称 计量单位 本年度 历年累计 主动公开信息数 条 12 345 其中：1.网站公开 条 10 3003.政府公报公开 条 2 45',
      { template: 'legacy-2011' },
    );
    const website = document.lines.find((l) => l.anchor?.row === 'proactiveWebsite');
    expect(website?.cells?.slice(1)).toEqual([]);
    expect(document.warnings).toContainEqual(
      expect.stringContaining('legacyStats.proactiveWebsite'),
    );
  });
});

describe(valueTokens.name, () => {
  const sut = valueTokens;

  it('returns numbers, zero marks as 0 and units, stopping at the first word or a number of the prose', () => {
    expect(sut(' 条 ——12 / 3 （三）不予公开')).toMatchObject({
      tokens: ['条', '0', '12', '0', '3'],
      zeroMarks: ['——', '/'],
    });
    expect(sut(' 1 27 2017年1月15日').tokens).toEqual(['1', '27']);
    expect(sut(' 12 +3 -2 5').tokens).toEqual(['12', '3', '-2', '5']);
    expect(sut(' 1,234.50 7,3').tokens).toEqual(['1234.50', '7', '3']);
  });
});

describe(normalizePageText.name, () => {
  it('returns half-width digits, joined header words and no chrome', () => {
    expect(normalizePageText('商业 企业 科研 机构 １２ 【打印本页】 【关闭窗口】').trim()).toBe(
      '商业企业 科研机构 12',
    );
  });
});
