import { DEFAULT_MODEL, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { Workbook, type Fill } from 'exceljs';
import { PassThrough } from 'node:stream';
import type { FindingRow, RankingRow } from '../scoring/ranking-row';
import { flagLabels, type RankingSheetMeta } from './ranking-columns';
import { csvField } from '../../common/csv';
import { writeRankingCsv } from './ranking-csv.writer';
import {
  FILLS,
  FINDINGS_SHEET,
  FIRST_DATA_ROW,
  METHODOLOGY_SHEET,
  RANKING_SHEET,
  writeRankingWorkbook,
} from './ranking-workbook.writer';

const indicators = DEFAULT_MODEL.indicators.map((entry) => ({
  indicatorId: entry.indicatorId,
  labelZh: INDICATOR_CATALOGUE[entry.indicatorId].labelZh,
  labelEn: INDICATOR_CATALOGUE[entry.indicatorId].labelEn,
  weight: entry.weight,
}));

function aMeta(overrides: Partial<RankingSheetMeta> = {}): RankingSheetMeta {
  return {
    roundLabel: '2023年度',
    regionName: '某市',
    peerGroup: null,
    indicators,
    model: DEFAULT_MODEL,
    asOf: '2024-03-01T12:00:00.000+08:00',
    generatedAt: new Date('2024-03-02T01:00:00Z'),
    snapshot: null,
    ...overrides,
  };
}

function aRow(overrides: Partial<RankingRow> = {}): RankingRow {
  return {
    organizationId: 'org-1',
    organizationName: '某县科学技术局',
    regionName: '某县',
    peerGroup: 'county-department',
    departmentType: '科技局',
    rank: 1,
    tied: false,
    score: 95.5,
    points: indicators.map((_, j) => (j === 0 ? 20 : j === 1 ? null : 1.5)),
    flags: [],
    status: 'APPROVED',
    firstSubmittedAt: '2024-01-20T10:05:00.000+08:00',
    previousRank: 3,
    rankChange: 2,
    ...overrides,
  };
}

async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  out.end();
  await finished;
  return Buffer.concat(chunks);
}

const rows: RankingRow[] = [
  aRow(),
  aRow({
    organizationId: 'org-2',
    organizationName: '某县"财政"局, 预算科',
    rank: 2,
    tied: true,
    score: 72,
    flags: [{ id: 'timeliness.late', severity: 'warning', labelZh: '逾期报送' }],
    rankChange: -1,
  }),
  aRow({
    organizationId: 'org-3',
    organizationName: '=某县教育局',
    rank: 2,
    tied: true,
    score: 72,
    flags: [{ id: 'findings.openErrors', severity: 'error', labelZh: '存在未改正错误' }],
    rankChange: null,
    previousRank: null,
  }),
  aRow({
    organizationId: 'org-4',
    organizationName: '某县民政局',
    rank: null,
    score: null,
    points: indicators.map(() => null),
    status: null,
    firstSubmittedAt: null,
    previousRank: null,
    rankChange: null,
  }),
];

const findings: FindingRow[] = [
  {
    organizationName: '某县教育局',
    rank: 2,
    rule: 'applications.balance',
    severity: 'error',
    message: '申请数量不平衡',
    cells: ['applications.total.total', 'applications.newReceived.total'],
  },
];

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
    expect(lastColumn).toBe(6 + indicators.length + 5);
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
    expect(texts.join('\n')).toContain(DEFAULT_MODEL.id);
    expect(texts.join('\n')).toContain(DEFAULT_MODEL.version);
    expect(texts.join('\n')).toContain('2024-03-02T01:00:00.000Z');
    const findingSheet = sut.getWorksheet(FINDINGS_SHEET);
    expect(findingSheet?.getRow(2).getCell(2).value).toBe('某县教育局');
    expect(findingSheet?.getRow(2).getCell(6).value).toContain('applications.total.total');
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
    expect(sheet.getColumn(3).width).toBe(30);
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
    expect(findingSheet?.autoFilter).toBe('A1:F2');
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

describe('writeRankingCsv', () => {
  it('writes a BOM, CRLF lines and RFC 4180 quoting with the sheet’s columns', async () => {
    const bytes = await collect((out) => writeRankingCsv(out, aMeta(), rows));
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF排名,并列,单位,所属地区,同类组,得分-总分,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(lines[1]).toMatch(/^1,,某县科学技术局,某县,county-department,95\.50,20\.00,,1\.50,/);
    expect(lines[1]).toContain(',2024-01-20 10:05,已通过,3,+2');
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
