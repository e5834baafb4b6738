import { newestFirstPage } from '../src/common/newest-first-page';
import { CURSOR_BY_TIME, decodeCursor, type Page } from '../src/common/pagination';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity';
import { UserEntity } from '../src/modules/auth/user.entity';
import { ExportLogEntity, ExportKind } from '../src/modules/exports/export-log.entity';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, gqlOk, type World } from './support/world';

/** Pages a log newest first by (created_at, id): ties of the instant are broken by the id. */
describe(newestFirstPage.name, () => {
  let app: TestApp;
  let w: World;
  const SAME = new Date('2025-03-01T02:00:00.000Z');

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    // five events at one instant, two before and two after it, for one organization only
    const at = [
      new Date('2025-01-01T00:00:00Z'),
      new Date('2025-02-01T00:00:00Z'),
      SAME,
      SAME,
      SAME,
      SAME,
      SAME,
      new Date('2025-04-01T00:00:00Z'),
      new Date('2025-05-01T00:00:00Z'),
    ];
    await app.dataSource.getRepository(AuditEventEntity).insert(
      at.map((createdAt, i) => ({
        organizationId: w.org.deptB1.id,
        action: 'paging.probe',
        data: { i } as never,
        createdAt,
      })),
    );
  }, 120_000);

  afterAll(() => app?.close());

  const probes = () =>
    app.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.action = :action', { action: 'paging.probe' });

  it('walks every row once, newest first with ties in id order, and counts them on each page', async () => {
    const seen: AuditEventEntity[] = [];
    let after: Page['after'] = null;
    let pages = 0;
    for (;;) {
      const page = await newestFirstPage(probes(), { limit: 2, after });
      pages++;
      expect(page.totalCount).toBe(9);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = decodeCursor(page.pageInfo.endCursor!, CURSOR_BY_TIME);
    }
    expect(pages).toBe(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(9);
    const keys = seen.map((e) => [e.createdAt.getTime(), e.id] as const);
    const sorted = [...keys].sort((a, b) =>
      a[0] !== b[0] ? b[0] - a[0] : a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0,
    );
    expect(keys).toEqual(sorted);
    expect(seen.filter((e) => e.createdAt.getTime() === SAME.getTime())).toHaveLength(5);
  });

  it('ends with an empty last page when the cursor is the oldest row', async () => {
    const all = await newestFirstPage(probes(), { limit: 50, after: null });
    expect(all.edges).toHaveLength(9);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const oldest = all.edges.at(-1)!.node;
    const rest = await newestFirstPage(probes(), {
      limit: 5,
      after: { k: oldest.createdAt.toISOString(), id: oldest.id },
    });
    expect(rest.edges).toHaveLength(0);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(rest.totalCount).toBe(9);
  });

  it('pages the audit log and the export log through GraphQL alike', async () => {
    const admin = await app.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ username: w.username.admin });
    await app.dataSource.getRepository(ExportLogEntity).insert(
      [1, 2, 3].map((n) => ({
        kind: Object.values(ExportKind)[0]!,
        actorId: admin.id,
        scopeOrganizationId: w.org.city.id,
        fileName: `probe-${n}.xlsx`,
        rowCount: n,
        completed: true,
        createdAt: SAME,
      })),
    );
    type Conn = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string } }[];
    };
    const walk = async (
      field: string,
      args: string,
    ): Promise<{ ids: string[]; totals: number[] }> => {
      const ids: string[] = [];
      const totals: number[] = [];
      let after: string | null = null;
      do {
        const data: Record<string, Conn> = await gqlOk<Record<string, Conn>>(
          app,
          `query($after: String) { ${field}(${args} first: 2, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
          { after },
          w.cookie.admin,
        );
        const c = data[field]!;
        totals.push(c.totalCount);
        ids.push(...c.edges.map((e) => e.node.id));
        after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      } while (after);
      return { ids, totals };
    };
    const audit = await walk('auditEvents', 'action: "paging.probe",');
    expect(audit.totals).toEqual([9, 9, 9, 9, 9]);
    expect(new Set(audit.ids).size).toBe(9);
    const exports = await walk('exportLogs', '');
    const total = exports.totals[0]!;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(new Set(exports.totals)).toEqual(new Set([total]));
    expect(new Set(exports.ids).size).toBe(total);
  });
});
