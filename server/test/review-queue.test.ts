import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { ReviewQueueService } from '../src/modules/review/review-queue.query';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, codeOf, gqlOk, submitted, type GqlResult, type World } from './support/world';

type Entry = {
  /** The body's id (the entry's own id is `<round>:<body>`). */
  id: string;
  entryId: string;
  organization: { id: string; name: string; code: string };
  status: string;
  deadline: string;
  late: boolean;
  waitingDays: number | null;
  findingCount: number;
  decidable: boolean;
  lastSubmittedAt: string | null;
  submission: { id: string; revision: number } | null;
};
type QueueData = {
  reviewQueueEntries: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    statusCounts: { status: string; count: number }[];
    edges: { cursor: string; node: Entry }[];
  };
};

const QUEUE = `query Q($roundId: ID!, $statuses: [QueueStatus!], $rule: String,
  $severity: FindingSeverity, $late: Boolean, $incomplete: Boolean, $withinId: ID, $search: String, $sort: QueueSort,
  $descending: Boolean, $first: Int, $after: String) {
  reviewQueueEntries(roundId: $roundId, statuses: $statuses, rule: $rule, severity: $severity,
    late: $late, incomplete: $incomplete, withinId: $withinId, search: $search, sort: $sort, descending: $descending,
    first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    statusCounts { status count }
    edges { cursor node { entryId: id status deadline late waitingDays findingCount lastSubmittedAt decidable
      organization { id name code } submission { id revision } } }
  } }`;

const EXTRA = 30;

describe(ReviewQueueService.name, () => {
  let app: TestApp;
  let w: World;
  /** Extra departments of county B, in creation order. */
  let extra: { id: string; name: string; code: string }[];

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    const orgs = app.app.get(OrganizationsService);
    extra = [];
    for (let i = 0; i < EXTRA; i++) {
      const o = await orgs.create(null, {
        code: `${w.org.countyB.code}-x${String(i).padStart(2, '0')}`,
        name: `乙县第${i}号局`,
        level: OrganizationLevel.DEPARTMENT,
        parentId: w.org.countyB.id,
        kind: null,
        activeFromYear: null,
        activeToYear: null,
      });
      extra.push({ id: o.id, name: o.name, code: o.code });
    }
    // deptA1 and deptB1 file through the real workflow (on time as far as the clock goes: they
    // are moved before the deadline below); the extra bodies get submissions written directly:
    // i % 5 = 0 not started, 1 draft, 2 submitted on time, 3 submitted late, 4 approved
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 11);
    await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 12);
    await app.dataSource.query(
      `UPDATE submissions SET first_submitted_at = '2024-01-20T02:00:00Z',
              last_submitted_at = '2024-01-20T02:00:00Z' WHERE round_id = $1`,
      [w.round2023.id],
    );
    for (const [i, o] of extra.entries()) {
      const kind = i % 5;
      if (kind === 0) continue;
      const status = ['', 'DRAFT', 'SUBMITTED', 'SUBMITTED', 'APPROVED'][kind]!;
      const at =
        kind === 1
          ? null
          : kind === 3
            ? `2024-02-0${1 + (i % 9)}T03:00:00Z` // after 2024-01-31 in Shanghai
            : `2024-01-${String(1 + i).padStart(2, '0')}T03:00:00Z`;
      const [s] = (await app.dataSource.query(
        `INSERT INTO submissions (round_id, organization_id, status, first_submitted_at, last_submitted_at, revision)
         VALUES ($1, $2, $3, $4, $4, 1) RETURNING id`,
        [w.round2023.id, o.id, status, at],
      )) as { id: string }[];
      // i findings: rule applications.balance (error) on even i, staffing.noTraining (warning) on odd
      const findings = Array.from({ length: i }, () =>
        i % 2 === 0
          ? {
              rule: 'applications.balance',
              severity: 'error',
              cells: [],
              message: 'x',
              messageEn: 'x',
            }
          : {
              rule: 'staffing.noTraining',
              severity: 'warning',
              cells: [],
              message: 'x',
              messageEn: 'x',
            },
      );
      const [v] = (await app.dataSource.query(
        `INSERT INTO submission_versions (submission_id, number, source, report, findings, summary,
           error_count, warning_count, info_count, gap_count, content_hash)
         VALUES ($1, 1, 'MANUAL', '{}', $2, '{}', 0, 0, 0, $3, repeat('0', 64)) RETURNING id`,
        [s!.id, JSON.stringify(findings), i % 3 === 0 ? 2 : 0],
      )) as { id: string }[];
      await app.dataSource.query(
        `UPDATE submissions SET current_version_id = $2, version_count = 1,
                submitted_version_id = CASE WHEN status = 'DRAFT' THEN NULL ELSE $2::uuid END
          WHERE id = $1`,
        [s!.id, v!.id],
      );
    }
  });
  afterAll(() => app.close());

  const run = (vars: Record<string, unknown>, who: keyof World['cookie'] = 'reviewer') =>
    app.graphql<QueueData>(QUEUE, { roundId: w.round2023.id, ...vars }, w.cookie[who]);
  const ok = async (vars: Record<string, unknown>, who: keyof World['cookie'] = 'reviewer') => {
    const res = await run(vars, who);
    if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
    const page = res.data!.reviewQueueEntries;
    for (const e of page.edges) {
      expect(e.node.entryId).toBe(`${w.round2023.id}:${e.node.organization.id}`);
      e.node.id = e.node.organization.id;
    }
    return page;
  };
  /** Every entry by paging `first` at a time; fails on a repeated entry. */
  const all = async (
    vars: Record<string, unknown>,
    first = 7,
    who: keyof World['cookie'] = 'reviewer',
  ) => {
    const out: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await ok({ ...vars, first, after }, who);
      out.push(...page.edges.map((e) => e.node));
      pages++;
      if (!page.pageInfo.hasNextPage) {
        expect(out.length).toBe(page.totalCount);
        break;
      }
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
    expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
    return out;
  };
  const reason = (res: GqlResult<unknown>) => res.errors?.[0]?.extensions?.reason;

  it('pages through every expected body of the scope, not started ones included, without duplicates or gaps', async () => {
    const entries = await all({});
    const expected = [
      w.org.city.id,
      w.org.countyA.id,
      w.org.countyB.id,
      w.org.deptA1.id,
      w.org.deptA2.id,
      w.org.deptB1.id,
      w.org.cityDept.id,
      ...extra.map((o) => o.id),
    ];
    // the office's own government is listed too; a body closed before 2023 is not expected
    expect(entries.map((e) => e.id).sort()).toEqual(expected.sort());
    expect(entries.length).toBeGreaterThan(20);
    // only reports waiting for a decision can be decided, and not the reviewer's own office's
    for (const e of entries)
      expect([e.organization.name, e.decidable]).toEqual([
        e.organization.name,
        (e.status === 'SUBMITTED' || e.status === 'RESUBMITTED') && e.id !== w.org.city.id,
      ]);
    expect(entries.filter((e) => e.decidable).length).toBeGreaterThan(5);
    const notStarted = entries.filter((e) => e.status === 'NOT_STARTED');
    expect(notStarted.every((e) => e.submission === null && e.late)).toBe(true);
    expect(notStarted.map((e) => e.id)).toEqual(
      expect.arrayContaining(extra.filter((_, i) => i % 5 === 0).map((o) => o.id)),
    );
  });

  it("gives each entry's body and submission every field as reading them by id does", async () => {
    const ORG =
      'id code name level parentId kind peerGroup region activeFromYear activeToYear reports isDemo revision parent { id }';
    const SUB = `id roundId organizationId status currentVersionId submittedVersionId versionCount
      firstSubmittedAt lastSubmittedAt approvedAt publishedAt returnCount reopenCount
      changesAfterApproval revision createdAt updatedAt timeliness { deadline onTime }`;
    type Full = {
      reviewQueueEntries: {
        edges: {
          node: { organization: Record<string, unknown>; submission: { id: string } | null };
        }[];
      };
    };
    const page = await app.graphql<Full>(
      `query($r: ID!) { reviewQueueEntries(roundId: $r, first: 100) { edges { node {
        organization { ${ORG} } submission { ${SUB} } } } } }`,
      { r: w.round2023.id },
      w.cookie.admin,
    );
    expect(page.errors).toBeUndefined();
    const edges = page.data!.reviewQueueEntries.edges;
    const withSubmission = edges.filter((e) => e.node.submission);
    expect(withSubmission.length).toBeGreaterThan(3);
    expect(edges.length).toBeGreaterThan(withSubmission.length);
    for (const { node } of edges) {
      const byId = await gqlOk<{ organization: unknown }>(
        app,
        `query($id: ID!) { organization(id: $id) { ${ORG} } }`,
        { id: node.organization.id },
        w.cookie.admin,
      );
      expect(node.organization).toEqual(byId.organization);
      if (!node.submission) continue;
      const sub = await gqlOk<{ submission: unknown }>(
        app,
        `query($id: ID!) { submission(id: $id) { ${SUB} } }`,
        { id: node.submission.id },
        w.cookie.admin,
      );
      expect(node.submission).toEqual(sub.submission);
    }
  });

  it('keeps a county reviewer inside the county', async () => {
    const entries = await all({}, 1, 'reviewerA');
    expect(entries.map((e) => e.id).sort()).toEqual(
      [w.org.countyA.id, w.org.deptA1.id, w.org.deptA2.id].sort(),
    );
    const other = await run({ withinId: w.org.countyB.id }, 'reviewerA');
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(reason(other)).toBe('review.queue.outsideScope');
    const bureau = await run({}, 'bureauA1');
    expect(codeOf(bureau)).toBe('FORBIDDEN');
  });

  it('filters by several statuses and counts per status under the other filters', async () => {
    const page = await ok({ statuses: ['SUBMITTED', 'APPROVED'], withinId: w.org.countyB.id });
    const entries = await all({ statuses: ['SUBMITTED', 'APPROVED'], withinId: w.org.countyB.id });
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['SUBMITTED', 'APPROVED']));
    const count = (s: string) => page.statusCounts.find((c) => c.status === s)?.count;
    // extras: 6 per kind, county B itself not started; deptB1 submitted through the workflow
    expect(count('NOT_STARTED')).toBe(7);
    expect(count('DRAFT')).toBe(6);
    expect(count('SUBMITTED')).toBe(13);
    expect(count('APPROVED')).toBe(6);
    expect(count('RETURNED')).toBe(0);
    expect(page.totalCount).toBe(19);
    expect(entries).toHaveLength(19);
  });

  it('filters by rule, severity and completeness of the counting version, and refuses an unknown rule', async () => {
    const byRule = await all({ rule: 'applications.balance' });
    const expected = extra.filter((_, i) => i % 2 === 0 && i % 5 !== 0 && i > 0).map((o) => o.id);
    expect(byRule.map((e) => e.id).sort()).toEqual(expected.sort());
    const warnings = await all({ severity: 'WARNING' });
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((e) => extra.findIndex((o) => o.id === e.id) % 2 === 1)).toBe(true);
    const incomplete = await all({ incomplete: true });
    expect(incomplete.map((e) => e.id).sort()).toEqual(
      extra
        .filter((_, i) => i % 3 === 0 && i % 5 !== 0)
        .map((o) => o.id)
        .sort(),
    );
    const complete = await all({ incomplete: false, withinId: w.org.countyB.id });
    expect(complete.some((e) => incomplete.some((i) => i.id === e.id))).toBe(false);
    expect(complete.length).toBeGreaterThan(incomplete.length);
    const bad = await run({ rule: 'no.suchRule' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(reason(bad)).toBe('review.queue.unknownRule');
  });

  it('marks late filings and missing bodies past the deadline, honouring an extension', async () => {
    // not started and drafts are missing past the deadline; kind 3 filed after it
    const late = await all({ late: true, withinId: w.org.countyB.id });
    const lateIds = new Set(late.map((e) => e.id));
    extra.forEach((o, i) => {
      expect([lateIds.has(o.id), i]).toEqual([i % 5 === 0 || i % 5 === 1 || i % 5 === 3, i]);
    });
    expect(lateIds.has(w.org.deptB1.id)).toBe(false);
    // an extension to 2024-02-15 makes a filing of 2024-02-0x on time
    const lateOne = extra[3]!;
    await app.dataSource.query(
      `INSERT INTO round_extensions (round_id, organization_id, deadline, reason) VALUES ($1, $2, '2024-02-15', 'test')`,
      [w.round2023.id, lateOne.id],
    );
    const after = await all({ late: true, withinId: w.org.countyB.id });
    expect(after.map((e) => e.id)).not.toContain(lateOne.id);
    const onTime = await all({ late: false, search: lateOne.code });
    expect(onTime.map((e) => [e.id, e.deadline])).toEqual([[lateOne.id, '2024-02-15']]);
    await app.dataSource.query('DELETE FROM round_extensions WHERE organization_id = $1', [
      lateOne.id,
    ]);
  });

  it('filters by sub-region and finds bodies by part of the name or code', async () => {
    const a = await all({ withinId: w.org.countyA.id });
    expect(a.map((e) => e.id).sort()).toEqual(
      [w.org.deptA1.id, w.org.deptA2.id, w.org.countyA.id].sort(),
    );
    const byName = await all({ search: '第1' });
    expect(byName.map((e) => e.organization.name).sort()).toEqual(
      extra
        .filter((o) => o.name.includes('第1'))
        .map((o) => o.name)
        .sort(),
    );
    const byCode = await all({ search: 'X2' });
    expect(byCode.length).toBe(extra.filter((o) => o.code.includes('x2')).length);
    expect((await ok({ search: '%' })).totalCount).toBe(0);
    expect((await ok({ search: '_' })).totalCount).toBe(0);
    const outside = await run({ withinId: '00000000-0000-4000-8000-000000000000' });
    expect(reason(outside)).toBe('review.queue.outsideScope');
  });

  it('sorts by findings, deadline and waiting time in both directions with stable ties across pages', async () => {
    const desc = await all({ sort: 'FINDINGS', descending: true }, 4);
    const counts = desc.map((e) => e.findingCount);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(counts[0]).toBe(29);
    const asc = await all({ sort: 'FINDINGS' }, 4);
    expect(asc.map((e) => e.findingCount)).toEqual([...counts].reverse());

    const deadlines = (await all({ sort: 'DEADLINE', descending: true }, 5)).map((e) => e.deadline);
    expect(deadlines).toEqual([...deadlines].sort().reverse());
    // governments (31 March) after the departments (31 January) in ascending order
    const up = await all({ sort: 'DEADLINE' }, 5);
    expect(up.at(-1)!.deadline > up[0]!.deadline).toBe(true);

    const waiting = await all({ sort: 'WAITING', descending: true }, 3);
    const since = waiting
      .filter((e) => e.waitingDays !== null)
      .map((e) => Date.parse(e.lastSubmittedAt!));
    expect(since.length).toBe(14);
    expect(since).toEqual([...since].sort((x, y) => x - y));
    // bodies not waiting for a decision come after those that are, either way
    const firstIdle = waiting.findIndex((e) => e.waitingDays === null);
    expect(waiting.slice(firstIdle).every((e) => e.waitingDays === null)).toBe(true);
    const shortest = await all({ sort: 'WAITING', descending: false }, 3);
    expect(shortest.slice(0, 14).map((e) => e.id)).toEqual(
      waiting
        .slice(0, 14)
        .map((e) => e.id)
        .reverse(),
    );
  });

  it('refuses a malformed cursor, a cursor of another sort and a bad page size', async () => {
    const page = await ok({ sort: 'FINDINGS', first: 2 });
    const other = await run({ sort: 'DEADLINE', after: page.pageInfo.endCursor });
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(reason(other)).toBe('request.badCursor');
    const junk = await run({ after: 'not-a-cursor' });
    expect(reason(junk)).toBe('request.badCursor');
    const forged = Buffer.from(
      JSON.stringify({ k: "DEADLINE.asc:2024'--", id: w.org.deptA1.id }),
    ).toString('base64url');
    expect(reason(await run({ after: forged }))).toBe('request.badCursor');
    expect(reason(await run({ first: 0 }))).toBe('request.pageSize');
    const noRound = await run({ roundId: '00000000-0000-4000-8000-000000000000' });
    expect(reason(noRound)).toBe('review.queue.unknownRound');
  });

  it('bulk-approves a selection from the queue all or nothing', async () => {
    const waiting = await all({ statuses: ['SUBMITTED'], withinId: w.org.countyB.id });
    const two = waiting.slice(0, 2).map((e) => ({
      submissionId: e.submission!.id,
      expectedRevision: e.submission!.revision,
    }));
    const approved = await gqlOk<{ bulkApprove: { id: string; status: string }[] }>(
      app,
      'mutation($i: BulkApproveInput!) { bulkApprove(input: $i) { id status } }',
      { i: { items: two } },
      w.cookie.reviewer,
    );
    expect(approved.bulkApprove.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED']);
    const after = await ok({ statuses: ['SUBMITTED'], withinId: w.org.countyB.id });
    expect(after.totalCount).toBe(waiting.length - 2);
  });
});
