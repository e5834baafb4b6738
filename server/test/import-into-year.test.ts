import type { AnnualReport } from '@gongkai/report-model';
import { renderReportText } from '@gongkai/report-import';
import { createTestApp, type TestApp } from './test-app';
import { eventually } from './support/smtp';
import { gbkBytes, storedZip } from './support/stored-zip';
import {
  buildWorld,
  clone,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  type World,
} from './support/world';

/**
 * A published page whose 第二十条 table is a glued digit run: 行政规范性文件 `31417` is 3 / 14 / 17
 * or 31 / 4 / 17; only the first rolls last year's 现行有效件数 28 forward (28 + 3 − 14 = 17).
 */
const gluedPage = (name: string): Buffer =>
  Buffer.from(
    `${name}2023年政府信息公开工作年度报告 一、总体情况 概述。 二、主动公开政府信息情况 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000行政规范性文件31417行政许可 0 行政处罚 0 行政强制 0 行政事业性收费 0`,
    'utf8',
  );

function lastYear(seed: number, name: string): AnnualReport {
  const report = clone(makeReport(seed, 2022, name));
  report.tables.article20!.normativeDocuments = { issued: 1, repealed: 0, inForce: 28 };
  return report as AnnualReport;
}

type VersionRow = { report: AnnualReport; import_warnings: string[] | null; source: string };

async function currentVersion(app: TestApp, submissionId: string): Promise<VersionRow> {
  const rows: VersionRow[] = await app.dataSource.query(
    `SELECT v.report, v.import_warnings, v.source FROM submission_versions v
       JOIN submissions s ON s.current_version_id = v.id WHERE s.id = $1`,
    [submissionId],
  );
  return rows[0]!;
}

function uploadInto(
  w: World,
  who: 'bureauA1' | 'bureauB1',
  id: string,
  rev: number,
  name: string,
  bytes: Buffer,
) {
  return w.app
    .http()
    .post(`/api/submissions/${id}/upload`)
    .set('cookie', w.cookie[who])
    .field('expectedRevision', String(rev))
    .attach('file', bytes, name);
}

describe('importing with last year’s report, and last year’s report into this year', () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('splits a glued run with the body’s previous-year report when a bureau imports into its draft', async () => {
    // without a 2022 report the run stays blank with a warning
    const b = await start(w, 'bureauB1', w.org.deptB1.id);
    const alone = await uploadInto(
      w,
      'bureauB1',
      b.id,
      b.revision,
      'page.txt',
      gluedPage('乙县科学技术局'),
    );
    expect(alone.status).toBe(201);
    expect((await currentVersion(app, b.id)).report.tables.article20?.normativeDocuments).toEqual({
      issued: null,
      repealed: null,
      inForce: null,
    });

    // with the 2022 report on file the split that rolls 现行有效件数 forward is taken
    const s2022 = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id);
    const saved = await saveDraft(
      w,
      'bureauA1',
      s2022.id,
      s2022.revision,
      lastYear(3, '甲县科学技术局'),
    );
    expect(saved.errors).toBeUndefined();
    const s = await start(w, 'bureauA1', w.org.deptA1.id);
    const res = await uploadInto(
      w,
      'bureauA1',
      s.id,
      s.revision,
      'page.txt',
      gluedPage('甲县科学技术局'),
    );
    expect(res.status).toBe(201);
    expect(res.body.carried).toBeNull();
    expect((await currentVersion(app, s.id)).report.tables.article20?.normativeDocuments).toEqual({
      issued: 3,
      repealed: 14,
      inForce: 17,
    });
  }, 60_000);

  it('moves last year’s carried-forward figures into this year’s form and says what was taken', async () => {
    const last = makeReport(21, 2022, '乙县科学技术局');
    const sub: { id: string; revision: number }[] = await app.dataSource.query(
      `SELECT id, revision FROM submissions WHERE organization_id = $1 AND round_id = $2`,
      [w.org.deptB1.id, w.round2023.id],
    );
    const file = Buffer.from(renderReportText(last), 'utf8');
    const res = await uploadInto(w, 'bureauB1', sub[0]!.id, sub[0]!.revision, '2022年报.txt', file);
    expect(res.body).toMatchObject({ carried: expect.anything() });
    expect(res.status).toBe(201);
    expect(res.body.carried).toEqual({ fromYear: 2022, toYear: 2023, cells: 7, sections: 0 });
    const version = await currentVersion(app, sub[0]!.id);
    expect(version.report.year).toBe(2023);
    expect(version.report.tables.applications?.carriedOver).toEqual(
      last.tables.applications?.carriedForward,
    );
    // last year's own figures are not this year's: the earlier draft's values stay
    expect(last.tables.applications?.newReceived?.total).toEqual(expect.any(Number));
    expect(version.report.tables.applications?.newReceived?.total ?? null).toBeNull();
    expect(version.import_warnings?.[0]).toMatch(
      /^上传的是2022年度的报告，本表是2023年度：.*上年结转.* — this is the 2022 report/,
    );

    // a report two years old: a reason the web translates, nothing stored
    const before = await currentVersion(app, sub[0]!.id);
    const old = Buffer.from(renderReportText(makeReport(22, 2021, '乙县科学技术局')), 'utf8');
    const refused = await uploadInto(
      w,
      'bureauB1',
      sub[0]!.id,
      res.body.revision as number,
      '2021.txt',
      old,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      reason: 'round.wrongYear',
      params: { expected: 2023, actual: 2021 },
    });
    expect(await currentVersion(app, sub[0]!.id)).toEqual(before);
  }, 60_000);

  it('imports a batch of published reports into a closed round, reading GBK file names', async () => {
    await app.dataSource.query(`UPDATE rounds SET status = 'CLOSED' WHERE id = $1`, [
      w.round2022.id,
    ]);
    // names in GBK without the UTF-8 flag, as an archiver on a Chinese Windows writes them
    const archive = storedZip([
      [
        gbkBytes('2022年报/测试市财政局2022年政府信息公开工作年度报告.txt'),
        Buffer.from(renderReportText(makeReport(31, 2022, '测试市财政局')), 'utf8'),
      ],
      [
        gbkBytes('2022年报/甲县教育局.txt'),
        Buffer.from(renderReportText(lastYear(32, '甲县教育局')), 'utf8'),
      ],
    ]);
    const res = await w.app
      .http()
      .post('/api/import-batches')
      .set('cookie', w.cookie.supervisor)
      .field('scopeOrganizationId', w.org.city.id)
      .field('year', '2022')
      .attach('files', archive, 'reports.zip');
    expect(res.status).toBe(201);
    type Item = {
      fileName: string;
      status: string;
      reasonKey: string | null;
      submissionId: string | null;
    };
    const query = `query($id: ID!) { importBatch(id: $id) { status items(first: 10) { edges { node { fileName status reasonKey submissionId } } } } }`;
    const batch = await eventually(
      'the batch to finish',
      async () =>
        (
          await gqlOk<{ importBatch: { status: string; items: { edges: { node: Item }[] } } }>(
            app,
            query,
            { id: res.body.id },
            w.cookie.supervisor,
          )
        ).importBatch,
      (b) => b.status !== 'RUNNING',
      60_000,
    );
    const items = batch.items.edges.map((e) => e.node);
    expect(items.map((i) => i.fileName).sort()).toEqual([
      '测试市财政局2022年政府信息公开工作年度报告.txt',
      '甲县教育局.txt',
    ]);
    expect(items.map((i) => [i.status, i.reasonKey])).toEqual([
      ['STORED', null],
      ['STORED', null],
    ]);
    // the round stays closed; the import is audited with the round's state
    const round: { status: string }[] = await app.dataSource.query(
      `SELECT status FROM rounds WHERE id = $1`,
      [w.round2022.id],
    );
    expect(round[0]!.status).toBe('CLOSED');
    const events: { data: { roundStatus?: string } }[] = await app.dataSource.query(
      `SELECT data FROM audit_events WHERE action = 'submission.import' AND submission_id = ANY($1)`,
      [items.map((i) => i.submissionId)],
    );
    expect(events.map((e) => e.data.roundStatus)).toEqual(['CLOSED', 'CLOSED']);
    // bureaus still cannot save into the closed round
    const closedSave = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id).catch(
      (e: Error) => e,
    );
    expect(closedSave).toBeInstanceOf(Error);
  }, 90_000);

  it('reads a batch file again with the matched body’s previous-year report', async () => {
    // 甲县教育局's 2022 report (imported above) printed 28 normative documents in force
    const res = await w.app
      .http()
      .post('/api/import-batches')
      .set('cookie', w.cookie.supervisor)
      .field('scopeOrganizationId', w.org.city.id)
      .field('year', '2023')
      .attach('files', gluedPage('甲县教育局'), '教育局.txt');
    expect(res.status).toBe(201);
    const query = `query($id: ID!) { importBatch(id: $id) { status items(first: 10) { edges { node { status reasonKey submissionId } } } } }`;
    type Node = { status: string; reasonKey: string | null; submissionId: string | null };
    const batch = await eventually(
      'the batch to finish',
      async () =>
        (
          await gqlOk<{ importBatch: { status: string; items: { edges: { node: Node }[] } } }>(
            app,
            query,
            { id: res.body.id },
            w.cookie.supervisor,
          )
        ).importBatch,
      (b) => b.status !== 'RUNNING',
      60_000,
    );
    const item = batch.items.edges[0]!.node;
    expect(item).toMatchObject({ status: 'STORED', reasonKey: null });
    expect(
      (await currentVersion(app, item.submissionId!)).report.tables.article20?.normativeDocuments,
    ).toEqual({ issued: 3, repealed: 14, inForce: 17 });
  }, 60_000);

  it('names the missing round of a year, per file', async () => {
    const res = await w.app
      .http()
      .post('/api/import-batches')
      .set('cookie', w.cookie.supervisor)
      .field('scopeOrganizationId', w.org.city.id)
      .field('year', '2020')
      .attach(
        'files',
        Buffer.from(renderReportText(makeReport(41, 2020, '测试市财政局')), 'utf8'),
        '财政局.txt',
      );
    expect(res.status).toBe(201);
    const query = `query($id: ID!) { importBatch(id: $id) { status items(first: 10) { edges { node { status reasonKey reasonParams } } } } }`;
    const batch = await eventually(
      'the batch to finish',
      async () =>
        (
          await gqlOk<{
            importBatch: {
              status: string;
              items: {
                edges: {
                  node: {
                    status: string;
                    reasonKey: string;
                    reasonParams: Record<string, unknown>;
                  };
                }[];
              };
            };
          }>(app, query, { id: res.body.id }, w.cookie.supervisor)
        ).importBatch,
      (b) => b.status !== 'RUNNING',
      60_000,
    );
    expect(batch.items.edges[0]!.node).toMatchObject({
      status: 'FAILED',
      reasonKey: 'import.noRound',
      reasonParams: { organization: '测试市财政局', year: 2020 },
    });
  }, 60_000);
});
