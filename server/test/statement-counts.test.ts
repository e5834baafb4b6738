import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeormLogger } from '../src/database/typeorm.logger';
import { createTestApp, type TestApp } from './test-app';
import { webOperation } from './support/web-documents';
import {
  act,
  buildWorld,
  clone,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
  type World,
} from './support/world';

/**
 * What one request costs in statements: each is a round trip to PostgreSQL (and a wake-up of a
 * backend on the same cores), so under load their number matters as much as their cost. The
 * budgets below are today's counts; a change that needs more must raise them here, on purpose.
 * Counted are all statements the request sends through TypeORM (the session lookup, BEGIN and
 * COMMIT included), on a warm request (the second of two identical ones).
 */
const BUDGET = { reviewQueue: 3, organizationPage: 10, saveDraft: 12 };

/** The review queue's first page and an organization's page, as the web and the load test ask for them. */
const REVIEW_QUEUE = webOperation('ReviewQueueEntries');
const ORGANIZATION_PAGE = readFileSync(
  join(__dirname, '../../test/load/queries/organization-detail.graphql'),
  'utf8',
);

describe('statements per request', () => {
  let app: TestApp;
  let w: World;
  let statements: jest.SpyInstance;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    // deptA1 has filed in two rounds, the second returned with a comment; deptA2 has a draft
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3, w.round2022.id, 2022);
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 4);
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      {
        submissionId: s.id,
        expectedRevision: s.revision,
        reason: '请核对第二张表',
        comments: [{ cell: 'applications.newReceived.natural', body: '请说明增幅' }],
      },
      'ReturnSubmissionInput',
    );
    if (returned.errors) throw new Error(JSON.stringify(returned.errors));
    const draft = await start(w, 'bureauA2', w.org.deptA2.id);
    const saved = await saveDraft(
      w,
      'bureauA2',
      draft.id,
      draft.revision,
      makeReport(5, 2023, '甲县教育局'),
    );
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 6);
    statements = jest.spyOn(TypeormLogger.prototype, 'logQuery');
  }, 120_000);

  afterAll(async () => {
    statements?.mockRestore();
    await app?.close();
  });

  /** Statements sent while `run` ran (nothing else talks to the database meanwhile). */
  async function counted(run: () => Promise<unknown>): Promise<number> {
    statements.mockClear();
    await run();
    return statements.mock.calls.length;
  }

  it('reads the review queue page in a fixed number of statements', async () => {
    const read = () =>
      gqlOk(app, REVIEW_QUEUE, { roundId: w.round2023.id, first: 50 }, w.cookie.reviewer);
    const data = (await read()) as { reviewQueueEntries: { totalCount: number } };
    expect(data.reviewQueueEntries.totalCount).toBeGreaterThan(3);
    const n = await counted(read);
    console.log(`review queue page: ${n} statements`);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(BUDGET.reviewQueue);
  });

  it('reads an organization page in a fixed number of statements', async () => {
    const read = () => gqlOk(app, ORGANIZATION_PAGE, { id: w.org.deptA1.id }, w.cookie.reviewer);
    const data = (await read()) as {
      submissions: { edges: { node: { versions: unknown[]; comments: unknown[] } }[] };
    };
    expect(data.submissions.edges).toHaveLength(2);
    expect(data.submissions.edges.some((e) => e.node.comments.length > 0)).toBe(true);
    const n = await counted(read);
    console.log(`organization page: ${n} statements`);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(BUDGET.organizationPage);
  });

  it('saves a draft, with its checks and audit event, in a fixed number of statements', async () => {
    const s = await start(w, 'bureauA2', w.org.deptA2.id);
    const base = makeReport(7, 2023, '甲县教育局');
    let revision = s.revision;
    const save = async (i: number) => {
      const report = clone(base);
      report.organization.name = `甲县教育局${i}`;
      const res = await app.graphql<{
        saveDraft: { revision: number; updatedAt: string; versionCount: number };
      }>(
        `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { revision updatedAt versionCount } }`,
        { i: { submissionId: s.id, expectedRevision: revision, report } },
        w.cookie.bureauA2,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const saved = res.data!.saveDraft;
      expect(saved.revision).toBeGreaterThan(revision);
      revision = saved.revision;
      return saved;
    };
    await save(1);
    const events = async () =>
      Number(
        (
          await app.dataSource.query(
            `SELECT count(*) AS n FROM audit_events WHERE submission_id = $1 AND action = 'submission.save'`,
            [s.id],
          )
        )[0].n,
      );
    const before = await events();
    let saved: Awaited<ReturnType<typeof save>> | undefined;
    const n = await counted(async () => (saved = await save(2)));
    // what the answer says is what was stored (the save reads nothing back)
    const [row] = await app.dataSource.query(
      'SELECT revision, updated_at, version_count FROM submissions WHERE id = $1',
      [s.id],
    );
    expect(saved!.revision).toBe(row.revision);
    expect(new Date(saved!.updatedAt).getTime()).toBe(new Date(row.updated_at).getTime());
    expect(saved!.versionCount).toBe(row.version_count);
    console.log(`draft save: ${n} statements`);
    expect(await events()).toBe(before + 1);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(BUDGET.saveDraft);
  });
});
