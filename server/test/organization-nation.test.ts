import { randomUUID } from 'node:crypto';
import { generateNationBodies } from '@gongkai/report-model/testing';
import {
  insertCheckedOrganizations,
  type OrganizationToCreateInList,
} from '../src/modules/organizations/organization-create';
import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { baseDeadline } from '../src/modules/rounds/round-deadline';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { CREATE as CREATE_ROUND, ext, type RoundView } from './support/rounds-documents';
import { databaseDigest, gqlOk, type World } from './support/world';
import { useWorld } from './support/suite';
import { type TestApp } from './test-app';

const CREATE = `mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { id level reports parentId revision } }`;
const UPDATE = `mutation($i: UpdateOrganizationInput!) {
  updateOrganization(input: $i) { id reports parentId revision } }`;

type Created = {
  id: string;
  level: string;
  reports: boolean;
  parentId: string | null;
  revision: number;
};

/**
 * The level above the provinces: a nation is only a root, never a reporting body; provinces sit
 * under it; it runs rounds, and no deadline ever applies to it.
 */
describe('the nation level', () => {
  let app: TestApp;
  let w: World;
  let nation: Created;
  let province: Created;

  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  /** A write that must fail with a reason and change no row of any table. */
  async function refused(query: string, input: Record<string, unknown>) {
    const before = await databaseDigest(app);
    const res = await app.graphql(query, { i: input }, w.cookie.admin);
    const after = await databaseDigest(app);
    expect(res.data ?? null).toBeNull();
    expect(Object.keys(before).filter((k) => k !== 'sessions' && before[k] !== after[k])).toEqual(
      [],
    );
    return ext(res);
  }

  it('creates a nation as a root that files no report, with provinces under it', async () => {
    nation = await gqlOk<{ createOrganization: Created }>(
      app,
      CREATE,
      { i: { code: 'NAT', name: '全国', level: 'NATION' } },
      w.cookie.admin,
    ).then((d) => d.createOrganization);
    expect(nation).toMatchObject({ level: 'NATION', reports: false, parentId: null });
    province = await gqlOk<{ createOrganization: Created }>(
      app,
      CREATE,
      { i: { code: 'NAT-P1', name: '某省人民政府', level: 'PROVINCE', parentId: nation.id } },
      w.cookie.admin,
    ).then((d) => d.createOrganization);
    expect(province).toMatchObject({ level: 'PROVINCE', reports: true, parentId: nation.id });
    const [event] = (await app.dataSource.query(
      `SELECT data FROM audit_events WHERE organization_id = $1 AND action = 'organization.create'`,
      [nation.id],
    )) as { data: Record<string, unknown> }[];
    expect(event?.data).toEqual({ name: '全国', code: 'NAT', parentName: null });
  });

  it('refuses a nation under any parent and a reporting nation, naming the field, saving nothing', async () => {
    for (const parentId of [w.org.city.id, w.org.deptA1.id, nation.id, province.id])
      expect(
        await refused(CREATE, { code: 'NAT-X', name: '全国二', level: 'NATION', parentId }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.parentId',
        reason: 'organization.nationRoot',
        params: { name: '全国二' },
      });
    expect(
      await refused(CREATE, { code: 'NAT-Y', name: '全国三', level: 'NATION', reports: true }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reports',
      reason: 'organization.nationReports',
      params: { name: '全国三' },
    });
  });

  it('refuses to move a nation under anything or to make it report; a province moves under it', async () => {
    expect(
      await refused(UPDATE, {
        id: nation.id,
        expectedRevision: nation.revision,
        parentId: w.org.city.id,
      }),
    ).toMatchObject({ field: 'input.parentId', reason: 'organization.nationRoot' });
    expect(
      await refused(UPDATE, { id: nation.id, expectedRevision: nation.revision, reports: true }),
    ).toMatchObject({ field: 'input.reports', reason: 'organization.nationReports' });
    // a city cannot sit directly above a province, whichever way round
    expect(
      await refused(UPDATE, {
        id: province.id,
        expectedRevision: province.revision,
        parentId: w.org.city.id,
      }),
    ).toMatchObject({ reason: 'organization.levelPlacement' });
  });

  it('runs a round over its subtree: the provinces are expected, the nation never, and no deadline is its own', async () => {
    const round = await gqlOk<{ createRound: RoundView }>(
      app,
      CREATE_ROUND,
      { i: { year: 2023, scopeOrganizationId: nation.id } },
      w.cookie.admin,
    ).then((d) => d.createRound);
    expect(round.scopeOrganization.name).toBe('全国');
    const expected = await app.app
      .get(RoundsService)
      .expectedBodies(await app.app.get(RoundsService).get(round.id));
    expect(expected.map((o) => o.id)).toEqual([province.id]);
    const inSql = (await app.dataSource.query(
      `SELECT organization_id FROM expected_submissions WHERE round_id = $1`,
      [round.id],
    )) as { organization_id: string }[];
    expect(inSql.map((r) => r.organization_id)).toEqual([province.id]);
    // were a nation ever expected, SQL and TypeScript would give it the same day
    const [sql] = (await app.dataSource.query(
      `SELECT round_deadline('NATION', $1::date, $2::date, NULL)::text AS deadline`,
      [round.governmentDeadline, round.departmentDeadline],
    )) as { deadline: string }[];
    expect(sql!.deadline).toBe(baseDeadline(round, { level: OrganizationLevel.NATION }));
  });

  it("passes the synthetic nation's whole tree through the create command's checks", async () => {
    const bodies = generateNationBodies({ bodies: 3000, years: 1, seed: 4, codePrefix: 'SNT' });
    const ids = new Map(bodies.map((b) => [b.code, randomUUID()]));
    const items: OrganizationToCreateInList[] = bodies.map((b) => ({
      id: ids.get(b.code)!,
      code: b.code,
      name: b.name,
      level: OrganizationLevel[b.level],
      parentId: b.parentCode === null ? null : ids.get(b.parentCode)!,
      kind: b.kind,
      peerGroup: b.peerGroup,
      region: b.region,
      reports: b.reports,
    }));
    const runner = app.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const written = await insertCheckedOrganizations(runner.manager, null, items);
      expect(written).toHaveLength(bodies.length);
      expect(written[0]!.created).toMatchObject({
        level: 'NATION',
        reports: false,
        parentId: null,
      });
      expect(written.filter((x) => x.created.reports)).toHaveLength(3000);
      // its root again, under a city: refused at its row before anything is written
      await expect(
        insertCheckedOrganizations(runner.manager, null, [
          { ...items[0]!, id: randomUUID(), code: 'SNT-again', parentId: w.org.city.id },
        ]),
      ).rejects.toMatchObject({
        field: 'organizations.0.parentId',
        reason: { key: 'organization.nationRoot' },
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
