import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { AuthService } from '../src/modules/auth/auth.service';
import { Role } from '../src/common/permissions';
import { type TestApp } from './test-app';
import { codeOf, gqlOk, PASSWORD, signIn, type World } from './support/world';
import { accountCalls } from './support/accounts';
import { reasonOf } from './support/responses';
import { useWorld } from './support/suite';

describe('accounts', () => {
  let app: TestApp;
  let w: World;
  const admin = () => w.cookie.admin;

  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const { unchanged, createUser, meOf, changeOwn } = accountCalls(() => app, admin);

  it('creates an account with a one-time password that must be changed before anything else', async () => {
    const created = await createUser({
      username: 'otp-user',
      displayName: '一次性',
      role: 'REVIEWER',
      organizationId: w.org.countyA.id,
    });
    expect(created.errors).toBeUndefined();
    const otp = created.data!.createUser.oneTimePassword!;
    expect(otp).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(created.data!.createUser.user.mustChangePassword).toBe(true);

    const cookie = await signIn(app, 'otp-user', otp);
    expect((await meOf(cookie)).data!.me).toEqual({
      mustChangePassword: true,
      user: { username: 'otp-user' },
    });
    const refused = await app.graphql('{ rounds { id } }', {}, cookie);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(reasonOf(refused)).toBe('auth.passwordChangeRequired');
    expect(refused.data ?? null).toBeNull();

    const weak = await unchanged(() => changeOwn(cookie, otp, 'short1'));
    expect(reasonOf(weak)).toBe('auth.password.tooShort');
    expect(reasonOf(await changeOwn(cookie, otp, 'otp-user'))).toBe('auth.password.tooShort');
    expect(reasonOf(await changeOwn(cookie, otp, 'password123'))).toBe('auth.password.common');
    expect(reasonOf(await changeOwn(cookie, otp, 'abcdefghijkl'))).toBe(
      'auth.password.tooFewKinds',
    );

    const changed = await changeOwn(cookie, otp, 'river-stone-2025');
    expect(changed.data?.changeOwnPassword.mustChangePassword).toBe(false);
    expect(codeOf(await app.graphql('{ rounds { id } }', {}, cookie))).toBe('OK');

    const events: { action: string; data: Record<string, unknown> }[] = await app.dataSource.query(
      `SELECT action, data FROM audit_events WHERE data->>'username' = 'otp-user' ORDER BY created_at`,
    );
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.changePassword']);
    expect(events[0]!.data).toMatchObject({ role: 'REVIEWER', oneTime: true, bulk: false });
    expect(JSON.stringify(events)).not.toContain(otp);
    expect(JSON.stringify(events)).not.toContain('river-stone-2025');
  });

  it('refuses bad account input with a reason and writes nothing', async () => {
    const nonReporting = await app.app.get(OrganizationsService).create(null, {
      code: `group-${Date.now()}`,
      name: '甲县议事协调机构',
      level: OrganizationLevel.DEPARTMENT,
      parentId: w.org.countyA.id,
      reports: false,
    });
    const base = {
      username: 'fresh-name',
      displayName: '新账号',
      role: 'BUREAU',
      organizationId: w.org.deptA1.id,
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ username: w.username.bureauA1 }, 'auth.usernameTaken', 'input.username'],
      [{ username: '张三' }, 'auth.usernameInvalid', 'input.username'],
      [{ username: 'a b' }, 'auth.usernameInvalid', 'input.username'],
      [{ password: 'short' }, 'auth.password.tooShort', 'input.password'],
      [{ password: 'Password123' }, 'auth.password.common', 'input.password'],
      [{ password: 'Fresh-Name' }, 'auth.password.sameAsUsername', 'input.password'],
      [{ password: 'abcdefghijklmn' }, 'auth.password.tooFewKinds', 'input.password'],
      [
        { organizationId: '00000000-0000-4000-8000-000000000000' },
        'auth.organizationUnknown',
        'input.organizationId',
      ],
      [
        { organizationId: nonReporting.id },
        'auth.bureauNeedsReportingBody',
        'input.organizationId',
      ],
      [{ displayName: '  ' }, 'auth.displayNameRequired', 'input.displayName'],
    ];
    for (const [override, reason, field] of cases) {
      const res = await unchanged(() => createUser({ ...base, ...override }));
      expect({
        override,
        code: codeOf(res),
        reason: reasonOf(res),
        field: res.errors?.[0]?.extensions?.field,
      }).toEqual({
        override,
        code: 'BAD_USER_INPUT',
        reason,
        field,
      });
    }
    const same = await unchanged(() =>
      createUser({ ...base, username: 'same-as-pass', password: 'Same-As-Pass' }),
    );
    expect(reasonOf(same)).toBe('auth.password.sameAsUsername');
  });

  it('resets a password: the old sessions end at once and the new one-time password works', async () => {
    const { user } = await app.app.get(AuthService).createUser({
      username: 'reset-me',
      displayName: 'reset',
      password: PASSWORD,
      role: Role.BUREAU,
      organizationId: w.org.deptA2.id,
    });
    const live = await signIn(app, 'reset-me');
    expect((await meOf(live)).data!.me).not.toBeNull();
    const reset = await gqlOk<{
      resetPassword: { oneTimePassword: string; user: { mustChangePassword: boolean } };
    }>(
      app,
      'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { oneTimePassword user { mustChangePassword } } }',
      { i: { userId: user.id } },
      admin(),
    );
    expect(reset.resetPassword.user.mustChangePassword).toBe(true);
    expect((await meOf(live)).data!.me).toBeNull();
    await expect(signIn(app, 'reset-me')).rejects.toThrow();
    const fresh = await signIn(app, 'reset-me', reset.resetPassword.oneTimePassword);
    expect((await meOf(fresh)).data!.me!.mustChangePassword).toBe(true);
  });

  it('deactivation ends a live session at once; reactivation lets the account back in', async () => {
    const { user } = await app.app.get(AuthService).createUser({
      username: 'to-deactivate',
      displayName: 'd',
      password: PASSWORD,
      role: Role.REVIEWER,
      organizationId: w.org.countyB.id,
    });
    const live = await signIn(app, 'to-deactivate');
    expect(codeOf(await app.graphql('{ rounds { id } }', {}, live))).toBe('OK');
    const setActive = (active: boolean) =>
      gqlOk<{ setUserActive: { active: boolean; deactivatedAt: string | null } }>(
        app,
        'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { active deactivatedAt } }',
        { i: { userId: user.id, active } },
        admin(),
      );
    const off = await setActive(false);
    expect(off.setUserActive.active).toBe(false);
    expect(off.setUserActive.deactivatedAt).not.toBeNull();
    expect(codeOf(await app.graphql('{ rounds { id } }', {}, live))).toBe('UNAUTHENTICATED');
    const open: { n: number }[] = await app.dataSource.query(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [user.id],
    );
    expect(open[0]!.n).toBe(0);
    await expect(signIn(app, 'to-deactivate')).rejects.toThrow();
    expect((await setActive(true)).setUserActive.active).toBe(true);
    await signIn(app, 'to-deactivate');
    const actions: { action: string }[] = await app.dataSource.query(
      `SELECT action FROM audit_events WHERE data->>'username' = 'to-deactivate' ORDER BY created_at`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'user.create',
      'user.deactivate',
      'user.reactivate',
    ]);
  });

  it('keeps at least one active admin and never lets an admin deactivate themselves', async () => {
    const adminId = (
      await gqlOk<{ me: { user: { id: string } } }>(app, '{ me { user { id } } }', {}, admin())
    ).me.user.id;
    // other admins of this database are deactivated for the check
    await app.dataSource.query(
      `UPDATE users SET active = false WHERE role = 'ADMIN' AND id <> $1`,
      [adminId],
    );
    const self = await unchanged(() =>
      app.graphql(
        'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }',
        { i: { userId: adminId, active: false } },
        admin(),
      ),
    );
    expect(reasonOf(self)).toBe('auth.cannotDeactivateSelf');
    const demote = await unchanged(() =>
      app.graphql(
        'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }',
        { i: { userId: adminId, role: 'REVIEWER' } },
        admin(),
      ),
    );
    expect(reasonOf(demote)).toBe('auth.lastAdmin');
  });

  it('changes role and scope with the changes in the audit trail, and refuses a bureau on a non-reporting body', async () => {
    const { user } = await app.app.get(AuthService).createUser({
      username: 'mover',
      displayName: '调动',
      password: PASSWORD,
      role: Role.BUREAU,
      organizationId: w.org.deptA1.id,
    });
    const moved = await gqlOk<{
      updateUser: { role: string; organizationId: string; displayName: string };
    }>(
      app,
      'mutation($i: UpdateUserInput!) { updateUser(input: $i) { role organizationId displayName } }',
      {
        i: {
          userId: user.id,
          role: 'REVIEWER',
          organizationId: w.org.countyB.id,
          displayName: '乙县审核',
        },
      },
      admin(),
    );
    expect(moved.updateUser).toEqual({
      role: 'REVIEWER',
      organizationId: w.org.countyB.id,
      displayName: '乙县审核',
    });
    const [event]: { organization_id: string; data: Record<string, unknown> }[] =
      await app.dataSource.query(
        `SELECT organization_id, data FROM audit_events WHERE action = 'user.update' AND data->>'username' = 'mover'`,
      );
    expect(event!.organization_id).toBe(w.org.countyB.id);
    expect(event!.data.changes).toEqual({
      role: ['BUREAU', 'REVIEWER'],
      organizationId: [w.org.deptA1.id, w.org.countyB.id],
      organizationName: ['甲县科学技术局', '乙县'],
      displayName: ['调动', '乙县审核'],
    });
    const group = await app.app.get(OrganizationsService).create(null, {
      code: `grp-${Date.now()}`,
      name: '乙县协调组',
      level: OrganizationLevel.DEPARTMENT,
      parentId: w.org.countyB.id,
      reports: false,
    });
    const bad = await unchanged(() =>
      app.graphql(
        'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }',
        { i: { userId: user.id, role: 'BUREAU', organizationId: group.id } },
        admin(),
      ),
    );
    expect(reasonOf(bad)).toBe('auth.bureauNeedsReportingBody');
  });

  it('changing one’s own password ends the other sessions and keeps the current one', async () => {
    await app.app.get(AuthService).createUser({
      username: 'two-sessions',
      displayName: 't',
      password: PASSWORD,
      role: Role.BUREAU,
      organizationId: w.org.deptA2.id,
    });
    const here = await signIn(app, 'two-sessions');
    const there = await signIn(app, 'two-sessions');
    const wrong = await unchanged(() => changeOwn(here, 'not-the-password', 'brand-new-pass-1'));
    expect(reasonOf(wrong)).toBe('auth.wrongCurrentPassword');
    expect((await meOf(there)).data!.me).not.toBeNull();
    const ok = await changeOwn(here, PASSWORD, 'brand-new-pass-1');
    expect(ok.errors).toBeUndefined();
    expect((await meOf(here)).data!.me!.user.username).toBe('two-sessions');
    expect((await meOf(there)).data!.me).toBeNull();
    await signIn(app, 'two-sessions', 'brand-new-pass-1');
  });

  it('throttles guesses of the current password like sign-ins, and refuses while locked', async () => {
    await app.app.get(AuthService).createUser({
      username: 'guessed-session',
      displayName: 'g',
      password: PASSWORD,
      role: Role.BUREAU,
      organizationId: w.org.deptA2.id,
    });
    const cookie = await signIn(app, 'guessed-session');
    const reasons: unknown[] = [];
    for (let i = 0; i < 8; i += 1)
      reasons.push(reasonOf(await changeOwn(cookie, `guess-${i}-password`, 'brand-new-pass-2')));
    expect(reasons.slice(0, 5)).toEqual(Array(5).fill('auth.wrongCurrentPassword'));
    expect(reasons.slice(5)).toEqual(Array(3).fill('auth.tooManyAttempts'));
    // Even the right current password waits until the lock ends.
    const locked = await changeOwn(cookie, PASSWORD, 'brand-new-pass-2');
    expect(reasonOf(locked)).toBe('auth.tooManyAttempts');
    await signIn(app, 'guessed-session');
  });

  it('lists accounts with search, filters, paging and a total', async () => {
    type Page = {
      users: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: {
          node: { username: string; active: boolean; role: string; organization: { name: string } };
        }[];
      };
    };
    const list = (vars: Record<string, unknown>) =>
      gqlOk<Page>(
        app,
        `query($search: String, $role: Role, $scope: ID, $active: Boolean, $first: Int, $after: String) {
          users(search: $search, role: $role, scopeOrganizationId: $scope, active: $active, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { username active role organization { name } } }
          } }`,
        vars,
        admin(),
      );
    const byOrg = await list({ search: '乙县科学' });
    expect(byOrg.users.edges.map((e) => e.node.organization.name)).toContain('乙县科学技术局');
    expect(byOrg.users.edges.every((e) => e.node.organization.name.includes('乙县科学'))).toBe(
      true,
    );
    const reviewers = await list({ role: 'REVIEWER', scope: w.org.countyA.id });
    expect(reviewers.users.edges.length).toBeGreaterThan(0);
    expect(reviewers.users.edges.every((e) => e.node.role === 'REVIEWER')).toBe(true);
    const inactive = await list({ active: false });
    expect(inactive.users.edges.every((e) => !e.node.active)).toBe(true);
    const all = await list({ first: 100 });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await list({ first: 3, after });
      seen.push(...page.users.edges.map((e) => e.node.username));
      expect(page.users.totalCount).toBe(all.users.totalCount);
      if (!page.users.pageInfo.hasNextPage) break;
      after = page.users.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.users.edges.map((e) => e.node.username));
    expect(new Set(seen).size).toBe(all.users.totalCount);
  });
});
