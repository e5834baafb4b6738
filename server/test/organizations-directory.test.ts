import { gbkBytes } from '@gongkai/report-model/testing';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { type TestApp } from './test-app';
import { databaseDigest, gqlOk, start, type World } from './support/world';
import { paramsOf, reasonOf } from './support/responses';
import { useWorld } from './support/suite';
import { organizationReads } from './support/organizations';

/** GB18030 bytes of a text, from the decoder's own table (two-byte GBK range; ASCII as is). */
const encodeGb18030 = (text: string): Buffer => Buffer.from(gbkBytes(text));

/** A one-entry zip archive (deflated; the checksum is not read by the size check). */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content, { level: 1 });
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(file.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = 30 + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + file.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

/**
 * Closing a body with what lies under it, and the directory as a file: roster CSV/XLSX import
 * (after the close, as the roster's rows expect), the template and the export.
 */
describe('organizations admin', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const { org, rowCount, lastAudit } = organizationReads(
    () => app,
    () => w,
  );

  it('previews a close with the bodies under it, cascades it, and refuses while later work exists', async () => {
    // deptA1 has a 2023 submission: closing county A after 2022 would orphan it
    await start(w, 'bureauA1', w.org.deptA1.id, w.round2023.id);
    const preview = await gqlOk<{
      organizationClosePreview: {
        closing: number;
        closingBelow: number;
        laterSubmissions: number;
        laterSubmissionsFrom: number;
      };
    }>(
      app,
      'query($id: ID!) { organizationClosePreview(id: $id, lastYear: 2022) { closing closingBelow laterSubmissions laterSubmissionsFrom } }',
      { id: w.org.countyA.id },
      w.cookie.admin,
    );
    expect(preview.organizationClosePreview).toMatchObject({
      laterSubmissions: 1,
      laterSubmissionsFrom: 2023,
    });
    expect(preview.organizationClosePreview.closingBelow).toBe(
      preview.organizationClosePreview.closing - 1,
    );
    const before = await databaseDigest(app);
    const county = await org(w.org.countyA.id);
    const refused = await app.graphql(
      'mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { id } }',
      { i: { id: county.id, expectedRevision: county.revision, lastYear: 2022 } },
      w.cookie.admin,
    );
    expect(reasonOf(refused)).toBe('organization.laterWork');
    expect(paramsOf(refused)).toEqual({ name: '甲县', count: 1, year: 2023 });
    expect(await databaseDigest(app)).toEqual(before);

    const later = await gqlOk<{
      organizationClosePreview: { closing: number; laterSubmissions: number };
    }>(
      app,
      'query($id: ID!) { organizationClosePreview(id: $id, lastYear: 2023) { closing laterSubmissions } }',
      { id: w.org.countyA.id },
      w.cookie.admin,
    );
    expect(later.organizationClosePreview.laterSubmissions).toBe(0);
    await gqlOk(
      app,
      'mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { id } }',
      { i: { id: county.id, expectedRevision: county.revision, lastYear: 2023 } },
      w.cookie.admin,
    );
    const open: { n: string }[] = await app.dataSource.query(
      `SELECT count(*) AS n FROM organizations WHERE path LIKE $1 AND (active_to_year IS NULL OR active_to_year > 2023)`,
      [
        `${(await app.dataSource.query('SELECT path FROM organizations WHERE id = $1', [county.id]))[0].path}%`,
      ],
    );
    expect(Number(open[0]!.n)).toBe(0);
    expect(await lastAudit(county.id, 'organization.close')).toEqual({
      name: '甲县',
      toYear: 2023,
      count: later.organizationClosePreview.closing,
    });
  });

  it('lists bad roster rows with line and reason, saving nothing', async () => {
    const cityCode = w.org.city.code;
    const csv = [
      '编码,单位名称,层级,上级编码,截止年度',
      `${cityCode}-r1,丁区,县,${cityCode},`,
      `${cityCode}-r1,重复,部门,${cityCode},`,
      `${cityCode}-r2,某局,局,nowhere,`,
      `${w.org.countyB.code},乙县,县,${w.org.cityDept.code},`,
      `${w.org.city.code},测试市,市,${w.org.countyB.code},`,
      `${cityCode}-r3,某部门,部门,${cityCode},20x5`,
    ].join('\n');
    const organizations = await rowCount('organizations');
    const events = await rowCount('audit_events');
    for (const dryRun of [true, false]) {
      const res = await app
        .http()
        .post(`/api/organizations/directory${dryRun ? '?dryRun=true' : ''}`)
        .set('cookie', w.cookie.admin)
        .attach('file', Buffer.from(csv), 'roster.csv');
      if (dryRun) {
        expect(res.status).toBe(200);
        const reasons = (res.body.errors as { line: number; reason: { key: string } }[]).map(
          (e) => `${e.line}:${e.reason.key}`,
        );
        expect(reasons).toEqual(
          expect.arrayContaining([
            '3:directory.row.codeDuplicate',
            '4:directory.row.levelUnknown',
            '4:directory.row.parentUnknown',
            '5:directory.row.levelPlacement',
            '6:directory.row.levelPlacement',
            '7:directory.row.yearInvalid',
          ]),
        );
      } else {
        expect(res.status).toBe(400);
        expect(res.body.reason).toBe('directory.rowErrors');
      }
    }
    expect(await rowCount('organizations')).toBe(organizations);
    expect(await rowCount('audit_events')).toBe(events);
  });

  it('reads a GB18030 CSV roster, previews created, changed, moved and closed, and applies it', async () => {
    const cityCode = w.org.city.code;
    const csv = [
      '编码,单位名称,层级,上级编码,部门类别,截止年度',
      `${cityCode}-g1,戊区,县,${cityCode},,`,
      `${cityCode}-g2,戊区统计局,部门,${cityCode}-g1,统计局,`,
      `${w.org.deptA2.code},甲县教育体育局,部门,${w.org.countyA.code},教育局,2023`,
      `${w.org.cityDept.code},测试市财政局,部门,${cityCode}-g1,财政局,`,
    ].join('\r\n');
    const bytes = encodeGb18030(csv);
    expect(bytes.equals(Buffer.from(csv))).toBe(false);
    const dry = await app
      .http()
      .post('/api/organizations/directory?dryRun=true')
      .set('cookie', w.cookie.admin)
      .attach('file', bytes, 'roster.csv');
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body).toMatchObject({ created: 2, changed: 1, moved: 1, closed: 0 });
    const names = (dry.body.rows as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['戊区', '戊区统计局', '甲县教育体育局', '测试市财政局']);
    const moved = (dry.body.rows as { code: string; fromParent: string; toParent: string }[]).find(
      (r) => r.code === w.org.cityDept.code,
    );
    expect(moved).toMatchObject({ fromParent: '测试市', toParent: '戊区' });

    const applied = await app
      .http()
      .post('/api/organizations/directory')
      .set('cookie', w.cookie.admin)
      .attach('file', bytes, 'roster.csv');
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    const summary: { data: Record<string, number> }[] = await app.dataSource.query(
      `SELECT data FROM audit_events WHERE action = 'organization.import' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(summary[0]!.data).toEqual({ created: 2, changed: 1, moved: 1, closed: 0 });
    expect((await org(w.org.cityDept.id)).parentId).not.toBe(w.org.city.id);

    // closing through the roster: a row that sets a last year on an open body
    const close = `编码,单位名称,层级,上级编码,部门类别,截止年度\n${cityCode}-g2,戊区统计局,部门,${cityCode}-g1,统计局,2024`;
    const closing = await app
      .http()
      .post('/api/organizations/directory?dryRun=true')
      .set('cookie', w.cookie.admin)
      .attach('file', encodeGb18030(close), 'roster.csv');
    expect(closing.body).toMatchObject({ created: 0, changed: 0, moved: 0, closed: 1 });
  });

  it.each([
    // 80 MB: beyond the 64 MB the roster may inflate to
    ['inflates beyond the roster limits', 80, 'directory.workbookTooLarge', { mb: 64 }],
    // 16 MB: under the size limits, but 1,000 times its compressed size
    ['inflates hundreds of times its size', 16, 'directory.workbookCompressed', { ratio: 200 }],
  ])(
    'refuses a workbook that %s (zip bomb) without reading it',
    async (_what, mb, reason, params) => {
      // a sheet of spaces deflates about 1,000 times: 80 MB to ~80 kB
      const bytes = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(mb * 1024 * 1024, 0x20));
      expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
      const res = await app
        .http()
        .post('/api/organizations/directory?dryRun=true')
        .set('cookie', w.cookie.admin)
        .attach('file', bytes, 'roster.xlsx');
      expect(res.status).toBe(400);
      expect(res.body.reason).toBe(reason);
      expect(res.body.params).toEqual(params);
    },
    60_000,
  );

  it('downloads a template with the Chinese headings, and exports the tree as a styled A4 sheet', async () => {
    const template = await app
      .http()
      .get('/api/organizations/directory/template.xlsx')
      .set('cookie', w.cookie.admin)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body as Buffer as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('编码');

    const res = await app
      .http()
      .get(`/api/organizations/export.xlsx?rootId=${w.org.city.id}`)
      .set('cookie', w.cookie.reviewer)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
    const sheet = exported.getWorksheet('机构名录')!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '1:2' });
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '编码',
      '名称',
      '层级',
      '部门类别',
      '同类组',
      '上级',
      '隶属路径',
      '起始年度',
      '截止年度',
      '是否报送',
    ]);
    const rows: { n: string }[] = await app.dataSource.query(
      `SELECT count(*) AS n FROM organizations WHERE path LIKE $1`,
      [
        `${(await app.dataSource.query('SELECT path FROM organizations WHERE id = $1', [w.org.city.id]))[0].path}%`,
      ],
    );
    expect(sheet.actualRowCount).toBe(2 + Number(rows[0]!.n));
    const deptRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === w.org.deptA1.code)!;
    expect(deptRow.getCell(3).value).toBe('部门');
    expect(deptRow.getCell(7).value).toBe('测试市 › 甲县 › 甲县科学技术局');
    expect(deptRow.getCell(6).value).toBe('甲县');
  });
  it('reads a nation (全国, 国家, NATION) as a root that files no report, with provinces under it', async () => {
    const post = (csv: string, dryRun: boolean) =>
      app
        .http()
        .post(`/api/organizations/directory${dryRun ? '?dryRun=true' : ''}`)
        .set('cookie', w.cookie.admin)
        .attach('file', Buffer.from(csv), 'roster.csv');
    const organizations = await rowCount('organizations');
    const bad = await post(
      [
        '编码,单位名称,层级,上级编码,是否报送',
        `DN-1,全国一,国家,${w.org.city.code},`,
        'DN-2,全国二,NATION,,是',
        'DN-3,全国三,nation,DN-4,否',
        'DN-4,全国四,全国,,',
        'DN-5,某省,省,DN-4,',
      ].join('\n'),
      true,
    );
    expect(bad.status).toBe(200);
    expect(
      (bad.body.errors as { line: number; field: string; reason: { key: string } }[]).map(
        (e) => `${e.line}:${e.field}:${e.reason.key}`,
      ),
    ).toEqual([
      '2:parent_code:directory.row.nationRoot',
      '3:reports:directory.row.nationReports',
      '4:parent_code:directory.row.nationRoot',
    ]);
    expect(await rowCount('organizations')).toBe(organizations);

    const good = [
      '编码,单位名称,层级,上级编码',
      'DN-4,全国,全国,',
      'DN-5,某省人民政府,省,DN-4',
    ].join('\n');
    const applied = await post(good, false);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, created: 2 });
    const rows: { code: string; level: string; reports: boolean; parent: string | null }[] =
      await app.dataSource.query(
        `SELECT o.code, o.level, o.reports, p.code AS parent FROM organizations o
           LEFT JOIN organizations p ON p.id = o.parent_id WHERE o.code LIKE 'DN-%' ORDER BY o.code`,
      );
    expect(rows).toEqual([
      { code: 'DN-4', level: 'NATION', reports: false, parent: null },
      { code: 'DN-5', level: 'PROVINCE', reports: true, parent: 'DN-4' },
    ]);
    // the same roster again changes nothing: an empty “reports” keeps the nation not reporting
    const again = await post(good, true);
    expect(again.body).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 2 });
  });
});
