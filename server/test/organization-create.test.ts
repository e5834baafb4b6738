import {
  OrganizationEntity,
  OrganizationLevel,
} from '../src/modules/organizations/organization.entity';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import {
  checkNewOrganization,
  insertCheckedOrganization,
  insertCheckedOrganizations,
  type OrganizationToCreate,
  type OrganizationToCreateInList,
} from '../src/modules/organizations/organization-create';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, type World } from './support/world';

/** The create command's two steps, as the service and the demo loader run them. */
describe(insertCheckedOrganization.name, () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 120_000);

  afterAll(() => app?.close());

  const input = (overrides: Partial<OrganizationToCreate> = {}): OrganizationToCreate => ({
    code: `T-${Math.random().toString(36).slice(2, 10)}`,
    name: '  甲县统计局 ',
    level: OrganizationLevel.DEPARTMENT,
    parentId: w.org.countyA.id,
    kind: '统计局',
    ...overrides,
  });

  it('writes the node with its path in one statement and returns what the database holds', async () => {
    const statements: string[] = [];
    const created = await app.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return (await insertCheckedOrganization(manager, null, input({ isDemo: true }))).created;
    });
    // the parent read, the code check, the insert (and the transaction's COMMIT)
    const work = statements.filter((s) => !/^\s*(BEGIN|START|COMMIT)/i.test(s));
    expect(work.map((s) => s.trim().split(/\s/)[0])).toEqual(['SELECT', 'SELECT', 'INSERT']);
    const row = await app.dataSource
      .getRepository(OrganizationEntity)
      .findOneByOrFail({ id: created.id });
    expect(created.path).toBe(`${w.org.countyA.path}${created.id}/`);
    expect(row.path).toBe(created.path);
    expect(created.name).toBe('甲县统计局');
    expect(created.revision).toBe(row.revision);
    expect(created.createdAt.getTime()).toBe(row.createdAt.getTime());
    expect(row.isDemo).toBe(true);
    expect(row.reports).toBe(true);
  });

  it('uses the parent row the caller holds instead of reading it again', async () => {
    const { created, parent } = await app.dataSource.transaction((manager) =>
      insertCheckedOrganization(manager, null, input(), w.org.countyA),
    );
    expect(parent?.id).toBe(w.org.countyA.id);
    expect(created.parentId).toBe(w.org.countyA.id);
  });

  it('refuses a taken code, a level above its parent and an unknown parent', async () => {
    const attempt = (i: OrganizationToCreate) =>
      app.dataSource.transaction((manager) => insertCheckedOrganization(manager, null, i));
    await expect(attempt(input({ code: w.org.deptA1.code }))).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: { key: 'organization.codeTaken' },
    });
    await expect(
      attempt(input({ level: OrganizationLevel.COUNTY, parentId: w.org.deptA1.id })),
    ).rejects.toMatchObject({ reason: { key: 'organization.levelPlacement' } });
    await expect(
      attempt(input({ parentId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ reason: { key: 'organization.parentUnknown' } });
  });

  it('checks the input before any database work: code pattern, name, years', () => {
    expect(() => checkNewOrganization(input({ code: 'has space' }))).toThrow();
    expect(() => checkNewOrganization(input({ name: '   ' }))).toThrow();
    expect(() =>
      checkNewOrganization(input({ activeFromYear: 2025, activeToYear: 2020 })),
    ).toThrow();
    expect(() => checkNewOrganization(input())).not.toThrow();
  });

  it('names the row of a list in the input checks', () => {
    expect(() => checkNewOrganization(input({ code: 'has space' }), 'organizations.3')).toThrow(
      expect.objectContaining({ field: 'organizations.3.code' }),
    );
  });
});

/** The create command's list form: a whole tree at once, checked as the single form checks each node. */
describe(insertCheckedOrganizations.name, () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 120_000);

  afterAll(() => app?.close());

  /** Runs `work` in a transaction that is rolled back, keeping the statements it sends. */
  const inRolledBack = async <T>(
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ result?: T; error?: unknown; statements: string[] }> => {
    const statements: string[] = [];
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof runner.query;
    try {
      return { result: await work(runner.manager), statements };
    } catch (error) {
      return { error, statements };
    } finally {
      runner.query = query;
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  /** A small tree, parents first: two departments of county A, a new county with a department. */
  const tree = (prefix: string, ids = false): OrganizationToCreateInList[] => {
    const id = () => (ids ? { id: randomUUID() } : {});
    const items: OrganizationToCreateInList[] = [
      {
        ...id(),
        code: `${prefix}-D1`,
        name: ' 甲县审计局',
        level: OrganizationLevel.DEPARTMENT,
        parentId: w.org.countyA.id,
        kind: '审计局',
        peerGroup: '县级审计局',
        region: '甲县',
      },
      {
        ...id(),
        code: `${prefix}-D2`,
        name: '甲县粮食局',
        level: OrganizationLevel.DEPARTMENT,
        parentId: w.org.countyA.id,
        activeToYear: 2022,
        reports: false,
        isDemo: true,
      },
      {
        ...id(),
        code: `${prefix}-K1`,
        name: '新区管委会',
        level: OrganizationLevel.COUNTY,
        parentId: w.org.city.id,
        activeFromYear: 2021,
      },
    ];
    // a department of the new county, named by the county's id when the caller chose it
    items.push({
      ...id(),
      code: `${prefix}-TD`,
      name: '新区财政局',
      level: OrganizationLevel.DEPARTMENT,
      parentId: ids ? items[2]!.id! : null,
    });
    return items;
  };

  const rowsOf = async (manager: EntityManager, prefix: string) => {
    const rows = (await manager.query(
      `SELECT * FROM organizations WHERE code LIKE $1 ORDER BY code`,
      [`${prefix}-%`],
    )) as Record<string, unknown>[];
    // ids and paths by position, so that two trees compare
    const position = new Map(rows.map((r, i) => [r.id as string, `#${i}`]));
    const named = (id: string) => position.get(id) ?? id;
    return rows.map((r): Record<string, unknown> => ({
      ...r,
      id: named(r.id as string),
      code: (r.code as string).slice(prefix.length),
      parent_id: r.parent_id === null ? null : named(r.parent_id as string),
      path: (r.path as string).split('/').map(named).join('/'),
    }));
  };

  it('writes the rows the single form writes, node by node', async () => {
    const { result, error } = await inRolledBack(async (manager) => {
      // the single form, each node after its parent is written
      const single = tree('SGL');
      const written: string[] = [];
      for (const [i, item] of single.entries()) {
        const parentId = i === 3 ? written[2]! : item.parentId;
        const { created } = await insertCheckedOrganization(manager, null, { ...item, parentId });
        written.push(created.id);
      }
      const listed = await insertCheckedOrganizations(manager, null, tree('LST', true));
      return {
        single: await rowsOf(manager, 'SGL'),
        list: await rowsOf(manager, 'LST'),
        listed,
      };
    });
    expect(error).toBeUndefined();
    const { single, list, listed } = result!;
    expect(single).toHaveLength(4);
    expect(list).toEqual(single);
    // the entities returned hold what the database holds
    const countyRow = list.find((r) => r.code === '-K1')!;
    expect(listed[2]!.created.revision).toBe(countyRow.revision);
    expect(listed[2]!.created.createdAt.getTime()).toBe((countyRow.created_at as Date).getTime());
    expect(listed[3]!.parent?.id).toBe(listed[2]!.created.id);
    expect(listed[3]!.created.path).toBe(`${listed[2]!.created.path}${listed[3]!.created.id}/`);
  });

  it('checks and writes a whole tree in three statements', async () => {
    const { result, statements } = await inRolledBack((manager) =>
      insertCheckedOrganizations(manager, null, tree('THREE', true)),
    );
    expect(result).toHaveLength(4);
    // the parents outside the list, the codes and ids taken, the nodes
    expect(statements.map((s) => s.trim().split(/\s/)[0])).toEqual(['SELECT', 'SELECT', 'INSERT']);
  });

  const closedParent = async (manager: EntityManager) =>
    (
      await insertCheckedOrganization(manager, null, {
        code: `CLOSED-${randomUUID().slice(0, 8)}`,
        name: '已撤销县',
        level: OrganizationLevel.COUNTY,
        parentId: w.org.city.id,
        activeToYear: 2020,
      })
    ).created;
  const reviewer: Actor = {
    userId: randomUUID(),
    username: 'reviewer',
    role: Role.REVIEWER,
    organizationId: randomUUID(),
    organizationPath: '/',
    sessionId: randomUUID(),
  } as Actor;
  const bad: [
    string,
    (manager: EntityManager) => Promise<Partial<OrganizationToCreate>>,
    Actor | null,
  ][] = [
    ['a taken code', async () => ({ code: w.org.deptA1.code }), null],
    [
      'a level above its parent',
      async () => ({ level: OrganizationLevel.COUNTY, parentId: w.org.deptA1.id }),
      null,
    ],
    ['an unknown parent', async () => ({ parentId: '00000000-0000-4000-8000-000000000000' }), null],
    ['a parent id that is no uuid', async () => ({ parentId: 'not-a-uuid' }), null],
    ['a body outliving its parent', async (m) => ({ parentId: (await closedParent(m)).id }), null],
    [
      'a root by a non-admin',
      async () => ({ level: OrganizationLevel.PROVINCE, parentId: null }),
      reviewer,
    ],
  ];
  const good = (prefix: string): OrganizationToCreate => ({
    code: `${prefix}-${randomUUID().slice(0, 8)}`,
    name: '甲县统计局',
    level: OrganizationLevel.DEPARTMENT,
    parentId: w.org.countyA.id,
  });
  const refusal = (error: unknown) => {
    const e = error as { code?: string; field?: string; message?: string; reason?: unknown };
    return { code: e.code, field: e.field, message: e.message, reason: e.reason };
  };

  it.each(bad)(
    'refuses %s as the single form does, naming the row, before writing anything',
    async (_, make, actor) => {
      const single = await inRolledBack(async (manager) =>
        insertCheckedOrganization(manager, actor, { ...good('ONE'), ...(await make(manager)) }),
      );
      expect(single.error).toBeDefined();
      const listed = await inRolledBack(async (manager) => {
        const first = good('FIRST');
        const second = { ...good('SECOND'), ...(await make(manager)) };
        try {
          return await insertCheckedOrganizations(manager, actor, [first, second]);
        } catch (error) {
          const [row] = (await manager.query(
            `SELECT count(*)::int AS count FROM organizations WHERE code = $1`,
            [first.code],
          )) as { count: number }[];
          throw Object.assign(error as object, { writtenBefore: row!.count });
        }
      });
      expect(listed.error).toBeDefined();
      const expected = refusal(single.error);
      expect(refusal(listed.error)).toEqual({
        ...expected,
        field: expected.field?.replace(/^input\./, 'organizations.1.'),
      });
      expect((listed.error as { writtenBefore: number }).writtenBefore).toBe(0);
    },
  );

  it('refuses a code twice in the list, and a parent named only by a later item', async () => {
    const [a, b] = [good('TWICE'), good('TWICE')];
    const twice = await inRolledBack((m) =>
      insertCheckedOrganizations(m, null, [a, { ...b, code: a.code }]),
    );
    expect(twice.error).toMatchObject({
      code: 'CONFLICT',
      reason: { key: 'organization.codeTaken' },
    });
    const childId = randomUUID();
    const parentId = randomUUID();
    const late = await inRolledBack((m) =>
      insertCheckedOrganizations(m, null, [
        { ...good('LATE'), id: childId, level: OrganizationLevel.TOWNSHIP, parentId },
        { ...good('LATE'), id: parentId },
      ]),
    );
    expect(late.error).toMatchObject({
      field: 'organizations.0.parentId',
      reason: { key: 'organization.parentUnknown' },
    });
    const taken = await inRolledBack((m) =>
      insertCheckedOrganizations(m, null, [{ ...good('ID'), id: w.org.deptA1.id }]),
    );
    expect(taken.error).toMatchObject({ code: 'CONFLICT' });
    expect((taken.error as Error).message).toMatch(/organizations\.0\.id/);
    const notUuid = await inRolledBack((m) =>
      insertCheckedOrganizations(m, null, [{ ...good('ID'), id: 'x' }]),
    );
    expect(notUuid.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizations.0.id' });
  });
});
