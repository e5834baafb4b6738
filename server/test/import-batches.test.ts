import { renderReportHtml, renderReportText } from '@gongkai/report-import';
import type { RunningServer } from '../src/boot';
import { ImportBatchesService } from '../src/modules/imports/import-batches.service';
import { createTestApp, startSecondProcess, type TestApp } from './test-app';
import { eventually } from './support/smtp';
import { storedZip as zip } from './support/stored-zip';
import { buildWorld, gqlOk, makeReport, saveDraft, start, type World } from './support/world';

const text = (name: string, seed: number, year = 2023) =>
  Buffer.from(renderReportText(makeReport(seed, year, name)), 'utf8');

const NOT_A_REPORT = Buffer.from(
  '甲县教育局2023年政务公开工作自查报告\n\n一、自查情况\n今年以来，我局认真开展政务公开工作自查，现将有关情况报告如下。\n二、存在问题\n个别栏目更新不及时。\n',
  'utf8',
);

type Item = {
  fileName: string;
  status: string;
  reasonKey: string | null;
  reasonParams: Record<string, unknown> | null;
  candidates: { id: string; name: string }[] | null;
  readName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  submissionId: string | null;
  id: string;
};
type Batch = {
  id: string;
  status: string;
  total: number;
  scopeName: string;
  counts: Record<string, number>;
  items: { totalCount: number; edges: { node: Item }[] };
};

const BATCH_QUERY = `query($id: ID!) { importBatch(id: $id) { id status total scopeName
  counts { pending stored matched needsChoice notAReport failed cancelled done }
  items(first: 100) { totalCount edges { node { id fileName status reasonKey reasonParams
    candidates { id name } readName organizationId organizationName submissionId } } } } }`;

async function batchOf(app: TestApp, id: string, cookie: string): Promise<Batch> {
  return (await gqlOk<{ importBatch: Batch }>(app, BATCH_QUERY, { id }, cookie)).importBatch;
}

async function finished(app: TestApp, id: string, cookie: string): Promise<Batch> {
  return eventually(
    'the batch to finish',
    () => batchOf(app, id, cookie),
    (b) => b.status !== 'RUNNING',
    60_000,
  );
}

function upload(
  app: TestApp,
  cookie: string,
  files: readonly (readonly [string, Buffer])[],
  fields: { scopeOrganizationId: string; year: number },
) {
  const req = app
    .http()
    .post('/api/import-batches')
    .set('cookie', cookie)
    .field('scopeOrganizationId', fields.scopeOrganizationId)
    .field('year', String(fields.year));
  for (const [name, bytes] of files) req.attach('files', bytes, name);
  return req;
}

async function countRows(app: TestApp, table: string): Promise<number> {
  const rows: { n: number }[] = await app.dataSource.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return rows[0]!.n;
}

describe('batch import of published reports (pg-boss job)', () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp({ env: { GONGKAI_JOBS: 'true' } });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('reads a zip of published reports into the right statuses, storing the matched ones', async () => {
    // the education bureau has started its own report: the import must not overwrite it
    const own = await start(w, 'bureauA2', w.org.deptA2.id);
    const saved = await saveDraft(
      w,
      'bureauA2',
      own.id,
      own.revision,
      makeReport(7, 2023, '甲县教育局'),
    );
    expect(saved.errors).toBeUndefined();

    const archive = zip([
      ['年报/甲县科学技术局2023年政府信息公开工作年度报告.txt', text('测试市甲县科学技术局', 11)],
      ['年报/财政局.html', Buffer.from(renderReportHtml(makeReport(12, 2023, '测试市财政局')))],
      ['年报/教育局.txt', text('甲县教育局', 13)],
      ['年报/自查报告.txt', NOT_A_REPORT],
      ['年报/水利局.txt', text('丙县水利局', 14)],
      ['年报/科技局.txt', text('科学技术局', 15)],
      ['年报/2022年.txt', text('乙县科学技术局', 16, 2022)],
      ['__MACOSX/._科技局.txt', Buffer.from('junk')],
    ]);
    const res = await upload(app, w.cookie.supervisor, [['reports.zip', archive]], {
      scopeOrganizationId: w.org.city.id,
      year: 2023,
    });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(7);

    const batch = await finished(app, res.body.id as string, w.cookie.supervisor);
    expect(batch.status).toBe('DONE');
    expect(batch.scopeName).toBe('测试市');
    const by = new Map(batch.items.edges.map((e) => [e.node.fileName, e.node]));
    const status = (name: string) => by.get(name)?.status;
    expect(status('甲县科学技术局2023年政府信息公开工作年度报告.txt')).toBe('STORED');
    expect(by.get('甲县科学技术局2023年政府信息公开工作年度报告.txt')!.organizationName).toBe(
      '甲县科学技术局',
    );
    expect(status('财政局.html')).toBe('STORED');
    expect(by.get('财政局.html')!.organizationId).toBe(w.org.cityDept.id);
    expect(status('教育局.txt')).toBe('MATCHED');
    expect(by.get('教育局.txt')!.reasonKey).toBe('import.alreadyHasReport');
    expect(status('自查报告.txt')).toBe('NOT_A_REPORT');
    expect(status('水利局.txt')).toBe('NEEDS_CHOICE');
    expect(by.get('水利局.txt')!.reasonKey).toBe('import.unknownBody');
    expect(status('科技局.txt')).toBe('NEEDS_CHOICE');
    expect(by.get('科技局.txt')!.reasonKey).toBe('import.ambiguousBody');
    expect(
      by
        .get('科技局.txt')!
        .candidates!.map((c) => c.id)
        .sort(),
    ).toEqual([w.org.deptA1.id, w.org.deptB1.id].sort());
    expect(status('2022年.txt')).toBe('FAILED');
    expect(by.get('2022年.txt')!.reasonKey).toBe('import.batchWrongYear');
    expect(batch.counts).toMatchObject({
      stored: 2,
      matched: 1,
      needsChoice: 2,
      notAReport: 1,
      failed: 1,
      pending: 0,
      done: 7,
    });

    // stored through the submissions path: checked, marked imported, with its file
    const versions: { source: string; n: number; files: number; findings: number }[] =
      await app.dataSource.query(
        `SELECT v.source, count(*)::int AS n, count(v.file_id)::int AS files,
                sum(jsonb_array_length(v.findings))::int AS findings
           FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
          WHERE s.organization_id = ANY($1) GROUP BY v.source`,
        [[w.org.deptA1.id, w.org.cityDept.id]],
      );
    expect(versions).toEqual([
      { source: 'IMPORTED', n: 2, files: 2, findings: expect.any(Number) },
    ]);
    // the bureau's own draft is untouched
    const mine: { version_count: number }[] = await app.dataSource.query(
      `SELECT version_count FROM submissions WHERE id = $1`,
      [own.id],
    );
    expect(mine[0]!.version_count).toBe(1);
    const events: { action: string; n: number }[] = await app.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE action IN ('import.batchCreate', 'submission.import') GROUP BY action ORDER BY action`,
    );
    expect(events).toEqual([
      { action: 'import.batchCreate', n: 1 },
      { action: 'submission.import', n: 2 },
    ]);

    // a person picks the body of the ambiguous file; the unknown one cannot go outside the region
    const ambiguous = by.get('科技局.txt')!;
    const picked = await gqlOk<{ resolveImportItem: Item }>(
      app,
      `mutation($i: ResolveImportItemInput!) { resolveImportItem(input: $i) { status organizationId submissionId } }`,
      { i: { itemId: ambiguous.id, organizationId: w.org.deptB1.id } },
      w.cookie.supervisor,
    );
    expect(picked.resolveImportItem).toMatchObject({
      status: 'STORED',
      organizationId: w.org.deptB1.id,
    });
    const again = await app.graphql(
      `mutation($i: ResolveImportItemInput!) { resolveImportItem(input: $i) { status } }`,
      { i: { itemId: ambiguous.id, organizationId: w.org.deptA1.id } },
      w.cookie.supervisor,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'import.notWaiting',
    });
    const outside = await app.graphql(
      `mutation($i: ResolveImportItemInput!) { resolveImportItem(input: $i) { status } }`,
      { i: { itemId: by.get('水利局.txt')!.id, organizationId: w.org.closedA3.id } },
      w.cookie.supervisor,
    );
    expect(outside.errors?.[0]?.extensions).toMatchObject({ reason: 'import.notInRegion' });
    expect((await batchOf(app, batch.id, w.cookie.supervisor)).counts.stored).toBe(3);

    // the list pages the batches of the caller's scope; a county reviewer does not see this one
    const list = await gqlOk<{ importBatches: { totalCount: number } }>(
      app,
      '{ importBatches(first: 5) { totalCount edges { node { id } } } }',
      {},
      w.cookie.supervisor,
    );
    expect(list.importBatches.totalCount).toBe(1);
    const hidden = await app.graphql(BATCH_QUERY, { id: batch.id }, w.cookie.reviewerA);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 120_000);

  it('refuses bad uploads with a reason and saves nothing', async () => {
    const before = await countRows(app, 'import_batches');
    const scope = { scopeOrganizationId: w.org.city.id, year: 2023 };
    const nested = zip([
      ['a.txt', text('甲县教育局', 21)],
      ['inner.zip', zip([['b.txt', text('甲县教育局', 22)]])],
    ]);
    const r1 = await upload(app, w.cookie.supervisor, [['nested.zip', nested]], scope);
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject({ reason: 'import.nestedZip' });

    const many = zip(
      Array.from({ length: 10_000 }, (_, i) => [`f${i}.txt`, Buffer.alloc(0)] as const),
    );
    const r2 = await upload(app, w.cookie.supervisor, [['many.zip', many]], scope);
    expect(r2.status).toBe(400);
    expect(r2.body).toMatchObject({ reason: 'import.archiveTooLarge' });

    const r3 = await upload(
      app,
      w.cookie.supervisor,
      [['broken.zip', Buffer.from('PK\u0003\u0004broken')]],
      scope,
    );
    expect(r3.status).toBe(400);
    expect(r3.body).toMatchObject({ reason: 'import.corruptArchive' });

    const r4 = await upload(app, w.cookie.supervisor, [['a.exe', Buffer.from('MZ')]], scope);
    expect(r4.status).toBe(400);
    expect(r4.body).toMatchObject({ reason: 'import.unsupportedInBatch' });

    const r5 = await upload(app, w.cookie.bureauA1, [['a.txt', text('甲县教育局', 23)]], scope);
    expect(r5.status).toBe(403);

    const r6 = await upload(app, w.cookie.reviewerA, [['a.txt', text('甲县教育局', 24)]], scope);
    expect(r6.status).toBe(404);

    expect(await countRows(app, 'import_batches')).toBe(before);
  }, 60_000);
});

describe('a batch resumes after a restart and stores each file once', () => {
  let app: TestApp;
  let second: RunningServer | null = null;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await app?.close();
  });

  it('picks up the pending files in a new process', async () => {
    const service = app.app.get(ImportBatchesService);
    // the first process stops before reading any file (as if it had been killed)
    const kick = jest
      .spyOn(service as unknown as { kick(id: string): Promise<void> }, 'kick')
      .mockImplementation(async () => undefined);
    const res = await upload(
      app,
      w.cookie.reviewer,
      [
        ['a1.txt', text('甲县科学技术局', 31)],
        ['b1.txt', text('乙县科学技术局', 32)],
        ['c1.txt', text('测试市财政局', 33)],
      ],
      { scopeOrganizationId: w.org.city.id, year: 2023 },
    );
    expect(res.status).toBe(201);
    kick.mockRestore();
    const pending = await batchOf(app, res.body.id as string, w.cookie.reviewer);
    expect(pending.counts).toMatchObject({ pending: 3, done: 0 });

    // a new process on the same database resumes it while the first one resumes it too
    second = await startSecondProcess(app, { jobs: false });
    await service.resume();
    const done = await finished(app, res.body.id as string, w.cookie.reviewer);
    expect(done.counts).toMatchObject({ stored: 3, pending: 0 });
    await service.resume();
    await second.app.get(ImportBatchesService).resume();
    const versions: { n: number; submissions: number }[] = await app.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT submission_id)::int AS submissions
         FROM submission_versions WHERE source = 'IMPORTED'`,
    );
    expect(versions[0]).toEqual({ n: 3, submissions: 3 });
  }, 120_000);

  it('cancels a running batch: unread files are cancelled, nothing else changes', async () => {
    const service = app.app.get(ImportBatchesService);
    const kick = jest
      .spyOn(service as unknown as { kick(id: string): Promise<void> }, 'kick')
      .mockImplementation(async () => undefined);
    const res = await upload(app, w.cookie.reviewer, [['x.txt', text('甲县教育局', 41)]], {
      scopeOrganizationId: w.org.countyA.id,
      year: 2023,
    });
    kick.mockRestore();
    expect(res.status).toBe(201);
    const cancelled = await gqlOk<{
      cancelImportBatch: { status: string; counts: { cancelled: number } };
    }>(
      app,
      'mutation($id: ID!) { cancelImportBatch(id: $id) { status counts { cancelled } } }',
      { id: res.body.id },
      w.cookie.reviewer,
    );
    expect(cancelled.cancelImportBatch).toEqual({ status: 'CANCELLED', counts: { cancelled: 1 } });
    await service.resume();
    const rows: { n: number }[] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions WHERE organization_id = $1`,
      [w.org.deptA2.id],
    );
    expect(rows[0]!.n).toBe(0);
  }, 60_000);

  it('stops reading a batch whose uploader was deactivated: the files fail, nothing is stored', async () => {
    const service = app.app.get(ImportBatchesService);
    const kick = jest
      .spyOn(service as unknown as { kick(id: string): Promise<void> }, 'kick')
      .mockImplementation(async () => undefined);
    const res = await upload(app, w.cookie.supervisor, [['y.txt', text('甲县教育局', 42)]], {
      scopeOrganizationId: w.org.countyA.id,
      year: 2023,
    });
    kick.mockRestore();
    expect(res.status).toBe(201);
    await app.dataSource.query('UPDATE users SET active = false WHERE username = $1', [
      w.username.supervisor,
    ]);
    try {
      await service.run(res.body.id as string);
    } finally {
      await app.dataSource.query('UPDATE users SET active = true WHERE username = $1', [
        w.username.supervisor,
      ]);
    }
    const done = await finished(app, res.body.id as string, w.cookie.supervisor);
    expect(done.items.edges.map(({ node }) => [node.status, node.reasonKey])).toEqual([
      ['FAILED', 'import.uploaderGone'],
    ]);
    const rows: { n: number }[] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM submissions WHERE organization_id = $1`,
      [w.org.deptA2.id],
    );
    expect(rows[0]!.n).toBe(0);
  }, 60_000);
});
