import { flagLabels } from './ranking-columns';
import { csvField } from '@gongkai/office';
import { aMeta, collect, rows } from '../../../test/support/ranking-sheets';
import { writeRankingCsv } from './ranking-csv.writer';

describe('writeRankingCsv', () => {
  it('writes a BOM, CRLF lines and RFC 4180 quoting with the sheet’s columns', async () => {
    const bytes = await collect((out) => writeRankingCsv(out, aMeta(), rows));
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF排名,并列,单位,所属地区,同类组,得分-总分,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(lines[1]).toMatch(/^1,,某县科学技术局,某县,county-department,95\.50,20\.00,,1\.50,/);
    expect(lines[1]).toContain(',2024-01-20 10:05,已通过,3,+2,90.25,+5.25');
    expect(lines[2]).toContain('"某县""财政""局, 预算科"');
    expect(lines[2]).toContain(',-1');
    expect(lines[3]).toContain(",'=某县教育局,");
    expect(lines[4]).toMatch(/^,,某县民政局,/);
  });

  it('quotes only what needs quoting', () => {
    expect(csvField('plain', true)).toBe('plain');
    expect(csvField('a,b', true)).toBe('"a,b"');
    expect(csvField('line\nbreak', true)).toBe('"line\nbreak"');
    expect(csvField('-1', false)).toBe('-1');
    expect(csvField('-1', true)).toBe("'-1");
  });
});

describe(flagLabels.name, () => {
  it('returns each kind of flag once, with how many were raised', () => {
    expect(
      flagLabels([
        { labelZh: '同比异常' },
        { labelZh: '报告与花名册不符' },
        { labelZh: '同比异常' },
      ]),
    ).toBe('同比异常×2；报告与花名册不符');
  });

  it('returns null without flags, and a single flag as its label', () => {
    expect(flagLabels([])).toBeNull();
    expect(flagLabels([{ labelZh: '同比异常' }])).toBe('同比异常');
  });
});
