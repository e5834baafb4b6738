import type { FindingRow } from '../scoring';
import { NO_PREVIOUS_NOTE } from './ranking-columns';
import { A4_LANDSCAPE, printWorkbook } from '../../../test/support/pdf';
import {
  aMeta,
  aRow,
  CELL_KEY,
  findings,
  manyRows,
  rows,
  variedFindings,
  workbookOf,
} from '../../../test/support/ranking-sheets';
import { FINDINGS_HEADERS } from './ranking-findings.sheet';
import {
  FINDINGS_SHEET,
  FIRST_DATA_ROW,
  METHODOLOGY_SHEET,
  RANKING_SHEET,
} from './ranking-workbook.layout';

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
