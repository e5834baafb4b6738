import { PUBLIC } from '../src/common/permission.decorator';
import { Permission, Role, ROLE_PERMISSIONS } from '../src/common/permissions';
import { createTestApp, type TestApp } from './test-app';
import { allHandlers } from './support/handlers';

/** Deny by default: every resolver method and every route declares its permission. */
describe('permission declarations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('finds a known permission on every Query, Mutation, ResolveField and route handler', () => {
    const known = new Set<string>([...Object.values(Permission), PUBLIC]);
    const handlers = allHandlers(app);
    const missing = handlers
      .filter((h) => h.permission === undefined || !known.has(h.permission))
      .map((h) => `${h.owner}.${h.method} (${h.kind})`);
    expect(missing).toEqual([]);
    expect(handlers.filter((h) => h.kind === 'Query').length).toBeGreaterThan(10);
    expect(handlers.filter((h) => h.kind === 'Mutation').length).toBeGreaterThan(15);
    expect(handlers.filter((h) => h.kind === 'route').length).toBeGreaterThanOrEqual(4);
  });

  it('gives admins every permission and keeps bureaus away from review and management', () => {
    expect([...ROLE_PERMISSIONS[Role.ADMIN]].sort()).toEqual(Object.values(Permission).sort());
    for (const p of [
      Permission.ReviewDecide,
      Permission.OrganizationManage,
      Permission.RoundManage,
      Permission.StatsRead,
      Permission.RollupRead,
      Permission.UserManage,
    ])
      expect(ROLE_PERMISSIONS[Role.BUREAU].has(p)).toBe(false);
    for (const p of [Permission.ReviewDecide, Permission.SubmissionEdit, Permission.RoundManage])
      expect(ROLE_PERMISSIONS[Role.SUPERVISOR].has(p)).toBe(false);
  });
});
