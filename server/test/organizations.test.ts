import { type TestApp } from './test-app';
import { codeOf, databaseDigest, gqlOk, type World } from './support/world';
import { paramsOf, reasonOf } from './support/responses';
import { useWorld } from './support/suite';
import { organizationReads, type OrgRow } from './support/organizations';

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

  it('pages a level with child counts and active reporting bodies, and finds nodes with their ancestors', async () => {
    const level = await gqlOk<{
      organizations: {
        totalCount: number;
        edges: { node: { name: string; childCount: number; reportingBodies: number } }[];
      };
    }>(
      app,
      `query($p: ID!) { organizations(parentId: $p, first: 2) { totalCount edges { node { name childCount reportingBodies(year: 2023) } } } }`,
      { p: w.org.city.id },
      w.cookie.admin,
    );
    expect(level.organizations.totalCount).toBe(3);
    expect(level.organizations.edges).toHaveLength(2);
    const countyA = level.organizations.edges.find((e) => e.node.name === '甲县')!.node;
    // county A, deptA1, deptA2 report in 2023; closedA3 only up to 2022
    expect(countyA).toMatchObject({ childCount: 3, reportingBodies: 3 });
    const found = await gqlOk<{
      organizations: { edges: { node: { name: string; ancestors: { name: string }[] } }[] };
    }>(
      app,
      `query($w: ID!) { organizations(withinId: $w, search: "科学技术") { edges { node { name ancestors { name } } } } }`,
      { w: w.org.city.id },
      w.cookie.admin,
    );
    expect(found.organizations.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { name: '甲县科学技术局', ancestors: [{ name: '测试市' }, { name: '甲县' }] },
        { name: '乙县科学技术局', ancestors: [{ name: '测试市' }, { name: '乙县' }] },
      ]),
    );
  });

  it("reads a body's parent and children with it, as the database holds them, beside other reads of the same bodies", async () => {
    type Node = { id: string; code: string };
    type Page = {
      organization: Node & { parent: Node | null; children: Node[] };
      other: Node & { children: Node[] };
      submissions: { totalCount: number };
    };
    const checked = { withChildren: 0, withParent: 0 };
    for (const id of [w.org.city.id, w.org.countyA.id, w.org.deptA1.id]) {
      const page = await gqlOk<Page>(
        app,
        `query($id: ID!, $p: ID!) {
          organization(id: $id) { id code parent { id code } children { id code } }
          other: organization(id: $p) { id code children { id code } }
          submissions(organizationId: $id, first: 1) { totalCount }
        }`,
        { id, p: w.org.city.id },
        w.cookie.admin,
      );
      const [self] = (await app.dataSource.query(
        'SELECT id, code, parent_id FROM organizations WHERE id = $1',
        [id],
      )) as { id: string; code: string; parent_id: string | null }[];
      const children = (await app.dataSource.query(
        'SELECT id, code FROM organizations WHERE parent_id = $1 ORDER BY code ASC',
        [id],
      )) as Node[];
      const cityChildren = (await app.dataSource.query(
        'SELECT id, code FROM organizations WHERE parent_id = $1 ORDER BY code ASC',
        [w.org.city.id],
      )) as Node[];
      expect(page.organization).toMatchObject({ id, code: self!.code });
      expect(page.organization.parent?.id ?? null).toBe(self!.parent_id);
      expect(page.organization.children).toEqual(children);
      expect(page.other.children).toEqual(cityChildren);
      if (children.length > 0) checked.withChildren++;
      if (self!.parent_id) checked.withParent++;
    }
    // the cases are not empty: the city has children, county A a parent and children
    expect(checked.withChildren).toBeGreaterThanOrEqual(2);
    expect(checked.withParent).toBeGreaterThanOrEqual(2);
  });

  it('refuses a duplicate code with its reason and saves nothing', async () => {
    const before = await rowCount('organizations');
    const events = await rowCount('audit_events');
    const res = await app.graphql(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: {
          code: w.org.deptA1.code,
          name: '重复',
          level: 'DEPARTMENT',
          parentId: w.org.countyA.id,
        },
      },
      w.cookie.admin,
    );
    expect(codeOf(res)).toBe('CONFLICT');
    expect(reasonOf(res)).toBe('organization.codeTaken');
    expect(paramsOf(res)).toEqual({ code: w.org.deptA1.code });
    expect(await rowCount('organizations')).toBe(before);
    expect(await rowCount('audit_events')).toBe(events);
  });

  it('creates a body with its audit event, renames it with from/to, and moves it with the parents named', async () => {
    const created = await gqlOk<{ createOrganization: OrgRow }>(
      app,
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id name code revision } }',
      {
        i: {
          code: `${w.org.city.code}-new1`,
          name: '甲县审计局',
          level: 'DEPARTMENT',
          parentId: w.org.countyA.id,
          kind: '审计局',
        },
      },
      w.cookie.admin,
    ).then((d) => d.createOrganization);
    expect(await lastAudit(created.id, 'organization.create')).toEqual({
      name: '甲县审计局',
      code: created.code,
      parentName: '甲县',
    });
    const renamed = await gqlOk<{ updateOrganization: OrgRow }>(
      app,
      'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id name revision } }',
      {
        i: {
          id: created.id,
          expectedRevision: created.revision,
          name: '甲县审计局（新）',
          peerGroup: '县直',
        },
      },
      w.cookie.admin,
    ).then((d) => d.updateOrganization);
    expect(await lastAudit(created.id, 'organization.update')).toEqual({
      name: '甲县审计局',
      changes: { name: ['甲县审计局', '甲县审计局（新）'], peerGroup: [null, '县直'] },
    });
    await gqlOk(
      app,
      'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }',
      { i: { id: created.id, expectedRevision: renamed.revision, parentId: w.org.countyB.id } },
      w.cookie.admin,
    );
    expect((await org(created.id)).parentId).toBe(w.org.countyB.id);
    expect(await lastAudit(created.id, 'organization.move')).toEqual({
      name: '甲县审计局（新）',
      fromParentName: '甲县',
      toParentName: '乙县',
    });
  });

  it('refuses a cycle and a move under a closed body, with reasons, writing nothing', async () => {
    const county = await org(w.org.countyA.id);
    const before = await databaseDigest(app);
    const cycle = await app.graphql(
      'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }',
      { i: { id: county.id, expectedRevision: county.revision, parentId: w.org.deptA1.id } },
      w.cookie.admin,
    );
    expect(codeOf(cycle)).toBe('BAD_USER_INPUT');
    expect(reasonOf(cycle)).toBe('organization.cycle');
    expect(paramsOf(cycle)).toEqual({ name: '甲县', parentName: '甲县科学技术局' });

    // a township cannot sit under a department
    const dept = await org(w.org.deptB1.id);
    const closedParent = await app.graphql(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: {
          code: `${w.org.city.code}-t1`,
          name: '某镇',
          level: 'TOWNSHIP',
          parentId: w.org.closedA3.id,
        },
      },
      w.cookie.admin,
    );
    expect(codeOf(closedParent)).toBe('BAD_USER_INPUT');
    expect(reasonOf(closedParent)).toBe('organization.levelPlacement');
    const moveUnderClosed = await app.graphql(
      'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }',
      {
        i: {
          id: dept.id,
          expectedRevision: dept.revision,
          parentId: w.org.countyA.id,
          activeToYear: 2030,
        },
      },
      w.cookie.admin,
    );
    expect(codeOf(moveUnderClosed)).toBe('OK'); // county A is open: allowed
    const moved = await org(dept.id);
    const closedCounty = await app.graphql(
      'mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { id } }',
      {
        i: {
          id: w.org.countyB.id,
          expectedRevision: (await org(w.org.countyB.id)).revision,
          lastYear: 2021,
        },
      },
      w.cookie.admin,
    );
    expect(codeOf(closedCounty)).toBe('OK');
    const afterClose = await databaseDigest(app);
    const back = await app.graphql(
      'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }',
      { i: { id: moved.id, expectedRevision: moved.revision, parentId: w.org.countyB.id } },
      w.cookie.admin,
    );
    expect(reasonOf(back)).toBe('organization.parentClosed');
    expect(paramsOf(back)).toEqual({ parentName: '乙县', year: 2021 });
    expect(await databaseDigest(app)).toEqual(afterClose);
    expect(before).not.toEqual(afterClose);
  });
});
