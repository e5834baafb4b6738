import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReportHtml, renderReportText } from '@gongkai/report-import';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  clone,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  type World,
} from './support/world';

describe('bad input is rejected precisely, writing nothing', () => {
  let app: TestApp;
  let w: World;
  let sub: { id: string; revision: number };
  beforeAll(async () => {
    app = await createTestApp({ env: { GONGKAI_MAX_UPLOAD_MB: '1' } });
    w = await buildWorld(app);
    sub = await start(w, 'bureauA1', w.org.deptA1.id);
  });
  afterAll(() => app.close());

  async function unchanged<T>(work: () => Promise<T>): Promise<T> {
    const before = await databaseDigest(app);
    const result = await work();
    expect(await databaseDigest(app)).toEqual(before);
    return result;
  }

  it('rejects malformed report JSON with the JSON path', async () => {
    const notAReport = await unchanged(() =>
      saveDraft(w, 'bureauA1', sub.id, sub.revision, 'hello'),
    );
    expect(notAReport.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.report',
    });
    const report = clone(makeReport(1, 2023, '甲县科学技术局')) as unknown as Record<
      string,
      unknown
    >;
    const unknownKey = await unchanged(() =>
      saveDraft(w, 'bureauA1', sub.id, sub.revision, { ...report, colour: 'red' }),
    );
    expect(unknownKey.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.report.colour',
    });
    const wrongFormat = await unchanged(() =>
      saveDraft(w, 'bureauA1', sub.id, sub.revision, { ...report, format: 'other@2' }),
    );
    expect(wrongFormat.errors![0]!.extensions!.field).toBe('input.report.format');
    const wrongYear = await unchanged(() =>
      saveDraft(w, 'bureauA1', sub.id, sub.revision, makeReport(1, 2022, '甲县科学技术局')),
    );
    expect(wrongYear.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.report.year',
      reason: 'round.wrongYear',
      params: { expected: 2023, actual: 2022 },
    });
  });

  it('rejects negative and fractional counts cell by cell', async () => {
    const r = clone(makeReport(2, 2023, '甲县科学技术局'));
    (r.tables.applications as Record<string, Record<string, number>>).newReceived!.natural = -1;
    (r.tables.reviewLitigation as Record<string, Record<string, number>>).review!.upheld = 1.5;
    const res = await unchanged(() => saveDraft(w, 'bureauA1', sub.id, sub.revision, r));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const problems = res.errors![0]!.extensions!.problems as { field: string; message: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          field: 'input.report.tables.applications.newReceived.natural',
          message: 'a count cannot be negative',
          reason: { key: 'submission.badReport' },
        },
        {
          field: 'input.report.tables.reviewLitigation.review.upheld',
          message: 'a count must be a whole number',
          reason: { key: 'submission.badReport' },
        },
      ]),
    );
    expect(res.errors![0]!.extensions!.reason).toBe('submission.badReport');
  });

  it('refuses a 20 MB text field before parsing it, and an over-long section with its path', async () => {
    const r = clone(makeReport(3, 2023, '甲县科学技术局'));
    r.sections.overview = '公'.repeat(20 * 1024 * 1024);
    const huge = await unchanged(() =>
      app
        .http()
        .post('/graphql')
        .set('cookie', w.cookie.bureauA1)
        .set('content-type', 'application/json')
        .send(
          JSON.stringify({
            query: 'mutation($i: SaveDraftInput!) { saveDraft(input: $i) { id } }',
            variables: { i: { submissionId: sub.id, expectedRevision: sub.revision, report: r } },
          }),
        ),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    r.sections.overview = '公'.repeat(300_000);
    const long = await unchanged(() => saveDraft(w, 'bureauA1', sub.id, sub.revision, r));
    expect(long.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.report.sections.overview',
    });
    expect(long.errors![0]!.message).toMatch(/text too long: 300000 characters/);
    const garbage = await app
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects uploads of the wrong type, too large, or for another year', async () => {
    const upload = (bytes: Buffer, name: string, revision = sub.revision) =>
      app
        .http()
        .post(`/api/submissions/${sub.id}/upload`)
        .set('cookie', w.cookie.bureauA1)
        .field('expectedRevision', String(revision))
        .attach('file', bytes, name);
    const pages = await unchanged(() => upload(Buffer.from('x'), 'report.pages'));
    expect(pages.status).toBe(400);
    expect(pages.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      reason: 'upload.unsupportedType',
      params: { ext: '.pages' },
    });
    expect(pages.body.message).toMatch(/unsupported file type \.pages/);
    const pdf = await unchanged(() => upload(Buffer.from('%PDF-1.7 fake'), 'report.pdf'));
    expect(pdf.status).toBe(400);
    expect(pdf.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      reason: 'import.corruptPdf',
      params: { file: 'report.pdf' },
    });
    const fakeDoc = await unchanged(() => upload(Buffer.from('plain words'), '报告.wps'));
    expect(fakeDoc.body).toMatchObject({
      reason: 'import.conversionFailed',
      params: { file: '报告.wps', format: '.wps' },
    });
    const fakeDocx = await unchanged(() => upload(Buffer.from('not a zip at all'), 'report.docx'));
    expect(fakeDocx.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const big = await unchanged(() => upload(Buffer.alloc(2 * 1024 * 1024, 0x41), 'report.txt'));
    expect(big.status).toBe(413);
    // last year's report is moved into this year's form (import-into-year.test.ts); an older one
    // is refused
    const olderYear = await unchanged(() =>
      upload(
        Buffer.from(renderReportText(makeReport(4, 2021, '甲县科学技术局'))),
        'report-2021.txt',
      ),
    );
    expect(olderYear.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      reason: 'round.wrongYear',
      params: { expected: 2023, actual: 2021 },
    });
    expect(olderYear.body.message).toMatch(/collects 2023 reports, not 2021/);
    const noRevision = await unchanged(() =>
      app
        .http()
        .post(`/api/submissions/${sub.id}/upload`)
        .set('cookie', w.cookie.bureauA1)
        .attach('file', Buffer.from('x'), 'a.txt'),
    );
    expect(noRevision.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedRevision' });
  });

  it('turns an uploaded text report into a parsed draft with provenance, and serves the original', async () => {
    const report = makeReport(5, 2023, '甲县科学技术局');
    const text = renderReportText(report);
    const res = await app
      .http()
      .post(`/api/submissions/${sub.id}/upload`)
      .set('cookie', w.cookie.bureauA1)
      .field('expectedRevision', String(sub.revision))
      .attach('file', Buffer.from(text), '甲县科学技术局2023年报.txt');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ versionNumber: 1, format: 'text' });
    const d = await gqlOk<{
      submission: {
        currentVersion: {
          source: string;
          fileId: string;
          report: {
            provenance: Record<string, unknown>;
            tables: { applications: { newReceived: { total: number } } };
          };
        };
      };
    }>(
      app,
      `query($id: ID!) { submission(id: $id) { currentVersion { source fileId report } } }`,
      { id: sub.id },
      w.cookie.bureauA1,
    );
    expect(d.submission.currentVersion.source).toBe('UPLOAD');
    expect(d.submission.currentVersion.fileId).toBe(res.body.fileId);
    expect(d.submission.currentVersion.report.tables.applications.newReceived.total).toBe(
      report.tables.applications!.newReceived!.total,
    );
    expect(Object.keys(d.submission.currentVersion.report.provenance ?? {}).length).toBeGreaterThan(
      0,
    );
    const file = await app
      .http()
      .get(`/api/files/${res.body.fileId}`)
      .set('cookie', w.cookie.bureauA1)
      .buffer(true);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body as Buffer).toString('utf8')).toBe(text);
  });

  it('reads an uploaded PDF report (printed by LibreOffice) into a parsed draft', async () => {
    const report = makeReport(6, 2023, '甲县科学技术局');
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-upload-pdf-'));
    try {
      writeFileSync(join(dir, 'report.html'), renderReportHtml(report));
      const run = spawnSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--convert-to',
          'pdf:writer_pdf_Export',
          '--outdir',
          dir,
          join(dir, 'report.html'),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status).toBe(0);
      const { submission: current } = await gqlOk<{ submission: { revision: number } }>(
        app,
        `query($id: ID!) { submission(id: $id) { revision } }`,
        { id: sub.id },
        w.cookie.bureauA1,
      );
      const res = await app
        .http()
        .post(`/api/submissions/${sub.id}/upload`)
        .set('cookie', w.cookie.bureauA1)
        .field('expectedRevision', String(current.revision))
        .attach('file', readFileSync(join(dir, 'report.pdf')), '甲县科学技术局2023年报.pdf');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ format: 'pdf', kind: 'annual-report' });
      const d = await gqlOk<{
        submission: { currentVersion: { report: { tables: typeof report.tables } } };
      }>(
        app,
        `query($id: ID!) { submission(id: $id) { currentVersion { report } } }`,
        { id: sub.id },
        w.cookie.bureauA1,
      );
      expect(d.submission.currentVersion.report.tables.reviewLitigation).toEqual(
        report.tables.reviewLitigation,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
