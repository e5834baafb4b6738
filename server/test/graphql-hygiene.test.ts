import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { formatError } from '../src/graphql/graphql.options';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, codeOf, gqlOk, makeReport, type World } from './support/world';

const LIST = `query($r: ID!, $first: Int, $after: String) { submissions(roundId: $r, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node {
    id status
    organization { name parent { name } children { id } }
    round { year scopeOrganization { name } }
    currentVersion { number errorCount completeness findings { rule justification } }
    submittedVersion { id }
    versions { number }
    timeliness { deadline onTime }
    comments { body }
    auditEvents { action }
    files { id }
  } } } }`;

describe('GraphQL hygiene', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  });
  afterAll(() => app.close());

  async function addSubmissions(n: number, from: number): Promise<void> {
    const orgs = app.app.get(OrganizationsService);
    for (let i = from; i < from + n; i++) {
      const org = await orgs.create(null, {
        code: `${w.org.countyB.code}-n${i}`,
        name: `乙县第${i}局`,
        level: OrganizationLevel.DEPARTMENT,
        parentId: w.org.countyB.id,
      });
      const s = await gqlOk<{ startSubmission: { id: string; revision: number } }>(
        app,
        `mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id revision } }`,
        { i: { roundId: w.round2023.id, organizationId: org.id } },
        w.cookie.admin,
      );
      const saved = await gqlOk<{ saveDraft: { revision: number } }>(
        app,
        `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { revision } }`,
        {
          i: {
            submissionId: s.startSubmission.id,
            expectedRevision: s.startSubmission.revision,
            report: makeReport(100 + i, 2023, org.name),
          },
        },
        w.cookie.admin,
      );
      await gqlOk(
        app,
        `mutation($i: SubmitInput!) { submitSubmission(input: $i) { id } }`,
        { i: { submissionId: s.startSubmission.id, expectedRevision: saved.saveDraft.revision } },
        w.cookie.admin,
      );
    }
  }

  async function countQueries(run: () => Promise<unknown>): Promise<number> {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('resolves nested fields through DataLoaders: the query count does not grow with the page', async () => {
    await addSubmissions(3, 0);
    const small = await countQueries(() =>
      gqlOk(app, LIST, { r: w.round2023.id, first: 100 }, w.cookie.reviewer),
    );
    await addSubmissions(9, 3);
    let total = 0;
    const large = await countQueries(async () => {
      const d = await gqlOk<{ submissions: { edges: unknown[] } }>(
        app,
        LIST,
        { r: w.round2023.id, first: 100 },
        w.cookie.reviewer,
      );
      total = d.submissions.edges.length;
    });
    expect(total).toBe(12);
    expect(large).toBe(small);
    expect(large).toBeLessThan(25);
  });

  it('pages with cursors, caps the page size and rejects foreign cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        submissions: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string } }[];
        };
      } = await gqlOk(
        app,
        `query($r: ID!, $after: String) { submissions(roundId: $r, first: 5, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { r: w.round2023.id, after },
        w.cookie.reviewer,
      );
      seen.push(...page.submissions.edges.map((e) => e.node.id));
      if (!page.submissions.pageInfo.hasNextPage) break;
      after = page.submissions.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const tooMany = await app.graphql(
      `{ organizations(first: 101) { totalCount } }`,
      {},
      w.cookie.reviewer,
    );
    expect(tooMany.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const forged = await app.graphql(
      `{ organizations(after: "bm90LWEtY3Vyc29y") { totalCount } }`,
      {},
      w.cookie.reviewer,
    );
    expect(forged.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses queries nested too deep or too costly', async () => {
    const deep = `query($id: ID!) { organization(id: $id) { ${'parent { '.repeat(11)}id${' }'.repeat(11)} } }`;
    const d = await app.graphql(deep, { id: w.org.deptA1.id }, w.cookie.reviewer);
    expect(codeOf(d)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(d.errors![0]!.message).toMatch(/nested 13 levels deep/);
    expect(d.data).toBeUndefined();
    const wide = `{ organizations(first: 100) { edges { node { ${Array.from({ length: 60 }, (_, i) => `f${i}: name`).join(' ')} } } } }`;
    const c = await app.graphql(wide, {}, w.cookie.reviewer);
    expect(codeOf(c)).toBe('BAD_USER_INPUT');
    expect(c.errors![0]!.message).toMatch(/too complex/);
  });

  it('maps errors once: domain codes with field paths, never a raw database error', () => {
    const raw = new QueryFailedError(
      'SELECT secret FROM users',
      [],
      new Error('relation "users" violates constraint ux_users_username'),
    );
    const formatted = formatError(
      { message: raw.message, extensions: {} },
      new GraphQLError(raw.message, { originalError: raw, path: ['submission'] }),
    );
    expect(formatted).toMatchObject({
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/users|SELECT/);
    const duplicate = new QueryFailedError(
      'INSERT INTO submissions …',
      [],
      Object.assign(
        new Error(
          'duplicate key value violates unique constraint "ux_submissions_round_organization"',
        ),
        { code: '23505' },
      ),
    );
    const conflict = formatError(
      { message: duplicate.message, extensions: {} },
      new GraphQLError(duplicate.message, { originalError: duplicate, path: ['startSubmission'] }),
    );
    expect(conflict.extensions).toEqual({ code: 'CONFLICT', reason: 'common.createdConcurrently' });
    expect(JSON.stringify(conflict)).not.toMatch(/INSERT|ux_submissions/);
  });

  it('answers concurrent creations of the same submission with the submission or CONFLICT, never an internal error', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        app.graphql<{ startSubmission: { id: string } }>(
          `mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id } }`,
          { i: { roundId: w.round2022.id, organizationId: w.org.deptB1.id } },
          w.cookie.bureauB1,
        ),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.every((c) => c === 'OK' || c === 'CONFLICT')).toBe(true);
    expect(new Set(results.filter((r) => r.data).map((r) => r.data!.startSubmission.id)).size).toBe(
      1,
    );
  });

  it('requires a valid, unrevoked session cookie and sets it httpOnly', async () => {
    expect(codeOf(await app.graphql(`{ rounds { id } }`, {}))).toBe('UNAUTHENTICATED');
    const [name, value] = w.cookie.supervisor.split('=') as [string, string];
    const tampered = `${name}=${value.slice(0, -4)}AAAA`;
    expect(codeOf(await app.graphql(`{ rounds { id } }`, {}, tampered))).toBe('UNAUTHENTICATED');
    const res = await app
      .http()
      .post('/graphql')
      .send({
        query: 'mutation($i: SignInInput!) { signIn(input: $i) { user { role } } }',
        variables: { i: { username: w.username.supervisor, password: 'correct-horse-battery' } },
      });
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;
    expect(codeOf(await app.graphql(`{ rounds { id } }`, {}, cookie))).toBe('OK');
    await app.graphql(`mutation { signOut }`, {}, cookie);
    expect(codeOf(await app.graphql(`{ rounds { id } }`, {}, cookie))).toBe('UNAUTHENTICATED');
    const wrong = await app.graphql(
      `mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }`,
      { i: { username: w.username.supervisor, password: 'wrong' } },
    );
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.extensions?.reason).toBe('auth.wrongCredentials');
  });

  it('names the reason of a refusal for the client to translate', async () => {
    const res = await app.graphql(
      `{ reviewQueueEntries(roundId: "${w.round2024.id}") { totalCount } }`,
      {},
      w.cookie.bureauA1,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      reason: 'common.permissionDenied',
      params: { permission: 'review.read' },
    });
  });
});
