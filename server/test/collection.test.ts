import ExcelJS from 'exceljs';
import { withCell } from '@gongkai/report-model/testing';
import { type TestApp } from './test-app';
import {
  act,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
  type World,
} from './support/world';
import { roundStatsOf } from './support/round-stats';
import { useWorld } from './support/suite';

describe('organizations, rounds, stats and roll-up', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const stats = (roundId: string, nodeId: string) =>
    roundStatsOf(app, w.cookie.reviewer, roundId, nodeId);
  const setFirstSubmitted = (id: string, instant: string) =>
    app.dataSource.query('UPDATE submissions SET first_submitted_at = $2 WHERE id = $1', [
      id,
      instant,
    ]);

  it('computes timeliness at the deadline edges in Asia/Shanghai, with extensions, never above 100%', async () => {
    const a1 = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 61);
    const a2 = await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 62);
    const b1 = await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 63);
    expect(w.round2023.departmentDeadline).toBe('2024-01-31');
    await setFirstSubmitted(a1.id, '2024-01-31T23:59:59.999+08:00'); // last millisecond of the day
    await setFirstSubmitted(a2.id, '2024-02-01T00:00:00+08:00'); // first instant after
    await setFirstSubmitted(b1.id, '2024-01-31T16:00:00Z'); // midnight in Shanghai, still 31 Jan in UTC
    let s = await stats(w.round2023.id, w.org.city.id);
    // expected in 2023: city, two counties, deptA1, deptA2, deptB1, cityDept (closedA3 reports up to 2022)
    expect(s.expected).toBe(7);
    expect([s.submitted, s.onTime, s.late, s.missing]).toEqual([3, 1, 2, 4]);
    expect(s.lateOrganizationIds.sort()).toEqual([w.org.deptA2.id, w.org.deptB1.id].sort());
    expect(s.onTimeRate).toBe(14.3);
    const countyA = s.children.find((c) => c.nodeId === w.org.countyA.id)!;
    expect(countyA).toMatchObject({ expected: 3, submitted: 2, onTime: 1 });

    // an extension for deptA2 to 5 February makes its submission on time
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
      w.cookie.reviewer,
    );
    expect(codeOf(ext)).toBe('OK');
    s = await stats(w.round2023.id, w.org.city.id);
    expect([s.onTime, s.late]).toEqual([2, 1]);
    const timeliness = await gqlOk<{
      submission: {
        timeliness: {
          deadline: string;
          extended: boolean;
          onTime: boolean;
          finding: { rule: string; actual: number } | null;
        };
      };
    }>(
      app,
      `query($id: ID!) { submission(id: $id) { timeliness { deadline extended onTime finding { rule actual } } } }`,
      { id: b1.id },
      w.cookie.bureauB1,
    );
    expect(timeliness.submission.timeliness).toEqual({
      deadline: '2024-01-31',
      extended: false,
      onTime: false,
      finding: { rule: 'timeliness.deadline', actual: 1 },
    });
    for (const rate of [s.submittedRate, s.onTimeRate, s.completeRate, s.approvedRate])
      expect(rate).toBeLessThanOrEqual(100);
    expect(s.complete).toBe(3);
    expect(s.approved).toBe(0);
  });

  it('sums approved submissions into a roll-up checked by the same rules', async () => {
    const list = await gqlOk<{
      reviewQueueEntries: {
        edges: {
          node: {
            organization: { id: string };
            submission: { id: string; revision: number } | null;
          };
        }[];
      };
    }>(
      app,
      `query($r: ID!) { reviewQueueEntries(roundId: $r, statuses: [SUBMITTED, RESUBMITTED], first: 100) {
        edges { node { organization { id } submission { id revision } } } } }`,
      { r: w.round2023.id },
      w.cookie.reviewer,
    );
    const inA = list.reviewQueueEntries.edges
      .map((e) => ({ ...e.node.submission!, organizationId: e.node.organization.id }))
      .filter((n) => n.organizationId === w.org.deptA1.id || n.organizationId === w.org.deptA2.id);
    expect(inA).toHaveLength(2);
    const approved = await app.graphql(
      `mutation($i: BulkApproveInput!) { bulkApprove(input: $i) { status } }`,
      { i: { items: inA.map((n) => ({ submissionId: n.id, expectedRevision: n.revision })) } },
      w.cookie.reviewerA,
    );
    expect(codeOf(approved)).toBe('OK');
    const r = await gqlOk<{
      rollup: {
        expectedCount: number;
        includedCount: number;
        report: { tables: Record<string, Record<string, Record<string, number>>> };
        findings: { rule: string; severity: string }[];
      };
    }>(
      app,
      `query($r: ID!, $n: ID!) { rollup(roundId: $r, nodeId: $n) { expectedCount includedCount report findings { rule severity } } }`,
      { r: w.round2023.id, n: w.org.countyA.id },
      w.cookie.reviewer,
    );
    expect(r.rollup.expectedCount).toBe(2);
    expect(r.rollup.includedCount).toBe(2);
    const a = makeReport(61, 2023, '甲县科学技术局');
    const b = makeReport(62, 2023, '甲县教育局');
    for (const [table, row, column] of [
      ['applications', 'newReceived', 'total'],
      ['applications', 'granted', 'natural'],
      ['reviewLitigation', 'review', 'total'],
      ['article20', 'licensing', 'decisions'],
    ] as const) {
      const sum =
        (a.tables[table]![row]![column] as number) + (b.tables[table]![row]![column] as number);
      expect(r.rollup.report.tables[table]![row]![column]).toBe(sum);
    }
    // sums of consistent tables are consistent: no arithmetic errors; the prose is the office's to write
    expect([
      ...new Set(r.rollup.findings.filter((f) => f.severity === 'error').map((f) => f.rule)),
    ]).toEqual(['completeness.sections']);
    expect((await stats(w.round2023.id, w.org.countyA.id)).approved).toBe(2);
  });

  it('keeps rosters effective-dated: a body closed in 2023 is expected up to 2022 only', async () => {
    const s2022 = await stats(w.round2022.id, w.org.countyA.id);
    const s2023 = await stats(w.round2023.id, w.org.countyA.id);
    expect(s2022.expected).toBe(4); // county A, deptA1, deptA2, closedA3
    expect(s2023.expected).toBe(3);
    expect(s2022.missingOrganizationIds).toContain(w.org.closedA3.id);
    expect(s2023.missingOrganizationIds).not.toContain(w.org.closedA3.id);
    // closing deptB1 after 2022 takes it out of 2023 (but its submission is kept)
    const org = await gqlOk<{ organization: { revision: number } }>(
      app,
      `query($id: ID!) { organization(id: $id) { revision } }`,
      { id: w.org.cityDept.id },
      w.cookie.admin,
    );
    const closed = await app.graphql<{ closeOrganization: { activeToYear: number } }>(
      `mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { activeToYear } }`,
      { i: { id: w.org.cityDept.id, expectedRevision: org.organization.revision, lastYear: 2022 } },
      w.cookie.admin,
    );
    expect(closed.data?.closeOrganization.activeToYear).toBe(2022);
    expect((await stats(w.round2023.id, w.org.city.id)).expected).toBe(6);
    const stale = await app.graphql(
      `mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { activeToYear } }`,
      { i: { id: w.org.cityDept.id, expectedRevision: org.organization.revision, lastYear: 2021 } },
      w.cookie.admin,
    );
    expect(codeOf(stale)).toBe('CONFLICT');
  });

  it('imports a CSV roster: dry run reports and writes nothing, errors write nothing, a clean file applies', async () => {
    const cityCode = w.org.city.code;
    const csv = [
      'code,name,level,parent_code,kind,active_from,active_to',
      `${cityCode}-d,丙区,COUNTY,${cityCode},,,`,
      `${cityCode}-d1,丙区科学技术局,部门,${cityCode}-d,科技局,2023,`,
      `"${cityCode}-d2","丙区教育局, 体育局",DEPARTMENT,${cityCode}-d,教育局,,2024`,
      `${w.org.deptB1.code},乙县科学技术局（更名）,DEPARTMENT,${w.org.countyB.code},科技局,,`,
    ].join('\n');
    const before = await databaseDigest(app);
    const dry = await app
      .http()
      .post('/api/organizations/directory?dryRun=true')
      .set('cookie', w.cookie.admin)
      .attach('file', Buffer.from(csv), 'roster.csv');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      applied: false,
      created: 3,
      updated: 1,
      unchanged: 0,
      errors: [],
    });
    expect(
      dry.body.rows.find((r: { code: string }) => r.code === w.org.deptB1.code).changes,
    ).toEqual([{ field: 'name', from: '乙县科学技术局', to: '乙县科学技术局（更名）' }]);
    expect(dry.body).toMatchObject({ changed: 1, moved: 0, closed: 0 });
    expect(await databaseDigest(app)).toEqual(before);

    const bad = `${csv}\nX-1,某局,BUREAU,nowhere,,,\n${cityCode}-d1,重复,DEPARTMENT,${cityCode}-d,,,\nX-2,某镇,TOWNSHIP,${w.org.deptA1.code},,2025,2020`;
    const rejected = await app
      .http()
      .post('/api/organizations/directory')
      .set('cookie', w.cookie.admin)
      .attach('file', Buffer.from(bad), 'roster.csv');
    expect(rejected.status).toBe(400);
    expect(rejected.body.code).toBe('BAD_USER_INPUT');
    expect(rejected.body.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining([
        'line 6.level',
        'line 6.parent_code',
        'line 7.code',
        'line 8.active_to',
        'line 8.parent_code',
      ]),
    );
    expect(await databaseDigest(app)).toEqual(before);

    const applied = await app
      .http()
      .post('/api/organizations/directory')
      .set('cookie', w.cookie.admin)
      .attach('file', Buffer.from(csv), 'roster.csv');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, created: 3, updated: 1 });
    const within = await gqlOk<{
      organizations: {
        edges: {
          node: {
            name: string;
            level: string;
            activeFromYear: number | null;
            parent: { name: string };
          };
        }[];
      };
    }>(
      app,
      `query($c: String) { organizations(search: $c) { edges { node { name level activeFromYear parent { name } } } } }`,
      { c: '丙区' },
      w.cookie.bureauA1,
    );
    expect(within.organizations.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        {
          name: '丙区科学技术局',
          level: 'DEPARTMENT',
          activeFromYear: 2023,
          parent: { name: '丙区' },
        },
        {
          name: '丙区教育局, 体育局',
          level: 'DEPARTMENT',
          activeFromYear: null,
          parent: { name: '丙区' },
        },
      ]),
    );
  });

  it('imports an XLSX roster with Chinese headings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['编码', '单位名称', '层级', '上级编码', '部门类别']);
    sheet.addRow([`${w.org.city.code}-x1`, '测试市审计局', '部门', w.org.city.code, '审计局']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await app
      .http()
      .post('/api/organizations/directory?dryRun=true')
      .set('cookie', w.cookie.admin)
      .attach('file', bytes, 'roster.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errors: [] });
  });

  it('sets deadlines per level and refuses deadlines before the year is over', async () => {
    const round = await gqlOk<{
      createRound: {
        template: string;
        departmentDeadline: string;
        governmentDeadline: string;
        status: string;
        revision: number;
        id: string;
      };
    }>(
      app,
      `mutation($i: CreateRoundInput!) { createRound(input: $i) { id template departmentDeadline governmentDeadline status revision } }`,
      { i: { year: 2020, scopeOrganizationId: w.org.countyB.id } },
      w.cookie.reviewer,
    );
    expect(round.createRound).toMatchObject({
      template: '2019',
      departmentDeadline: '2021-01-31',
      governmentDeadline: '2021-03-31',
      status: 'PLANNED',
    });
    const early = await app.graphql(
      `mutation($i: UpdateRoundInput!) { updateRound(input: $i) { id } }`,
      {
        i: {
          id: round.createRound.id,
          expectedRevision: round.createRound.revision,
          departmentDeadline: '2020-12-31',
        },
      },
      w.cookie.reviewer,
    );
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(early.errors![0]!.extensions!.field).toBe('input.departmentDeadline');
    const moved = await gqlOk<{ updateRound: { departmentDeadline: string; status: string } }>(
      app,
      `mutation($i: UpdateRoundInput!) { updateRound(input: $i) { departmentDeadline status } }`,
      {
        i: {
          id: round.createRound.id,
          expectedRevision: round.createRound.revision,
          departmentDeadline: '2021-01-26',
          status: 'OPEN',
        },
      },
      w.cookie.reviewer,
    );
    expect(moved.updateRound).toEqual({ departmentDeadline: '2021-01-26', status: 'OPEN' });
    const wrongTemplate = await app.graphql(
      `mutation($i: CreateRoundInput!) { createRound(input: $i) { id } }`,
      { i: { year: 2018, template: '2021', scopeOrganizationId: w.org.countyA.id } },
      w.cookie.reviewer,
    );
    expect(wrongTemplate.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.template',
    });
  });

  it('reports the submission of a closed body or to a round not yet open precisely, writing nothing', async () => {
    const before = await databaseDigest(app);
    const closed = await app.graphql(
      `mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id } }`,
      { i: { roundId: w.round2023.id, organizationId: w.org.closedA3.id } },
      w.cookie.admin,
    );
    expect(closed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    expect(closed.errors![0]!.message).toMatch(/closed: it reports up to 2022, not for 2023/);
    const planned = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id).catch(
      (e: Error) => e,
    );
    expect(planned).not.toBeInstanceOf(Error);
    const notOpen = await app.graphql(
      `mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id } }`,
      { i: { roundId: w.round2024.id, organizationId: w.org.deptA1.id } },
      w.cookie.bureauA1,
    );
    expect(codeOf(notOpen)).toBe('CONFLICT');
    expect(notOpen.errors![0]!.message).toMatch(/2024 round is planned/);
    const after = await databaseDigest(app);
    // only the (legal) 2022 start above wrote
    expect(
      Object.keys(after)
        .filter((k) => after[k] !== before[k])
        .sort(),
    ).toEqual(['audit_events', 'submissions']);
    // a blank cell is not complete
    const s = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id);
    const saved = await saveDraft(
      w,
      'bureauA1',
      s.id,
      s.revision,
      withCell(makeReport(70, 2022, '甲县科学技术局'), 'article20.fees.amount', null),
    );
    const sub = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision },
      'SubmitInput',
    );
    expect(codeOf(sub)).toBe('OK');
    expect((await stats(w.round2022.id, w.org.countyA.id)).complete).toBe(0);
  });
});
