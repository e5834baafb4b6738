import { DEFAULT_MODEL, INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { Workbook, type Fill } from 'exceljs';
import { PassThrough } from 'node:stream';
import type { FindingRow, RankingRow } from '../scoring';
import { flagLabels, NO_PREVIOUS_NOTE, type RankingSheetMeta } from './ranking-columns';
import { csvField } from '@gongkai/office';
import { A4_LANDSCAPE, printWorkbook } from '../../../test/support/pdf';
import { writeRankingCsv } from './ranking-csv.writer';
import {
  FILLS,
  FINDINGS_HEADERS,
  FINDINGS_SHEET,
  FIRST_DATA_ROW,
  METHODOLOGY_SHEET,
  RANKING_SHEET,
  withoutRuleIds,
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
    previous: {
      title: '2022年度某市排名',
      publishedAt: '2023-03-10T02:00:00.000Z',
      scores: new Map([['org-1', 90.25]]),
    },
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

/** A cell key of the report model (`applications.granted.commercial`, `sections.other`). */
const CELL_KEY = /^[a-z]+(\.[a-zA-Z0-9]+)+$/;

/** Findings pointing at every kind of place a rule names: table cells, sections, fields. */
const variedFindings: FindingRow[] = [
  ...findings,
  {
    organizationName: '某县科学技术局',
    rank: 1,
    rule: 'staffing.noDedicatedStaff',
    severity: 'warning',
    message: '无专职工作人员',
    cells: ['staffing.dedicatedStaff'],
  },
  {
    organizationName: '某县科学技术局',
    rank: 1,
    rule: 'completeness.sections',
    severity: 'error',
    message: '缺少“六、其他需要报告的事项”部分',
    cells: ['sections.other', 'template', 'sections'],
  },
  {
    organizationName: '某县民政局',
    rank: null,
    rule: 'applications.granted.unknownRule',
    severity: 'info',
    message: '提示',
    cells: ['applications.granted.commercial', 'reviewLitigation.nowhere.total'],
  },
];

function manyRows(n: number): RankingRow[] {
  return Array.from({ length: n }, (_, i) =>
    aRow({
      organizationId: `org-${i}`,
      organizationName: `演示市第${i + 1}测试单位`,
      regionName: '演示省演示市南溪县',
      peerGroup: '县级市场监督管理局',
      rank: i + 1,
      score: 100 - i / 3,
      flags:
        i % 3 === 0 ? [{ id: 'timeliness.late', severity: 'warning', labelZh: '逾期报送' }] : [],
    }),
  );
}

async function workbookOf(
  meta: RankingSheetMeta,
  list: readonly RankingRow[],
  found: readonly FindingRow[],
): Promise<{ bytes: Buffer; book: Workbook }> {
  const bytes = await collect(async (out) => {
    await writeRankingWorkbook(out, meta, list, () => found);
  });
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, book };
}

describe('the ranking sheet for people', () => {
  it('labels every sheet in Chinese: no cell keys outside the cell-code column', async () => {
    const { book } = await workbookOf(aMeta(), rows, variedFindings);
    const problems: string[] = [];
    let labelled = 0;
    for (const sheet of book.worksheets) {
      const codeColumn =
        sheet.name === FINDINGS_SHEET ? FINDINGS_HEADERS.indexOf('单元格代码') + 1 : -1;
      sheet.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          if (c === codeColumn || typeof cell.value !== 'string') return;
          labelled += 1;
          for (const part of cell.value.split(/[；，、\s]+/))
            if (CELL_KEY.test(part)) problems.push(`${sheet.name}!${r}:${c} ${cell.value}`);
        });
      });
    }
    expect(problems).toEqual([]);
    expect(labelled).toBeGreaterThan(50);
    const findingSheet = book.getWorksheet(FINDINGS_SHEET)!;
    const at = (r: number, c: number) => findingSheet.getRow(r).getCell(c).value;
    expect(findingSheet.getRow(1).values).toEqual([undefined, ...FINDINGS_HEADERS]);
    expect(at(3, 4)).toBe('无专职工作人员');
    expect(at(3, 6)).toBe('工作人员·专职人员数');
    expect(at(4, 6)).toBe('六、其他需要报告的事项；报告模板；报告正文');
    expect(at(5, 3)).toBe('提示');
    expect(at(5, 4)).toBe('其他检查');
    expect(at(5, 6)).toBe('收到和处理政府信息公开申请情况：三（一）予以公开·商业企业；其他单元格');
    expect(at(5, 7)).toBe('applications.granted.commercial reviewLitigation.nowhere.total');
    // a long list of cells is named up to six, then counted
    const many = await workbookOf(aMeta(), rows, [
      {
        ...findings[0]!,
        rule: 'completeness.blankCells',
        cells: Array.from({ length: 40 }, (_, i) =>
          i % 2 === 0 ? 'applications.granted.commercial' : `applications.granted.x${i}`,
        ),
      },
    ]);
    const manyRow = many.book.getWorksheet(FINDINGS_SHEET)!.getRow(2);
    expect(String(manyRow.getCell(6).value)).toMatch(/等 40 个单元格$/);
    expect(String(manyRow.getCell(7).value)).toMatch(/等 40 个$/);
    // 评分方法: every label and note in Chinese (no English sentence of the model's sources)
    const methodology: string[] = [];
    book
      .getWorksheet(METHODOLOGY_SHEET)!
      .eachRow((row) => row.eachCell((cell) => methodology.push(String(cell.value))));
    expect(methodology.filter((text) => /[A-Za-z]{3,} [A-Za-z]{3,}/.test(text))).toEqual([]);
    // nor the rule ids the indicator descriptions cite for experts
    expect(methodology.filter((text) => /[A-Za-z]+\.(\*|[A-Za-z])/.test(text))).toEqual([]);
    expect(methodology.join('\n')).toContain('第四十九条');
  });

  it('says once, in the header and the methodology, when last year has no published ranking', async () => {
    const { book } = await workbookOf(aMeta({ previous: null }), rows, findings);
    const sheet = book.getWorksheet(RANKING_SHEET)!;
    // one merged header cell over the four columns says it
    const notes: string[] = [];
    sheet.getRow(2).eachCell((cell) => {
      if (cell.master.address === cell.address && String(cell.value).includes(NO_PREVIOUS_NOTE))
        notes.push(cell.address);
    });
    expect(notes).toHaveLength(1);
    const lastColumn = sheet.getRow(3).cellCount;
    for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + rows.length; r += 1)
      for (let c = lastColumn - 3; c <= lastColumn; c += 1)
        expect(sheet.getRow(r).getCell(c).value).toBeNull();
    const methodology: string[] = [];
    book
      .getWorksheet(METHODOLOGY_SHEET)!
      .eachRow((row) => row.eachCell((cell) => methodology.push(String(cell.value))));
    expect(methodology).toContain(NO_PREVIOUS_NOTE);
    // with one, the rank change and the score change are there
    const compared = await workbookOf(aMeta(), rows, findings);
    const first = compared.book.getWorksheet(RANKING_SHEET)!.getRow(FIRST_DATA_ROW);
    expect(
      [lastColumn - 3, lastColumn - 2, lastColumn - 1, lastColumn].map(
        (c) => first.getCell(c).value,
      ),
    ).toEqual([3, 2, 90.25, 5.25]);
  });

  it('prints every sheet on A4 landscape, one page wide, with header rows, page header and page numbers', async () => {
    const { book } = await workbookOf(aMeta(), rows, findings);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.headerFooter.oddHeader).toContain('计分时点 2024-03-01 12:00');
      expect(sheet.headerFooter.oddHeader).toContain('2023年度政府信息公开工作年度报告排名表');
      expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    }
    expect(book.getWorksheet(RANKING_SHEET)!.pageSetup.printTitlesRow).toBe('2:3');
    // rows tall enough for their wrapped text (readers do not all grow them on their own)
    const ranking = book.getWorksheet(RANKING_SHEET)!;
    expect(ranking.getRow(3).height).toBeGreaterThanOrEqual(30); // 复议纠错与诉讼败诉 on two lines
    const long = await workbookOf(
      aMeta(),
      [
        aRow({
          flags: (
            [
              ['staffing.noDedicatedStaff', '无专职人员'],
              ['staffing.postVacant', '岗位空缺'],
              ['staffing.proseRosterMismatch', '报告与花名册不符'],
              ['outlier.yearOnYear', '同比异常'],
              ['staffing.rosterNotUpdated', '花名册未更新'],
            ] as const
          ).map(([id, labelZh]) => ({ id, severity: 'warning' as const, labelZh })),
        }),
      ],
      findings,
    );
    expect(long.book.getWorksheet(RANKING_SHEET)!.getRow(FIRST_DATA_ROW).height).toBe(45);
    expect(book.getWorksheet(RANKING_SHEET)!.getRow(FIRST_DATA_ROW).height).toBeFalsy();
    expect(book.getWorksheet(FINDINGS_SHEET)!.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('converts in LibreOffice to A4 landscape pages that repeat the headers and cut no header', async () => {
    const list = manyRows(150);
    const found: FindingRow[] = list.flatMap((row, i) =>
      variedFindings.map((finding) => ({
        ...finding,
        organizationName: row.organizationName,
        rank: i + 1,
      })),
    );
    const { bytes } = await workbookOf(aMeta({ peerGroup: '县级市场监督管理局' }), list, found);
    const { pages, sizes, page } = printWorkbook(bytes, 'ranking');
    // 150 rows, the methodology and 600 findings: pages, not scraps of pages
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(45);
    expect(sizes).toHaveLength(pages);
    for (const size of sizes) expect(size).toEqual(A4_LANDSCAPE);
    const first = page(1);
    const second = page(2);
    const last = page(pages);
    // the ranking's headers on page 1 and again on page 2, whole
    for (const header of ['同类组', '复议纠错与诉讼败诉', '上年排名', '得分变化', '问题标记'])
      expect(first).toContain(header);
    for (const header of ['同类组', '总分', '上年排名']) expect(second).toContain(header);
    expect(second).toContain('演示市第');
    expect(first).toContain('计分时点2024-03-0112:00');
    expect(first).toContain(`第1页，共${pages}页`);
    expect(second).toContain(`第2页，共${pages}页`);
    // the 150 ranked rows fill a few pages one page wide, not dozens of narrow slices
    let rankingPages = 0;
    for (let n = 1; n <= pages; n += 1) if (page(n).includes('·排名表')) rankingPages += 1;
    expect(rankingPages).toBeGreaterThanOrEqual(2);
    expect(rankingPages).toBeLessThanOrEqual(8);
    // the findings' header repeats on its last page
    expect(last).toContain('涉及单元格');
    expect(last).toContain('单元格代码');
  }, 180_000);
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
