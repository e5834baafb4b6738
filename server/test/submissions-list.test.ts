import { createTestApp, type TestApp } from './test-app';
import { buildWorld, codeOf, gqlOk, start, submitted, type World } from './support/world';

const LIST = `query($r: ID, $o: ID, $g: ID, $s: [SubmissionStatus!], $first: Int, $after: String) {
  submissions(roundId: $r, organizationId: $o, withinId: $g, statuses: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status revision organizationId roundId organization { code } } }
  } }`;

type Page = {
  submissions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: {
        id: string;
        status: string;
        revision: number;
        organizationId: string;
        roundId: string;
        organization: { code: string };
      };
    }[];
  };
};

/**
 * The submissions list: the actor's scope, each filter, the order by organization code and the
 * keyset pages with their count, against what the world holds.
 */
describe('submissions list', () => {
  let app: TestApp;
  let w: World;
  let ids: Record<'a1' | 'a2' | 'b1' | 'a1Last', string>;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    const a1 = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3);
    const a2 = await start(w, 'bureauA2', w.org.deptA2.id);
    const b1 = await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 4);
    const a1Last = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id);
    ids = { a1: a1.id, a2: a2.id, b1: b1.id, a1Last: a1Last.id };
  }, 120_000);
  afterAll(() => app.close());

  const list = (who: keyof World['cookie'], variables: Record<string, unknown>) =>
    gqlOk<Page>(app, LIST, variables, w.cookie[who]).then((d) => d.submissions);

  it('shows a reviewer the round’s submissions in scope, by organization code, with entities', async () => {
    const page = await list('reviewer', { r: w.round2023.id });
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e) => e.node.id).sort()).toEqual([ids.a1, ids.a2, ids.b1].sort());
    const codes = page.edges.map((e) => e.node.organization.code);
    expect(codes).toEqual([...codes].sort());
    for (const { node } of page.edges) {
      expect(node.roundId).toBe(w.round2023.id);
      expect(node.revision).toBeGreaterThan(0);
    }
  });

  it('keeps a bureau to its own body and a county reviewer to the county', async () => {
    const own = await list('bureauA1', {});
    expect(own.edges.map((e) => e.node.id).sort()).toEqual([ids.a1, ids.a1Last].sort());
    expect(own.totalCount).toBe(2);
    const county = await list('reviewerA', { r: w.round2023.id });
    expect(county.edges.map((e) => e.node.id).sort()).toEqual([ids.a1, ids.a2].sort());
  });

  it('filters by status, organization and subtree', async () => {
    const drafts = await list('reviewer', { r: w.round2023.id, s: ['DRAFT'] });
    expect(drafts.edges.map((e) => e.node.id)).toEqual([ids.a2]);
    const waiting = await list('reviewer', { r: w.round2023.id, s: ['SUBMITTED', 'RETURNED'] });
    expect(waiting.edges.map((e) => e.node.id).sort()).toEqual([ids.a1, ids.b1].sort());
    const body = await list('reviewer', { o: w.org.deptA1.id });
    expect(body.edges.map((e) => e.node.id).sort()).toEqual([ids.a1, ids.a1Last].sort());
    const countyB = await list('reviewer', { r: w.round2023.id, g: w.org.countyB.id });
    expect(countyB.edges.map((e) => e.node.id)).toEqual([ids.b1]);
    expect(countyB.totalCount).toBe(1);
  });

  it('pages by keyset, counting every page the same, without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Page['submissions'] = await list('reviewer', { first: 1, after });
      expect(page.totalCount).toBe(4);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen)).toEqual(new Set(Object.values(ids)));
  });

  it('gives each row of a page the timeliness of its own body, extensions included', async () => {
    const ext = await app.graphql(
      `mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }`,
      {
        i: {
          roundId: w.round2023.id,
          organizationId: w.org.deptA2.id,
          deadline: '2024-02-05',
          reason: '机构改革',
        },
      },
      w.cookie.admin,
    );
    expect(ext.errors).toBeUndefined();
    const TIMELINESS = 'timeliness { deadline extended onTime }';
    const page = await gqlOk<{
      submissions: { edges: { node: { id: string; timeliness: unknown } }[] };
    }>(
      app,
      `query($r: ID!) { submissions(roundId: $r) { edges { node { id ${TIMELINESS} } } } }`,
      { r: w.round2023.id },
      w.cookie.reviewer,
    );
    const byId = new Map(page.submissions.edges.map((e) => [e.node.id, e.node.timeliness]));
    expect(byId.get(ids.a2)).toMatchObject({ deadline: '2024-02-05', extended: true });
    expect(byId.get(ids.a1)).toMatchObject({ extended: false });
    for (const id of [ids.a1, ids.a2, ids.b1]) {
      const one = await gqlOk<{ submission: { timeliness: unknown } }>(
        app,
        `query($id: ID!) { submission(id: $id) { ${TIMELINESS} } }`,
        { id },
        w.cookie.reviewer,
      );
      expect(byId.get(id)).toEqual(one.submission.timeliness);
    }
  });

  it('refuses ids that are not ids, naming the argument', async () => {
    const res = await app.graphql(LIST, { r: 'not-an-id' }, w.cookie.reviewer);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('roundId');
  });
});
