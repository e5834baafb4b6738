import { buildTemplateWorkbook, importReport } from '@gongkai/report-import';
import { emptyReport } from '@gongkai/report-model';
import { Workbook } from 'exceljs';
import { type TestApp } from './test-app';
import { gqlOk, makeReport, saveDraft, start, type World } from './support/world';
import { binary } from './support/responses';
import { useWorld } from './support/suite';

function withoutProvenance(report: unknown): unknown {
  const { provenance: _provenance, ...rest } = report as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
}

/** The Excel template: blank, and prefilled for a submission with nothing saved. */
describe('overview: findings by rule, trend, flag matrix, filter choices, template', () => {
  let sut: TestApp;
  let w: World;
  useWorld((booted, world) => {
    sut = booted;
    w = world;
  });

  it('serves the blank Excel template to any signed-in user, and it reads back through the upload', async () => {
    const blank = await sut
      .http()
      .get('/api/templates/2021.xlsx')
      .set('cookie', w.cookie.bureauB1)
      .buffer(true)
      .parse(binary);
    expect(blank.status).toBe(200);
    expect(blank.headers['content-type']).toMatch(/spreadsheetml/);
    expect(blank.headers['content-disposition']).toMatch(/attachment; filename=/);
    const workbook = new Workbook();
    await workbook.xlsx.load(blank.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((ws) => ws.getCell('A1').value === 'table:applications');
    expect(sheet?.getCell('B3').value).toBe('一、本年新收政府信息公开申请数量');
    expect(sheet?.getCell('C3').value ?? null).toBeNull();
    expect(importReport(blank.body as Buffer, 'blank.xlsx').format).toBe('xlsx');

    for (const who of ['supervisor', 'reviewer', 'admin'] as const) {
      const res = await sut.http().get('/api/templates/2019.xlsx').set('cookie', w.cookie[who]);
      expect(res.status).toBe(200);
    }
    expect((await sut.http().get('/api/templates/2021.xlsx')).status).toBe(401);
    const unknown = await sut
      .http()
      .get('/api/templates/1999.xlsx')
      .set('cookie', w.cookie.bureauB1);
    expect(unknown.status).toBe(404);
    // a blank template for the round's statistics year, not last calendar year's
    const forYear = await sut
      .http()
      .get('/api/templates/2021.xlsx?year=2023')
      .set('cookie', w.cookie.bureauB1)
      .buffer(true)
      .parse(binary);
    expect(forYear.status).toBe(200);
    expect(importReport(forYear.body as Buffer, 'blank.xlsx').report?.year).toBe(2023);
    const badYear = await sut
      .http()
      .get('/api/templates/2021.xlsx?year=20x3')
      .set('cookie', w.cookie.bureauB1);
    expect(badYear.status).toBe(400);
    expect(badYear.body).toMatchObject({ field: 'year', reason: 'template.badYear' });

    // Prefilled with a draft, downloaded, uploaded back: the same report.
    const s = await start(w, 'bureauA2', w.org.deptA2.id, w.round2022.id);
    const report = makeReport(5, 2022, '甲县教育局');
    const saved = await saveDraft(w, 'bureauA2', s.id, s.revision, report);
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    const other = await sut
      .http()
      .get(`/api/templates/2021.xlsx?submissionId=${s.id}`)
      .set('cookie', w.cookie.bureauB1);
    expect(other.status).toBe(404);
    const filled = await sut
      .http()
      .get(`/api/templates/2021.xlsx?submissionId=${s.id}`)
      .set('cookie', w.cookie.bureauA2)
      .buffer(true)
      .parse(binary);
    expect(filled.status).toBe(200);
    const upload = await sut
      .http()
      .post(`/api/submissions/${s.id}/upload`)
      .set('cookie', w.cookie.bureauA2)
      .field('expectedRevision', String(saved.data!.saveDraft.revision))
      .attach('file', filled.body as Buffer, 'filled.xlsx');
    expect(upload.status).toBe(201);
    expect(upload.body.format).toBe('xlsx');
    const version = await gqlOk<{ submissionVersion: { report: unknown } }>(
      sut,
      `query($id: ID!) { submissionVersion(id: $id) { report } }`,
      { id: upload.body.versionId },
      w.cookie.bureauA2,
    );
    expect(withoutProvenance(version.submissionVersion.report)).toEqual(withoutProvenance(report));
  });

  it('prefills the template of a submission with nothing saved with its body and year, and names a blank upload after its body', async () => {
    const s = await start(w, 'bureauB1', w.org.deptB1.id, w.round2022.id);
    const prefilled = await sut
      .http()
      .get(`/api/templates/2021.xlsx?submissionId=${s.id}`)
      .set('cookie', w.cookie.bureauB1)
      .buffer(true)
      .parse(binary);
    expect(prefilled.status).toBe(200);
    const read = importReport(prefilled.body as Buffer, 'prefilled.xlsx');
    if (read.kind !== 'annual-report') throw new Error(`read as ${read.kind}`);
    expect(read.report.organization.name).toBe(w.org.deptB1.name);
    expect(read.report.year).toBe(2022);

    // A template with no name (as filled offline from the blank download) is the body's report.
    const nameless = await buildTemplateWorkbook('2021', emptyReport('2021', 2022));
    const upload = await sut
      .http()
      .post(`/api/submissions/${s.id}/upload`)
      .set('cookie', w.cookie.bureauB1)
      .field('expectedRevision', String(s.revision))
      .attach('file', nameless, 'nameless.xlsx');
    expect(upload.status).toBe(201);
    expect(upload.body.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining(`已按报送单位填写为“${w.org.deptB1.name}”`)]),
    );
    const version = await gqlOk<{
      submissionVersion: { report: { organization: { name: string } } };
    }>(
      sut,
      `query($id: ID!) { submissionVersion(id: $id) { report } }`,
      { id: upload.body.versionId },
      w.cookie.bureauB1,
    );
    expect(version.submissionVersion.report.organization.name).toBe(w.org.deptB1.name);
  });
});
