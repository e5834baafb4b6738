import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { Role } from '../src/common/permissions';
import type { FindingRow } from '../src/modules/scoring/ranking-row';
import { readFindingRows } from '../src/modules/exports/ranking-findings.reader';
import { StoreSnapshotRows1795361689281 } from '../src/database/migrations/1795361689281-StoreSnapshotRows';
import { PublishReadViews1796903500000 } from '../src/database/migrations/1796903500000-PublishReadViews';
import { CheckSnapshotRowsBySet1796905600000 } from '../src/database/migrations/1796905600000-CheckSnapshotRowsBySet';
import type { Actor } from '../src/common/actor';
import { DataSource } from 'typeorm';
import { failNextFrozenWrite } from './support/frozen-writes';
import { referenceRanking, referenceRound } from './support/reference-scoring';
import { type TestApp } from './test-app';
import { binary, count } from './support/responses';
import {
  buildRankingWorld,
  parseCsv,
  publishStaleThenRefreeze,
  RANKING,
  type RankingData,
  rankingInput,
  SNAPSHOTS,
} from './support/ranking';
import { codeOf, gqlOk, type World } from './support/world';
import { useAppWith } from './support/suite';

/** Frozen rows, their migration, who may rank, the exports; after a snapshot went stale. */
describe('ranking, snapshots, what-if and exports', () => {
  let sut: TestApp;
  let w: World;
  let supervisorA: string;
  let submissionIds: Record<string, string>;

  useAppWith(
    async (app) => {
      const world = await buildRankingWorld(app);
      await publishStaleThenRefreeze(app, world);
      return world;
    },
    (booted, world) => {
      sut = booted;
      ({ w, supervisorA, submissionIds } = world);
    },
    { timeout: 120_000 },
  );

  const input = (overrides: Record<string, unknown> = {}) => rankingInput(w, overrides);

  it('keeps frozen rows unchangeable, and a failed freeze leaves nothing', async () => {
    await expect(sut.dataSource.query('UPDATE ranking_snapshot_rows SET rank = 1')).rejects.toThrow(
      /immutable/,
    );
    await expect(sut.dataSource.query('DELETE FROM ranking_snapshot_rows')).rejects.toThrow(
      /immutable/,
    );
    const spy = failNextFrozenWrite(sut, 2);
    const counts = async () => [
      await count(sut, 'ranking_snapshots'),
      await count(sut, 'ranking_snapshot_rows'),
    ];
    const before = await counts();
    try {
      // (county A: the city's data is frozen unchanged already, and a copy is refused earlier)
      const res = await sut.graphql(
        `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
        { i: { roundId: w.round2023.id, regionId: w.org.countyA.id } },
        w.cookie.supervisor,
      );
      expect(res.errors).toHaveLength(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });

  it('holds frozen rows to an existing snapshot, checked once per statement', async () => {
    const [held] = (await sut.dataSource.query(
      `SELECT s.id, count(r.*)::int AS n FROM ranking_snapshots s
         JOIN ranking_snapshot_rows r ON r.snapshot_id = s.id
        WHERE s.status <> 'PUBLISHED' GROUP BY s.id ORDER BY s.id LIMIT 1`,
    )) as { id: string; n: number }[];
    expect(held!.n).toBeGreaterThan(1);
    const copy = (snapshot: string) =>
      sut.dataSource.query(
        `INSERT INTO ranking_snapshot_rows
         SELECT ${snapshot}, position, organization_id, organization_name, region_name,
                peer_group, department_type, rank, tied, score, points, flags, status,
                first_submitted_at, previous_rank, rank_change, version_id, input_digest, input
           FROM ranking_snapshot_rows WHERE snapshot_id = $1`,
        [held!.id],
      );
    const rows = await count(sut, 'ranking_snapshot_rows');
    await expect(copy('gen_random_uuid()')).rejects.toThrow(/snapshot .* does not exist/);
    await expect(
      sut.dataSource.query('UPDATE ranking_snapshots SET id = gen_random_uuid() WHERE id = $1', [
        held!.id,
      ]),
    ).rejects.toThrow(/an id does not change/);
    // (refused by the trigger, or first by another table's key to the snapshots)
    await expect(sut.dataSource.query('TRUNCATE ranking_snapshots')).rejects.toThrow(
      /immutable|foreign key/,
    );
    expect(await count(sut, 'ranking_snapshot_rows')).toBe(rows);
    // a copy under a new snapshot is written whole, and deleted with it (and only it)
    const runner = sut.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const [{ id }] = (await runner.query(
        `INSERT INTO ranking_snapshots (round_id, region_id, region_path, peer_group,
           scoring_model_id, title, status, as_of, inputs_hash, entry_count, ranked_count,
           frozen_by_id)
         SELECT round_id, region_id, region_path, peer_group, scoring_model_id, 'copy', status,
                as_of, inputs_hash, entry_count, ranked_count, frozen_by_id
           FROM ranking_snapshots WHERE id = $1 RETURNING id`,
        [held!.id],
      )) as [{ id: string }];
      await runner.query(
        `INSERT INTO ranking_snapshot_rows SELECT $2, position, organization_id,
           organization_name, region_name, peer_group, department_type, rank, tied, score,
           points, flags, status, first_submitted_at, previous_rank, rank_change, version_id,
           input_digest, input FROM ranking_snapshot_rows WHERE snapshot_id = $1`,
        [held!.id, id],
      );
      const copied = (await runner.query(
        'SELECT count(*)::int AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
        [id],
      )) as { n: number }[];
      expect(copied[0]!.n).toBe(held!.n);
      await runner.query('DELETE FROM ranking_snapshots WHERE id = $1', [id]);
      const left = (await runner.query(
        `SELECT count(*) FILTER (WHERE snapshot_id = $1)::int AS copy,
                count(*) FILTER (WHERE snapshot_id = $2)::int AS held
           FROM ranking_snapshot_rows`,
        [id, held!.id],
      )) as { copy: number; held: number }[];
      expect(left[0]).toEqual({ copy: 0, held: held!.n });
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await count(sut, 'ranking_snapshot_rows')).toBe(rows);
  });

  it('moves frozen rankings stored whole into rows and back (migration)', async () => {
    const snapshots = await gqlOk<{
      rankingSnapshots: {
        edges: { node: { id: string; stale: boolean; staleReason: string | null } }[];
      };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const read = async () =>
      Promise.all(
        snapshots.rankingSnapshots.edges.map(async ({ node }) => ({
          page: await gqlOk<RankingData>(
            sut,
            RANKING,
            { i: input({ snapshotId: node.id }) },
            w.cookie.supervisor,
          ),
          rows: (await sut.dataSource.query(
            `SELECT position, organization_id, input_digest, input, version_id
               FROM ranking_snapshot_rows WHERE snapshot_id = $1 ORDER BY position`,
            [node.id],
          )) as unknown[],
        })),
      );
    const before = await read();
    expect(before.length).toBeGreaterThan(1);
    const migration = new StoreSnapshotRows1795361689281();
    const runner = sut.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // the later migrations on the snapshot rows (the set-based checks of their snapshot, the
      // read views) go first, and back last
      const checks = new CheckSnapshotRowsBySet1796905600000();
      const views = new PublishReadViews1796903500000();
      await checks.down(runner);
      await views.down(runner);
      await migration.down(runner);
      // (on the migration's own connection: the others wait for its locks)
      const packed = (await runner.query(
        'SELECT count(*)::int AS n, count(result)::int AS packed FROM ranking_snapshots',
      )) as { n: number; packed: number }[];
      expect(packed[0]!.packed).toBe(packed[0]!.n);
      expect(packed[0]!.n).toBeGreaterThan(1);
      await migration.up(runner);
      await views.up(runner);
      await checks.up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await read()).toEqual(before);
    const after = await gqlOk<typeof snapshots>(
      sut,
      SNAPSHOTS,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    expect(after).toEqual(snapshots);
  });

  it('keeps rankings from bureaus and other regions', async () => {
    const asBureau = await sut.graphql(RANKING, { i: input() }, w.cookie.bureauA1);
    expect(codeOf(asBureau)).toBe('FORBIDDEN');
    const outside = await sut.graphql(
      RANKING,
      { i: input({ regionId: w.org.countyB.id }) },
      supervisorA,
    );
    expect(codeOf(outside)).toBe('FORBIDDEN');
    const inside = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ regionId: w.org.countyA.id }) },
      supervisorA,
    );
    expect(inside.ranking.edges.map((e) => e.node.organizationName).sort()).toEqual(
      ['甲县', '甲县教育局', '甲县科学技术局'].sort(),
    );
    const freezeAsReviewer = await sut.graphql(
      `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id } },
      w.cookie.reviewer,
    );
    expect(codeOf(freezeAsReviewer)).toBe('FORBIDDEN');

    const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
    const bureauXlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send(scope)
      .set('cookie', w.cookie.bureauA1);
    expect(bureauXlsx.status).toBe(403);
    const reviewerCsv = await sut
      .http()
      .post('/api/exports/ranking.csv')
      .send(scope)
      .set('cookie', w.cookie.reviewer);
    expect(reviewerCsv.status).toBe(403);
    const otherRegion = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send({ roundId: w.round2023.id, regionId: w.org.countyB.id })
      .set('cookie', supervisorA);
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.code).toBe('FORBIDDEN');
    const anonymous = await sut.http().post('/api/exports/ranking.csv').send(scope);
    expect(anonymous.status).toBe(401);

    const ownReport = await sut
      .http()
      .post(`/api/exports/report/${submissionIds.deptA2}.xlsx`)
      .set('cookie', w.cookie.bureauA2)
      .buffer(true)
      .parse(binary);
    expect(ownReport.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(ownReport.body as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const othersReport = await sut
      .http()
      .post(`/api/exports/report/${submissionIds.deptA2}.xlsx`)
      .set('cookie', w.cookie.bureauA1);
    expect(othersReport.status).toBe(404);
  });

  it('exports the ranking sheet: styles read back, LibreOffice opens it, CSV agrees', async () => {
    const logsBefore = await count(sut, 'export_logs');
    const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
    const xlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send(scope)
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('排名表')!;
    expect(String(sheet.getCell('A1').value)).toContain('2023年度');
    expect(String(sheet.getCell('A1').value)).toContain('测试市');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A2:A3']));
    expect(merges.some((m) => /^F2:[A-Z]+2$/.test(m))).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toMatch(/^A3:/);
    const firstRow = sheet.getRow(4);
    expect(typeof firstRow.getCell(1).value).toBe('number');
    expect((firstRow.getCell(6).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toMatch(
      /^FF/,
    );
    expect(workbook.getWorksheet('评分方法')).toBeDefined();
    const findings = workbook.getWorksheet('问题明细')!;
    const findingOrgs: string[] = [];
    findings.eachRow((row, n) => {
      if (n > 1) findingOrgs.push(String(row.getCell(2).value));
    });
    expect(findingOrgs).toContain('甲县教育局');

    const csv = await sut
      .http()
      .post('/api/exports/ranking.csv')
      .send(scope)
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(csv.status).toBe(200);
    const csvText = (csv.body as Buffer).toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const ours = parseCsv(csvText.slice(1)).slice(1);

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
    try {
      const file = join(dir, 'ranking.xlsx');
      writeFileSync(file, xlsx.body as Buffer);
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 120_000, stdio: 'ignore' },
      );
      const converted = readFileSync(join(dir, 'ranking.csv'), 'utf8').replace(/^\uFEFF/, '');
      const lines = parseCsv(converted);
      expect(lines[0]?.[0]).toContain('测试市');
      const data = lines.slice(3);
      expect(data).toHaveLength(ours.length);
      expect(data).toEqual(ours);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const logs = await gqlOk<{
      exportLogs: {
        edges: {
          node: { kind: string; rowCount: number; completed: boolean; snapshotId: string | null };
        }[];
      };
    }>(
      sut,
      `query($r: ID) { exportLogs(roundId: $r, first: 50) { edges { node { kind rowCount completed snapshotId fileName actorId createdAt } } } }`,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    const kinds = logs.exportLogs.edges.map((e) => e.node.kind);
    expect(kinds).toEqual(expect.arrayContaining(['RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX']));
    const xlsxLog = logs.exportLogs.edges.find((e) => e.node.kind === 'RANKING_XLSX')!.node;
    expect(xlsxLog.rowCount).toBe(ours.length);
    expect(xlsxLog.completed).toBe(true);
    expect(await count(sut, 'export_logs')).toBeGreaterThanOrEqual(logsBefore + 2);
  }, 180_000);

  it("reads the findings sheet batch by batch in rank order, within the reader's scope", async () => {
    const dataSource = sut.app.get(DataSource);
    const actorOf = (role: Role, organization: { id: string; path: string }): Actor => ({
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'reader',
      role,
      organizationId: organization.id,
      organizationPath: organization.path,
      sessionId: 'test',
    });
    const supervisor = actorOf(Role.SUPERVISOR, w.org.city);
    const scored = await referenceRound(sut.app, w.round2023.id);
    const list = referenceRanking(scored, { regionPath: w.org.city.path }).map((entry) => ({
      versionId: scored.items[entry.row]!.ref.versionId,
      organizationName: scored.items[entry.row]!.ref.organizationName,
      rank: entry.rank,
    }));
    // an organization without a scored version is skipped, not an error
    list.splice(1, 0, { versionId: null, organizationName: '无版本', rank: null });
    const sources = {
      length: list.length,
      versionId: (i: number) => list[i]!.versionId,
      organizationName: (i: number) => list[i]!.organizationName,
      rank: (i: number) => list[i]!.rank,
    };
    const read = async (actor: Actor, batch: number) => {
      const rows: FindingRow[] = [];
      for await (const row of readFindingRows(dataSource, actor, sources, batch)) rows.push(row);
      return rows;
    };
    const whole = await read(supervisor, 1000);
    expect(whole.length).toBeGreaterThan(2);
    expect(await read(supervisor, 1)).toEqual(whole);
    expect(await read(supervisor, 2)).toEqual(whole);
    // in rank order: each organization's findings together, organizations as listed
    const order = whole.map((row) =>
      list.findIndex((o) => o.organizationName === row.organizationName),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(whole.some((row) => row.organizationName === '无版本')).toBe(false);
    // a county office sees its own county's findings only
    const county = await read(actorOf(Role.SUPERVISOR, w.org.countyA), 1);
    expect(county.length).toBeGreaterThan(0);
    expect(county.length).toBeLessThan(whole.length);
    expect(county).toEqual(whole.filter((row) => row.organizationName.startsWith('甲县')));
    await expect(read(supervisor, 0)).rejects.toThrow(/batch/);
  });

  it('exports a snapshot as frozen, naming it in the methodology sheet', async () => {
    const list = await gqlOk<{
      rankingSnapshots: { edges: { node: { id: string; stale: boolean } }[] };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const stale = list.rankingSnapshots.edges.find((e) => e.node.stale)!.node;
    const xlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send({ roundId: w.round2023.id, regionId: w.org.city.id, snapshotId: stale.id })
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const texts: string[] = [];
    workbook.getWorksheet('评分方法')!.eachRow((row) => texts.push(row.values?.toString() ?? ''));
    expect(texts.join('\n')).toContain(stale.id);
    expect(texts.join('\n')).toContain('冻结后数据已变化');
    const statuses: string[] = [];
    const rankingSheet = workbook.getWorksheet('排名表')!;
    const statusColumn = (rankingSheet.getRow(3).values as unknown[]).indexOf('状态');
    expect(statusColumn).toBeGreaterThan(0);
    rankingSheet.eachRow((row, n) => {
      if (n > 3) statuses.push(String(row.getCell(statusColumn).value));
    });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).not.toContain('已退回');
  });
});
