import { generateConsistentReport } from '@gongkai/report-model/testing';
import { Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import { A4_LANDSCAPE, printWorkbook } from '../../../test/support/pdf';
import {
  DIFFERENCES_SHEET,
  MEMBERS_SHEET,
  ROLLUP_FINDINGS_SHEET,
  ROLLUP_SHEET,
  type RollupSheetInput,
  writeRollupWorkbook,
} from './rollup-workbook.writer';

async function bytesOf(input: RollupSheetInput): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeRollupWorkbook(out, input);
  out.end();
  return Buffer.concat(chunks);
}

function anInput(members: number, findings: number): RollupSheetInput {
  const report = generateConsistentReport(7, '2021', 2023);
  const own = generateConsistentReport(8, '2021', 2023);
  return {
    nodeName: '甲县',
    year: 2023,
    template: '2021',
    report,
    own: { report: own, label: '已通过' },
    members: Array.from({ length: members }, (_, i) => ({
      organizationName: `甲县第${i + 1}局`,
      status: i % 3 === 0 ? 'DRAFT' : 'APPROVED',
      included: i % 3 !== 0,
    })),
    findings: Array.from({ length: findings }, (_, i) => ({
      severity: i % 2 === 0 ? 'error' : 'warning',
      message: `第${i + 1}项：本年新收申请数与各类申请人之和不一致，请核对表三第一行与合计列`,
    })),
    created: new Date('2024-03-01T04:00:00Z'),
  };
}

describe('writeRollupWorkbook', () => {
  it('sets every sheet up for A4 landscape, one page wide, with repeated headers, page header and numbers', async () => {
    const book = new Workbook();
    await book.xlsx.load((await bytesOf(anInput(5, 3))) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      ROLLUP_SHEET,
      DIFFERENCES_SHEET,
      MEMBERS_SHEET,
      ROLLUP_FINDINGS_SHEET,
    ]);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.pageSetup.printTitlesRow).toBe('1:2');
      expect(sheet.headerFooter.oddHeader).toContain(
        `甲县2023年度政府信息公开工作年度报告（部门汇总） · ${sheet.name}`,
      );
      // the export time in Asia/Shanghai
      expect(sheet.headerFooter.oddHeader).toContain('导出时间 2024-03-01 12:00');
      expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    }
    // a finding longer than its column gets the height of its wrapped lines
    const findings = book.getWorksheet(ROLLUP_FINDINGS_SHEET)!;
    expect(findings.getRow(3).height).toBeFalsy();
  });

  it('converts in LibreOffice to A4 landscape pages that repeat the headers of every sheet', async () => {
    const { pages, sizes, page } = printWorkbook(await bytesOf(anInput(160, 200)), 'rollup');
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(40);
    expect(sizes).toHaveLength(pages);
    for (const size of sizes) expect(size).toEqual(A4_LANDSCAPE);
    const onSheet = (name: string) =>
      Array.from({ length: pages }, (_, i) => i + 1).filter((n) => page(n).includes(`·${name}`));
    const members = onSheet(MEMBERS_SHEET);
    const found = onSheet(ROLLUP_FINDINGS_SHEET);
    // 160 bodies and 200 findings take more than a page each, and each page repeats the headers
    expect(members.length).toBeGreaterThanOrEqual(2);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const n of members)
      for (const header of ['：纳入与未纳入的单位', '单位', '是否纳入', '报告状态'])
        expect(page(n)).toContain(header);
    for (const n of found)
      for (const header of ['：按同一规则检查的结果', '级别', '问题'])
        expect(page(n)).toContain(header);
    expect(page(members.at(-1)!)).toContain('甲县第160局');
    expect(page(found.at(-1)!)).toContain('第200项');
    expect(onSheet(ROLLUP_SHEET).length).toBeGreaterThanOrEqual(1);
    expect(onSheet(DIFFERENCES_SHEET).length).toBeGreaterThanOrEqual(1);
    for (let n = 1; n <= pages; n += 1) expect(page(n)).toContain(`第${n}页，共${pages}页`);
  }, 180_000);
});
