import ExcelJS from 'exceljs';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { AuthService } from '../src/modules/auth/auth.service';
import { Role } from '../src/common/permissions';
import { type TestApp } from './test-app';
import { codeOf, gqlOk, PASSWORD, signIn, type World } from './support/world';
import { accountCalls } from './support/accounts';
import { reasonOf } from './support/responses';
import { useWorld } from './support/suite';

/** Creating the accounts of every reporting body of a region at once, with a handout sheet. */
describe('accounts', () => {
  let app: TestApp;
  let w: World;
  const admin = () => w.cookie.admin;

  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const { unchanged, meOf } = accountCalls(() => app, admin);
  describe('bulk bureau accounts', () => {
    let scopeId: string;
    let codes: Record<string, string>;

    beforeAll(async () => {
      const orgs = app.app.get(OrganizationsService);
      const p = `bulk${Date.now().toString(36)}`;
      const county = await orgs.create(null, {
        code: `${p}-C`,
        name: '丙县人民政府',
        level: OrganizationLevel.COUNTY,
        parentId: w.org.city.id,
      });
      const make = (code: string, name: string, extra: Record<string, unknown> = {}) =>
        orgs.create(null, {
          code,
          name,
          level: OrganizationLevel.DEPARTMENT,
          parentId: county.id,
          ...extra,
        });
      const c1 = await make(`${p}-C1`, '丙县发展和改革局');
      const c2 = await make(`${p}_C2.EDU`, '丙县教育局');
      await make(`${p}-G`, '丙县协调组', { reports: false });
      await make(`${p}-OLD`, '丙县已撤销局', { activeToYear: 2020 });
      const c3 = await make(`${p}-C3`, '丙县民政局');
      const c4 = await make(`${p}-C4`, '丙县财政局');
      const auth = app.app.get(AuthService);
      // c3's account is deactivated: it gets a new one. c4 has an active one: it does not.
      const old = await auth.createUser({
        username: `${p}-c3-old`,
        displayName: 'old',
        password: PASSWORD,
        role: Role.BUREAU,
        organizationId: c3.id,
      });
      await app.dataSource.query('UPDATE users SET active = false WHERE id = $1', [old.user.id]);
      await auth.createUser({
        username: `${p}-c4-user`,
        displayName: 'c4',
        password: PASSWORD,
        role: Role.BUREAU,
        organizationId: c4.id,
      });
      // The name c1 would get is taken by someone elsewhere: c1 gets the suffix.
      await auth.createUser({
        username: `${p}-c1`,
        displayName: 'elsewhere',
        password: PASSWORD,
        role: Role.BUREAU,
        organizationId: w.org.deptB1.id,
      });
      scopeId = county.id;
      codes = { p, county: county.id, c1: c1.id, c2: c2.id, c3: c3.id };
    });

    it('previews, creates every missing account with a one-time password, and hands the sheet out once', async () => {
      const preview = await gqlOk<{
        bureauAccountsPreview: {
          count: number;
          accounts: { username: string; organization: { id: string } }[];
        };
      }>(
        app,
        'query($s: ID!) { bureauAccountsPreview(scopeOrganizationId: $s) { count accounts { username organization { id } } } }',
        { s: scopeId },
        admin(),
      );
      const { p } = codes;
      const expected = [
        [codes.county, `${p}-c`],
        [codes.c1, `${p}-c1-2`],
        [codes.c2, `${p}_c2.edu`],
        [codes.c3, `${p}-c3`],
      ];
      expect(preview.bureauAccountsPreview.count).toBe(4);
      expect(
        preview.bureauAccountsPreview.accounts.map((a) => [a.organization.id, a.username]).sort(),
      ).toEqual(expected.sort());

      const usersBefore = (await app.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n;
      const created = await gqlOk<{
        createBureauAccounts: {
          handoutId: string;
          accounts: { username: string; oneTimePassword: string; organization: { name: string } }[];
        };
      }>(
        app,
        'mutation($i: CreateBureauAccountsInput!) { createBureauAccounts(input: $i) { handoutId accounts { username oneTimePassword organization { name } } } }',
        { i: { scopeOrganizationId: scopeId } },
        admin(),
      );
      const accounts = created.createBureauAccounts.accounts;
      expect(accounts).toHaveLength(4);
      expect((await app.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(
        usersBefore + 4,
      );
      const events: { data: Record<string, unknown> }[] = await app.dataSource.query(
        `SELECT data FROM audit_events WHERE action = 'user.create' AND (data->>'bulk')::boolean`,
      );
      expect(events).toHaveLength(4);
      expect(events.every((e) => e.data.oneTime === true && e.data.role === 'BUREAU')).toBe(true);

      // each can sign in with its one-time password and must change it
      const first = accounts.find((a) => a.username === `${p}-c1-2`)!;
      const cookie = await signIn(app, first.username, first.oneTimePassword);
      expect((await meOf(cookie)).data!.me!.mustChangePassword).toBe(true);

      const id = created.createBureauAccounts.handoutId;
      // another admin cannot take it; a GET does nothing
      await app.app.get(AuthService).createUser({
        username: `${p}-admin2`,
        displayName: 'admin 2',
        password: PASSWORD,
        role: Role.ADMIN,
        organizationId: w.org.city.id,
      });
      const admin2 = await signIn(app, `${p}-admin2`);
      const foreign = await app.http().post(`/api/accounts/handout/${id}`).set('cookie', admin2);
      expect(foreign.status).toBe(404);
      expect(foreign.body.reason).toBe('accounts.handoutGone');
      const viaGet = await app.http().get(`/api/accounts/handout/${id}`).set('cookie', admin());
      expect(viaGet.status).toBe(404);
      const bureau = await app
        .http()
        .post(`/api/accounts/handout/${id}`)
        .set('cookie', w.cookie.bureauA1);
      expect(bureau.status).toBe(403);

      const sheet = await app
        .http()
        .post(`/api/accounts/handout/${id}`)
        .set('cookie', admin())
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(sheet.status).toBe(200);
      expect(sheet.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(sheet.body as never);
      const ws = workbook.worksheets[0]!;
      expect(String(ws.getCell(1, 1).value)).toContain('丙县人民政府');
      expect(ws.getRow(2).values).toEqual([
        undefined,
        '机构',
        '机构代码',
        '用户名',
        '一次性密码',
        '首次登录须修改密码',
      ]);
      const rows = [3, 4, 5, 6].map((r) => [
        String(ws.getCell(r, 3).value),
        String(ws.getCell(r, 4).value),
      ]);
      expect(rows.sort()).toEqual(accounts.map((a) => [a.username, a.oneTimePassword]).sort());
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.printTitlesRow).toBe('2:2');

      const again = await app.http().post(`/api/accounts/handout/${id}`).set('cookie', admin());
      expect(again.status).toBe(404);
      expect(again.body.reason).toBe('accounts.handoutGone');
    });

    it('refuses when there is nothing to create, or the scope is unknown, writing nothing', async () => {
      const run = (s: string) =>
        app.graphql(
          'mutation($i: CreateBureauAccountsInput!) { createBureauAccounts(input: $i) { handoutId } }',
          { i: { scopeOrganizationId: s } },
          admin(),
        );
      const nothing = await unchanged(() => run(scopeId));
      expect(codeOf(nothing)).toBe('BAD_USER_INPUT');
      expect(reasonOf(nothing)).toBe('auth.nothingToCreate');
      expect(nothing.errors![0]!.extensions!.params).toEqual({ organization: '丙县人民政府' });
      const unknown = await unchanged(() => run('00000000-0000-4000-8000-000000000000'));
      expect(reasonOf(unknown)).toBe('auth.organizationUnknown');
    });
  });
});
