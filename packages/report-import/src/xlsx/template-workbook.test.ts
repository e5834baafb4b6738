import { type AnnualReport, type TemplateId } from '@gongkai/report-model';
import { DEFAULT_YEARS, generateConsistentReport } from '@gongkai/report-model/testing';
import { Workbook } from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { importReport } from '../import-report';
import { buildTemplateWorkbook } from './template-workbook.builder';
import { WORKBOOK_MARKER } from './template-workbook.layout';

function withoutProvenance(report: AnnualReport): AnnualReport {
  const { provenance: _provenance, ...rest } = report;
  return rest;
}

describe(buildTemplateWorkbook.name, () => {
  const sut = buildTemplateWorkbook;

  it.each(['2021', '2019', 'legacy-fujian', 'legacy-2011', 'narrative'] as TemplateId[])(
    'returns a workbook that reads back to the same %s report',
    async (template) => {
      for (const seed of [1, 2, 3]) {
        const generated = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
        const report: AnnualReport =
          template === '2021'
            ? { ...generated, units: { 'article20.fees.amount': '万元' } }
            : generated;
        const expected = report;
        const bytes = await sut(template, report);
        const result = importReport(bytes, 'filled.xlsx');
        expect(result.format).toBe('xlsx');
        expect(JSON.parse(JSON.stringify(withoutProvenance(result.report)))).toEqual(
          JSON.parse(JSON.stringify(withoutProvenance(expected))),
        );
        expect(
          result.provenance['applications.total.total'] ?? result.provenance.year,
        ).toMatchObject({ confidence: 1 });
      }
    },
  );

  it('reads a workbook whose info sheet names row 99,999,999 in well under a second', async () => {
    const parts = unzipSync(
      new Uint8Array(await sut('2021', generateConsistentReport(7, '2021', 2023))),
    );
    const sheet = 'xl/worksheets/sheet1.xml';
    const xml = strFromU8(parts[sheet]!);
    expect(xml).toContain('r="A8"');
    parts[sheet] = strToU8(xml.replace('r="A8"', 'r="A99999999"'));
    const started = performance.now();
    const result = importReport(zipSync(parts), 'far.xlsx');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.report.template).toBe('2021');
  });

  it('returns protected sheets with locked labels, open value cells and hidden keys', async () => {
    const bytes = await sut('2021');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((ws) => ws.getCell('A1').value === 'table:applications');
    expect(sheet).toBeDefined();
    expect(sheet?.getColumn(1).hidden).toBe(true);
    expect(sheet?.getRow(1).hidden).toBe(true);
    expect(sheet?.getCell('B3').value).toBe('一、本年新收政府信息公开申请数量');
    expect(sheet?.getCell('B3').protection?.locked).not.toBe(false);
    expect(sheet?.getCell('C3').protection?.locked).toBe(false);
    expect(workbook.worksheets).toHaveLength(4);
  });

  it('returns cells typed as text, with units, read as numbers when a bureau fills the workbook by hand', async () => {
    const bytes = await sut('2021');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const article = workbook.worksheets.find((ws) => ws.getCell('A1').value === 'table:article20');
    if (!article) throw new Error('article20 sheet missing');
    const feesRow = article.getColumn(1).values.findIndex((v) => v === 'fees');
    const amountCol = (article.getRow(1).values as unknown[]).findIndex((v) => v === 'amount');
    article.getCell(feesRow, amountCol).value = '２５.１万元';
    const result = importReport(Buffer.from(await workbook.xlsx.writeBuffer()), 'hand.xlsx');
    expect(result.report.tables.article20?.fees?.amount).toBe(25.1);
    expect(result.report.units?.['article20.fees.amount']).toBe('万元');
  });

  it('returns a warning naming the sheet and cell of a formula without a cached value, and reads it as blank', async () => {
    const bytes = await sut('2021');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const applications = workbook.worksheets.find(
      (ws) => ws.getCell('A1').value === 'table:applications',
    );
    if (!applications) throw new Error('applications sheet missing');
    const totalRow = applications.getColumn(1).values.findIndex((v) => v === 'total');
    const naturalCol = (applications.getRow(1).values as unknown[]).findIndex(
      (v) => v === 'natural',
    );
    const legalCol = (applications.getRow(1).values as unknown[]).findIndex(
      (v) => v === 'commercial',
    );
    applications.getCell(totalRow, naturalCol).value = { formula: 'SUM(C4:C9)' } as never;
    applications.getCell(totalRow, legalCol).value = { formula: 'SUM(D4:D9)', result: 7 } as never;
    const info = workbook.worksheets.find((ws) => ws.getCell('A1').value === WORKBOOK_MARKER);
    const trainingsRow = info?.getColumn(1).values.findIndex((v) => v === 'staffing.trainings');
    if (!info || trainingsRow === undefined || trainingsRow < 0) throw new Error('info missing');
    info.getCell(trainingsRow, 3).value = { formula: '1+1' } as never;

    const result = importReport(Buffer.from(await workbook.xlsx.writeBuffer()), 'formulas.xlsx');

    const naturalRef = `${applications.name}!${applications.getCell(totalRow, naturalCol).address}`;
    const trainingsRef = `${info.name}!${info.getCell(trainingsRow, 3).address}`;
    expect(result.report.tables.applications?.total?.natural).toBeNull();
    expect(result.report.tables.applications?.total?.commercial).toBe(7);
    expect(result.report.staffing?.trainings).toBeNull();
    const formulaWarnings = result.warnings.filter((w) => w.includes('没有计算结果'));
    expect(formulaWarnings).toEqual([
      `${trainingsRef}：公式“=1+1”没有计算结果，按空白处理 — formula without a cached value, read as blank`,
      `${naturalRef}：公式“=SUM(C4:C9)”没有计算结果，按空白处理 — formula without a cached value, read as blank`,
    ]);
  });
});
