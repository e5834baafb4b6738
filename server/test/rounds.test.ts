import { type TestApp } from './test-app';
import { buildWorld, databaseDigest, gqlOk, submitted, type World } from './support/world';
import {
  CREATE,
  type ErrorExtensions,
  ext,
  EXTEND,
  MANAGED,
  type Page,
  type RoundView,
  thisYear,
  UPDATE,
} from './support/rounds-documents';
import { useWorld } from './support/suite';

describe('rounds administration', () => {
  let app: TestApp;
  let w: World;

  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  /** Runs a write that must fail with a reason and change no row of any table. */
  async function refused(
    query: string,
    input: Record<string, unknown>,
    cookie: string,
  ): Promise<ErrorExtensions> {
    const before = await databaseDigest(app);
    const res = await app.graphql(query, { i: input }, cookie);
    const after = await databaseDigest(app);
    expect(res.data ?? null).toBeNull();
    const changed = Object.keys(before).filter((k) => k !== 'sessions' && before[k] !== after[k]);
    expect(changed).toEqual([]);
    return ext(res);
  }

  it('lists the rounds of the governments in scope, paged, with the figures of roundStats', async () => {
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局');
    const admin = await gqlOk<Page>(app, MANAGED, { scope: w.org.city.id }, w.cookie.admin);
    expect(admin.managedRounds.edges.map((e) => e.node.year)).toEqual([2024, 2023, 2022]);
    const r2023 = admin.managedRounds.edges[1]!.node;
    const stats = await gqlOk<{
      roundStats: { expected: number; submitted: number; approved: number; late: number };
    }>(
      app,
      'query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected submitted approved late missing } }',
      { r: w.round2023.id, n: w.org.city.id },
      w.cookie.admin,
    );
    expect(r2023.progress).toEqual(stats.roundStats);
    expect(r2023.progress!.submitted).toBe(1);

    // paging walks every round exactly once
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Page = await gqlOk<Page>(
        app,
        MANAGED,
        { scope: w.org.city.id, first: 2, after },
        w.cookie.reviewer,
      );
      seen.push(...page.managedRounds.edges.map((e) => e.node.year));
      after = page.managedRounds.pageInfo.hasNextPage
        ? page.managedRounds.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual([2024, 2023, 2022]);

    // the year filter and the search by the government's name
    const byYear = await gqlOk<Page>(
      app,
      MANAGED,
      { year: 2023, search: '测试市' },
      w.cookie.reviewer,
    );
    expect(byYear.managedRounds.edges.every((e) => e.node.year === 2023)).toBe(true);
    expect(byYear.managedRounds.edges.map((e) => e.node.id)).toContain(w.round2023.id);

    // a county office sees no round of the city it belongs to
    const county = await gqlOk<Page>(app, MANAGED, { scope: w.org.city.id }, w.cookie.reviewerA);
    expect(county.managedRounds.totalCount).toBe(0);
  });

  it('creates, opens, closes and reopens a round, writing one sentence-ready event per step', async () => {
    const created = await gqlOk<{ createRound: RoundView }>(
      app,
      CREATE,
      {
        i: {
          year: thisYear,
          scopeOrganizationId: w.org.countyA.id,
          departmentDeadline: `${thisYear + 1}-01-31`,
          governmentDeadline: `${thisYear + 1}-03-31`,
        },
      },
      w.cookie.reviewerA,
    );
    const round = created.createRound;
    expect(round).toMatchObject({ status: 'PLANNED', year: thisYear });
    let revision = round.revision;
    for (const status of ['OPEN', 'CLOSED', 'OPEN']) {
      const moved = await gqlOk<{ updateRound: RoundView }>(
        app,
        UPDATE,
        { i: { id: round.id, expectedRevision: revision, status } },
        w.cookie.reviewerA,
      );
      expect(moved.updateRound.status).toBe(status);
      revision = moved.updateRound.revision;
    }
    await gqlOk(
      app,
      EXTEND,
      {
        i: {
          roundId: round.id,
          organizationId: w.org.deptA2.id,
          deadline: `${thisYear + 1}-02-10`,
          reason: '机构改革，人员调整',
        },
      },
      w.cookie.reviewerA,
    );
    const events = await gqlOk<{
      auditEvents: {
        edges: {
          node: {
            action: string;
            data: Record<string, unknown>;
            actorName: string | null;
            organizationName: string | null;
          };
        }[];
      };
    }>(
      app,
      'query($w: ID!) { auditEvents(withinId: $w, action: "round", first: 20) { edges { node { action data actorName organizationName } } } }',
      { w: w.org.countyA.id },
      w.cookie.admin,
    );
    const nodes = events.auditEvents.edges.map((e) => e.node).reverse();
    expect(nodes.map((n) => n.action)).toEqual([
      'round.create',
      'round.update',
      'round.update',
      'round.update',
      'round.extend',
    ]);
    expect(nodes[0]!.data).toEqual({ year: thisYear, scopeName: '甲县' });
    expect(nodes[1]!.data).toEqual({
      year: thisYear,
      scopeName: '甲县',
      changes: { status: ['PLANNED', 'OPEN'] },
    });
    expect(nodes[2]!.data).toEqual({
      year: thisYear,
      scopeName: '甲县',
      changes: { status: ['OPEN', 'CLOSED'] },
    });
    expect(nodes[4]!.data).toEqual({
      year: thisYear,
      organizationName: '甲县教育局',
      deadline: `${thisYear + 1}-02-10`,
      reason: '机构改革，人员调整',
    });
    expect(nodes.every((n) => n.actorName === 'reviewerA')).toBe(true);
    expect(nodes[0]!.organizationName).toBe('甲县');
    expect(nodes[4]!.organizationName).toBe('甲县教育局');

    // the extension is listed with the body and who granted it
    const listed = await gqlOk<Page>(
      app,
      MANAGED,
      { scope: w.org.countyA.id, year: thisYear },
      w.cookie.reviewerA,
    );
    expect(listed.managedRounds.edges[0]!.node.extensions).toEqual([
      {
        organizationId: w.org.deptA2.id,
        deadline: `${thisYear + 1}-02-10`,
        reason: '机构改革，人员调整',
        grantedByName: 'reviewerA',
        organization: { name: '甲县教育局' },
      },
    ]);

    // search finds the events by the body's name; a deadline change records only what changed
    const changed = await gqlOk<{ updateRound: RoundView }>(
      app,
      UPDATE,
      {
        i: {
          id: round.id,
          expectedRevision: revision,
          governmentDeadline: `${thisYear + 1}-04-15`,
        },
      },
      w.cookie.reviewerA,
    );
    expect(changed.updateRound.governmentDeadline).toBe(`${thisYear + 1}-04-15`);
    const found = await gqlOk<{
      auditEvents: { edges: { node: { action: string; data: Record<string, unknown> } }[] };
    }>(
      app,
      'query($w: ID!) { auditEvents(withinId: $w, search: "甲县", action: "round.update", first: 1) { edges { node { action data } } } }',
      { w: w.org.countyA.id },
      w.cookie.reviewerA,
    );
    expect(found.auditEvents.edges[0]!.node.data).toEqual({
      year: thisYear,
      scopeName: '甲县',
      changes: { governmentDeadline: [`${thisYear + 1}-03-31`, `${thisYear + 1}-04-15`] },
    });
  });

  it('refuses each bad round with its reason and saves nothing', async () => {
    const base = { scopeOrganizationId: w.org.countyB.id };
    expect(
      await refused(
        CREATE,
        { ...base, year: 2023, scopeOrganizationId: w.org.city.id },
        w.cookie.admin,
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'round.duplicate' });
    expect(await refused(CREATE, { ...base, year: thisYear + 2 }, w.cookie.admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.year',
      reason: 'round.yearTooLate',
    });
    expect(
      await refused(
        CREATE,
        { ...base, year: 2021, departmentDeadline: '2021-12-31' },
        w.cookie.admin,
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.departmentDeadline',
      reason: 'round.deadlineTooEarly',
    });
    expect(
      await refused(
        CREATE,
        { ...base, year: 2021, departmentDeadline: '2022-02-28', governmentDeadline: '2022-02-01' },
        w.cookie.admin,
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.governmentDeadline',
      reason: 'round.deadlinesOverlap',
    });
    expect(
      await refused(CREATE, { ...base, year: 2021, template: 'narrative' }, w.cookie.admin),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.templateNotOfYear' });
    expect(
      await refused(CREATE, { ...base, year: 2015, template: 'narrative' }, w.cookie.reviewer),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.template',
      reason: 'round.templateAdminOnly',
    });
    expect(
      await refused(CREATE, { year: 2021, scopeOrganizationId: w.org.deptB1.id }, w.cookie.admin),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.scopeNotGovernment' });
  });

  it('refuses a stale revision, overlapping deadlines and a wrong status move, saving nothing', async () => {
    const current = await gqlOk<{ round: RoundView }>(
      app,
      'query($id: ID!) { round(id: $id) { id revision status } }',
      { id: w.round2024.id },
      w.cookie.admin,
    );
    const { revision } = current.round;
    expect(
      await refused(
        UPDATE,
        { id: w.round2024.id, expectedRevision: revision - 1, status: 'OPEN' },
        w.cookie.reviewer,
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'round.stale' });
    expect(
      await refused(
        UPDATE,
        { id: w.round2024.id, expectedRevision: revision, governmentDeadline: '2025-01-15' },
        w.cookie.reviewer,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.deadlinesOverlap' });
    expect(
      await refused(
        UPDATE,
        { id: w.round2024.id, expectedRevision: revision, status: 'CLOSED' },
        w.cookie.reviewer,
      ),
    ).toMatchObject({ code: 'CONFLICT', reason: 'round.move.PLANNED.CLOSED' });
  });

  it('refuses an extension before the base deadline, outside the round or without a reason', async () => {
    const input = {
      roundId: w.round2023.id,
      organizationId: w.org.deptB1.id,
      deadline: '2024-02-20',
      reason: '系统故障',
    };
    expect(
      await refused(EXTEND, { ...input, deadline: '2024-01-31' }, w.cookie.reviewer),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.extensionNotLater' });
    // the county government's own deadline is the governments' one (31 March)
    expect(
      await refused(
        EXTEND,
        { ...input, organizationId: w.org.countyB.id, deadline: '2024-03-20' },
        w.cookie.reviewer,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.extensionNotLater' });
    // closed in 2022: not expected in 2023
    expect(
      await refused(EXTEND, { ...input, organizationId: w.org.closedA3.id }, w.cookie.reviewer),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.extensionOutsideRound' });
    // a body of another city
    const other = await buildWorld(app);
    expect(
      await refused(EXTEND, { ...input, organizationId: other.org.deptA1.id }, w.cookie.admin),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.extensionOutsideRound' });
    expect(await refused(EXTEND, { ...input, reason: '   ' }, w.cookie.reviewer)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
      reason: 'round.extensionReasonRequired',
    });
    expect(
      await refused(EXTEND, { ...input, deadline: '2024-02-30' }, w.cookie.reviewer),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'round.dateInvalid' });
  });

  it('filters audit events by kind and refuses an organization filter that is not an id', async () => {
    const res = await app.graphql(
      '{ auditEvents(withinId: "not-an-id") { totalCount } }',
      {},
      w.cookie.admin,
    );
    expect(ext(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinId' });
    const onlySubmissions = await gqlOk<{
      auditEvents: { totalCount: number; edges: { node: { action: string } }[] };
    }>(
      app,
      'query($w: ID!) { auditEvents(withinId: $w, action: "submission", first: 100) { totalCount edges { node { action } } } }',
      { w: w.org.city.id },
      w.cookie.reviewer,
    );
    expect(onlySubmissions.auditEvents.totalCount).toBeGreaterThan(0);
    expect(
      onlySubmissions.auditEvents.edges.every((e) => e.node.action.startsWith('submission.')),
    ).toBe(true);
  });
});
