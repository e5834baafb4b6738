import {
  OrganizationEntity,
  OrganizationLevel,
} from '../src/modules/organizations/organization.entity';
import {
  checkNewOrganization,
  insertCheckedOrganization,
  type OrganizationToCreate,
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
});
