import ExcelJS from 'exceljs';
import { type AnnualReport, tableDifferences } from '@gongkai/report-model';
import { withCell } from '@gongkai/report-model/testing';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from './test-app';
import {
  act,
  buildWorld,
  makeReport,
  saveDraft,
  start,
  submitted,
  type World,
} from './support/world';

const ROLLUP = `query($r: ID!, $n: ID!) { rollup(roundId: $r, nodeId: $n) {
  year nodeName expectedCount includedCount report
  members { organizationId organizationName submissionId status included }
  own { submissionId status versionNumber submitted report } } }`;

type RollupView = {
  year: number;
  nodeName: string;
  expectedCount: number;
  includedCount: number;
  report: AnnualReport;
  members: {
    organizationId: string;
    organizationName: string;
    submissionId: string | null;
    status: string | null;
    included: boolean;
  }[];
  own: {
    submissionId: string;
    status: string;
    versionNumber: number | null;
    submitted: boolean;
    report: AnnualReport | null;
  } | null;
};

function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('RollupService', () => {
  let app: TestApp;
  let w: World;
  let ownReport: AnnualReport;
  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    // 甲县科学技术局 approved, 甲县教育局 submitted only; 甲县 itself filed the same figures but one
    const a1 = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 61);
    await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 62);
    const approved = await act(w, 'reviewerA', 'approveSubmission', {
      submissionId: a1.id,
      expectedRevision: a1.revision,
    });
    expect(approved.errors).toBeUndefined();
    const granted = makeReport(61, 2023, '甲县').tables.applications!.granted!.natural as number;
    ownReport = withCell(makeReport(61, 2023, '甲县'), 'applications.granted.natural', granted + 5);
    const own = await start(w, 'admin', w.org.countyA.id);
    const saved = await saveDraft(w, 'admin', own.id, own.revision, ownReport);
    expect(saved.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  const rollup = (cookie: string, nodeId = w.org.countyA.id) =>
    app.graphql<{ rollup: RollupView }>(ROLLUP, { r: w.round2023.id, n: nodeId }, cookie);

  it('lists every body with its status, the missing ones first, and the own report beside the sum', async () => {
    const { data, errors } = await rollup(w.cookie.reviewer);
    expect(errors).toBeUndefined();
    const sut = data!.rollup;
    expect(sut.nodeName).toBe('甲县');
    expect(sut.year).toBe(2023);
    expect([sut.expectedCount, sut.includedCount]).toEqual([2, 1]);
    expect(sut.members.map((m) => [m.organizationName, m.status, m.included])).toEqual([
      ['甲县教育局', 'SUBMITTED', false],
      ['甲县科学技术局', 'APPROVED', true],
    ]);
    expect(sut.own).toMatchObject({ status: 'DRAFT', versionNumber: 1, submitted: false });
    // the sum of one approved report is that report; the own report differs in the changed cell
    const differences = tableDifferences('2021', sut.report, sut.own!.report!);
    expect(differences.map((d) => d.path)).toEqual(['applications.granted.natural']);
    expect(differences[0]!.right! - differences[0]!.left!).toBe(5);
  });

  it("answers a body outside the reviewer's subtree as not found, with a reason", async () => {
    const { errors } = await rollup(w.cookie.reviewerA, w.org.countyB.id);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'rollup.nodeNotFound',
    });
  });

  it('exports the roll-up as a Chinese workbook with the differing cell and the missing body', async () => {
    const res = await app
      .http()
      .post('/api/exports/rollup.xlsx')
      .send({ roundId: w.round2023.id, nodeId: w.org.countyA.id })
      .set('cookie', w.cookie.reviewer)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('甲县-2023年度部门报告汇总.xlsx'),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '汇总表',
      '与本级报告比较',
      '纳入情况',
      '检查结果',
    ]);
    const text = (name: string) => {
      const lines: string[] = [];
      book.getWorksheet(name)!.eachRow((row) => {
        lines.push(
          (row.values as unknown[])
            .slice(1)
            .map((v) => (v === null || v === undefined ? '' : String(v)))
            .join('|'),
        );
      });
      return lines;
    };
    const sums = text('汇总表');
    expect(book.getWorksheet('汇总表')!.getCell('A1').value).toBe(
      '甲县2023年度政府信息公开工作年度报告（部门汇总）',
    );
    expect(sums.join('\n')).toContain('自然人');
    const diff = text('与本级报告比较');
    expect(diff).toHaveLength(3);
    expect(diff[2]).toMatch(/自然人.*\|-5$/);
    expect(text('纳入情况').slice(2)).toEqual([
      '甲县教育局|未纳入|已报送',
      '甲县科学技术局|已纳入|已通过',
    ]);
    for (const sheet of book.worksheets) {
      for (const line of text(sheet.name))
        expect(line).not.toMatch(/\b[a-z]+[A-Z]?\w*\.[a-z]\w*\b/);
      expect(sheet.pageSetup.orientation).toBe('landscape');
    }
    const [log] = (await app.dataSource.query(
      "SELECT kind, row_count FROM export_logs WHERE kind = 'ROLLUP_XLSX'",
    )) as { kind: string; row_count: number }[];
    expect(log).toEqual({ kind: 'ROLLUP_XLSX', row_count: 2 });
  });

  it('refuses an export without a node, naming it, and a bureau outright', async () => {
    const missing = await app
      .http()
      .post('/api/exports/rollup.xlsx')
      .send({ roundId: w.round2023.id })
      .set('cookie', w.cookie.reviewer);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: 'nodeId', reason: 'export.nodeRequired' });
    const bureau = await app
      .http()
      .post('/api/exports/rollup.xlsx')
      .send({ roundId: w.round2023.id, nodeId: w.org.countyA.id })
      .set('cookie', w.cookie.bureauA1);
    expect(bureau.status).toBe(403);
  });
});
