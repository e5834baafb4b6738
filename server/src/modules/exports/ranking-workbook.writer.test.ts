import { DEFAULT_MODEL } from '@gongkai/scoring';
import { Workbook, type Fill } from 'exceljs';
import { PassThrough } from 'node:stream';
import type { RankingRow } from '../scoring';
import {
  aMeta,
  aRow,
  collect,
  findings,
  indicators,
  rows,
} from '../../../test/support/ranking-sheets';
import { withoutRuleIds } from './ranking-methodology.sheet';
import {
  FILLS,
  FINDINGS_SHEET,
  FIRST_DATA_ROW,
  METHODOLOGY_SHEET,
  RANKING_SHEET,
} from './ranking-workbook.layout';
import { writeRankingWorkbook } from './ranking-workbook.writer';

describe('writeRankingWorkbook', () => {
  it('writes merged two-level headers, frozen panes, autofilter, colours and the other sheets', async () => {
    let counts: unknown;
    const bytes = await collect(async (out) => {
      counts = await writeRankingWorkbook(out, aMeta(), rows, () => findings);
    });
    expect(counts).toEqual({ rows: 4, findings: 1 });
    const sut = new Workbook();
    await sut.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = sut.getWorksheet(RANKING_SHEET);
    if (!sheet) throw new Error('no ranking sheet');
    const lastColumn = sheet.getRow(3).cellCount;
    expect(lastColumn).toBe(6 + indicators.length + 7);
    expect(String(sheet.getCell('A1').value)).toContain('2023年度');
    expect(String(sheet.getCell('A1').value)).toContain('某市');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(
      expect.arrayContaining([
        'A2:A3',
        'C2:C3',
        `F2:${String.fromCharCode(70 + indicators.length)}2`,
      ]),
    );
    expect(merges.some((m) => m.startsWith('A1:'))).toBe(true);
    expect(sheet.getCell('F2').value).toBe('得分');
    expect(sheet.getCell('F3').value).toBe('总分');
    expect(sheet.getCell('G3').value).toBe(indicators[0]?.labelZh);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 3 });
    expect(sheet.autoFilter).toMatch(/^A3:[A-Z]+7$/);
    const first = sheet.getRow(FIRST_DATA_ROW);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(3).value).toBe('某县科学技术局');
    expect(first.getCell(6).value).toBe(95.5);
    expect(first.getCell(6).numFmt).toBe('0.00');
    expect(first.getCell(7).value).toBe(20);
    expect(first.getCell(8).value).toBeNull();
    expect((first.getCell(6).fill as Fill & { fgColor?: { argb?: string } }).fgColor?.argb).toBe(
      (FILLS.good as { fgColor: { argb: string } }).fgColor.argb,
    );
    const second = sheet.getRow(FIRST_DATA_ROW + 1);
    expect(second.getCell(2).value).toBe('是');
    expect((second.getCell(6).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(
      'FFFFEB9C',
    );
    const third = sheet.getRow(FIRST_DATA_ROW + 2);
    const flagsColumn = 6 + indicators.length + 1;
    expect(third.getCell(flagsColumn).value).toBe('存在未改正错误');
    expect((third.getCell(flagsColumn).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(
      'FFFFC7CE',
    );
    const dateCell = first.getCell(flagsColumn + 1);
    expect(dateCell.value).toEqual(new Date('2024-01-20T10:05:00.000Z'));
    const unscored = sheet.getRow(FIRST_DATA_ROW + 3);
    expect(unscored.getCell(1).value).toBeNull();
    expect(unscored.getCell(flagsColumn + 2).value).toBe('未报送');

    const methodology = sut.getWorksheet(METHODOLOGY_SHEET);
    const texts: string[] = [];
    methodology?.eachRow((row) => texts.push(row.values?.toString() ?? ''));
    expect(texts.join('\n')).toContain(DEFAULT_MODEL.titleZh);
    expect(texts.join('\n')).toContain(DEFAULT_MODEL.version);
    // Asia/Shanghai, to the minute
    expect(texts.join('\n')).toContain('2024-03-02 09:00');
    expect(texts.join('\n')).toContain('2024-03-01 12:00');
    expect(texts.join('\n')).toContain('2022年度某市排名（发布于 2023-03-10 10:00）');
    const findingSheet = sut.getWorksheet(FINDINGS_SHEET);
    expect(findingSheet?.getRow(2).getCell(2).value).toBe('某县教育局');
    expect(findingSheet?.getRow(2).getCell(4).value).toBe('申请表收支平衡');
    expect(findingSheet?.getRow(2).getCell(6).value).toBe(
      '收到和处理政府信息公开申请情况：三（七）总计·总计；一、本年新收政府信息公开申请数量·总计',
    );
    expect(findingSheet?.getRow(2).getCell(7).value).toBe(
      'applications.total.total applications.newReceived.total',
    );
  });
  it('colours rank changes conditionally, sets the page up and names its creator', async () => {
    const bytes = await collect(async (out) => {
      await writeRankingWorkbook(out, aMeta(), rows, () => findings);
    });
    const sut = new Workbook();
    await sut.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(sut.creator).toBe('Gongkai');
    expect(sut.created).toEqual(new Date('2024-03-02T01:00:00Z'));
    expect(sut.worksheets.map((s) => s.name)).toEqual([
      RANKING_SHEET,
      METHODOLOGY_SHEET,
      FINDINGS_SHEET,
    ]);
    const sheet = sut.getWorksheet(RANKING_SHEET);
    if (!sheet) throw new Error('no ranking sheet');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true });
    expect(sheet.getColumn(3).width).toBe(26);
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.getCell('A2').border?.top?.style).toBe('thin');
    expect(sheet.getCell('A1').font?.size).toBe(14);
    expect(sheet.getRow(1).height).toBe(28);
    const formats = (
      sheet as unknown as {
        conditionalFormattings: { ref: string; rules: { operator: string }[] }[];
      }
    ).conditionalFormattings;
    const changeColumn = String.fromCharCode(64 + 6 + indicators.length + 5);
    expect(formats).toEqual([
      expect.objectContaining({
        ref: `${changeColumn}${FIRST_DATA_ROW}:${changeColumn}7`,
        rules: [
          expect.objectContaining({ operator: 'greaterThan' }),
          expect.objectContaining({ operator: 'lessThan' }),
        ],
      }),
    ]);
    const changeCell = sheet.getRow(FIRST_DATA_ROW).getCell(6 + indicators.length + 5);
    expect(changeCell.numFmt).toBe('+0;-0;0');
    const findingSheet = sut.getWorksheet(FINDINGS_SHEET);
    expect(findingSheet?.autoFilter).toBe('A1:G2');
    expect(findingSheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(
      (findingSheet?.getRow(2).getCell(3).fill as { fgColor?: { argb?: string } }).fgColor?.argb,
    ).toBe('FFFFC7CE');
  });

  it('stops reading rows once the output has closed', async () => {
    const out = new PassThrough();
    out.resume();
    let read = 0;
    function* many(): Generator<RankingRow> {
      for (let i = 0; i < 100_000; i += 1) {
        read += 1;
        if (i === 2000) out.destroy();
        yield aRow({ organizationId: `org-${i}`, rank: i + 1 });
      }
    }
    const counts = await writeRankingWorkbook(out, aMeta(), many(), () => findings);
    expect(read).toBeLessThan(10_000);
    expect(counts.rows).toBeLessThan(10_000);
    expect(counts.findings).toBe(0);
  });
  it('rejects with the error of its row source', async () => {
    const out = new PassThrough();
    out.resume();
    function* failing(): Generator<RankingRow> {
      yield aRow();
      throw new Error('cursor lost');
    }
    await expect(writeRankingWorkbook(out, aMeta(), failing(), () => findings)).rejects.toThrow(
      'cursor lost',
    );
  });
});

describe(withoutRuleIds.name, () => {
  it.each([
    ['警告计0.5（applications.*、reviewLitigation.*、article20.*、legacy.*）。', '警告计0.5。'],
    ['最高文字相似度（originality.*，0–1）。', '最高文字相似度（0–1）。'],
    ['结果数（text.*）。', '结果数。'],
    ['版本 1.0.0 不变', '版本 1.0.0 不变'],
  ])('%s → %s', (text, expected) => {
    expect(withoutRuleIds(text)).toBe(expected);
  });
});
