import { RosterService } from '../src/modules/staffing/roster.service';
import { type TestApp } from './test-app';
import { buildWorld, codeOf, gqlOk, submitted, type UserKey, type World } from './support/world';
import {
  assign,
  fillOthers,
  NAMES,
  ROSTER,
  post,
  roster,
  setDefaultPosts,
} from './support/staffing';
import { useApp } from './support/suite';

describe(RosterService.name, () => {
  let app: TestApp;
  useApp((booted) => (app = booted));
  describe('scoring uses the roster', () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(app);
      await setDefaultPosts(w, w.round2023.id);
      await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3);
      await fillOthers(w, w.org.deptA1.id, 'dedicatedStaff');
    });

    it('drops the vacancy flag and raises the staffing points when the bureau fills the post', async () => {
      const explain = async () =>
        gqlOk<{
          scoreExplanation: {
            score: number;
            contributions: { indicatorId: string; points: number; raw: number | null }[];
          };
        }>(
          app,
          `query($r: ID!, $o: ID!) { scoreExplanation(roundId: $r, organizationId: $o) { score contributions { indicatorId points raw } } }`,
          { r: w.round2023.id, o: w.org.deptA1.id },
          w.cookie.reviewer,
        ).then((d) => d.scoreExplanation);
      const vacancyFlags = async () =>
        gqlOk<{
          flags: { edges: { node: { organizationId: string; evidence: { postId: string } } }[] };
        }>(
          app,
          `query($i: FlagsInput!) { flags(input: $i) { edges { node { organizationId evidence } } } }`,
          {
            i: {
              roundId: w.round2023.id,
              regionId: w.org.city.id,
              flagId: 'staffing.postVacant',
              first: 100,
            },
          },
          w.cookie.reviewer,
        ).then((d) =>
          d.flags.edges.map((e) => e.node).filter((n) => n.organizationId === w.org.deptA1.id),
        );

      const before = await explain();
      expect(await vacancyFlags()).toEqual([
        expect.objectContaining({
          evidence: expect.objectContaining({ postId: 'dedicatedStaff' }),
        }),
      ]);
      const staffingBefore = before.contributions.find((c) => c.indicatorId === 'staffing');

      const filled = await assign(
        w,
        'bureauA1',
        w.org.deptA1.id,
        'dedicatedStaff',
        NAMES.chen,
        true,
        '2023-01-01',
      );
      expect(filled.errors).toBeUndefined();

      const after = await explain();
      expect(await vacancyFlags()).toEqual([]);
      const staffingAfter = after.contributions.find((c) => c.indicatorId === 'staffing');
      expect(staffingAfter!.points).toBeGreaterThan(staffingBefore!.points);
      expect(after.score).toBeGreaterThan(before.score);
    });
  });

  describe('personal data', () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(app);
      await setDefaultPosts(w, w.round2023.id);
      await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 5);
      await fillOthers(w, w.org.deptA1.id, 'liaison');
      expect(
        (await assign(w, 'bureauA1', w.org.deptA1.id, 'liaison', NAMES.li, false, '2022-01-01'))
          .errors,
      ).toBeUndefined();
    });

    it('shows names to the bureau itself and to reviewers and supervisors of its subtree', async () => {
      for (const who of ['bureauA1', 'reviewer', 'reviewerA', 'supervisor', 'admin'] as const) {
        const res = await roster(w, who, w.org.deptA1.id, w.round2023.id);
        expect(post(res, 'liaison').holders.map((h) => h.holderName)).toEqual([NAMES.li]);
      }
    });

    it('never returns names to another bureau, another county’s reviewer or an anonymous caller', async () => {
      for (const who of ['bureauA2', 'bureauB1', undefined] as const) {
        for (const [query, vars] of [
          [ROSTER, { o: w.org.deptA1.id, r: w.round2023.id }],
          [
            'query($o: ID!, $r: ID!) { staffingPrefill(organizationId: $o, roundId: $r) { holders { postKey } } }',
            { o: w.org.deptA1.id, r: w.round2023.id },
          ],
          [
            'query($r: ID!, $n: ID!) { staffingPanel(roundId: $r, nodeId: $n) { expected longestVacancies { organizationName } } }',
            { r: w.round2023.id, n: w.org.countyA.id },
          ],
          ['{ auditEvents(first: 100) { edges { node { action data } } } }', {}],
        ] as const) {
          const res = await app.graphql(query, vars, who ? w.cookie[who] : undefined);
          const body = JSON.stringify(res);
          for (const name of Object.values(NAMES)) expect(body).not.toContain(name);
          if (query !== '{ auditEvents(first: 100) { edges { node { action data } } } }' || !who)
            expect(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(res));
        }
      }
      const reviewerB = await app.graphql(
        ROSTER,
        { o: w.org.deptA1.id, r: w.round2023.id },
        w.cookie.reviewerA,
      );
      expect(codeOf(reviewerB)).toBe('OK');
      const outside = await app.graphql(
        ROSTER,
        { o: w.org.deptB1.id, r: w.round2023.id },
        w.cookie.reviewerA,
      );
      expect(codeOf(outside)).toBe('NOT_FOUND');
    });

    it('keeps names out of the region panel, even for reviewers', async () => {
      const res = await gqlOk<{
        staffingPanel: {
          expected: number;
          withRoster: number;
          vacanciesByPost: { postKey: string; required: number }[];
        };
      }>(
        app,
        'query($r: ID!, $n: ID!) { staffingPanel(roundId: $r, nodeId: $n) { expected withRoster allFilled allFilledShare vacanciesByPost { postKey required vacant } longestVacancies { organizationName postKey daysVacant } flagCounts } }',
        { r: w.round2023.id, n: w.org.city.id },
        w.cookie.reviewer,
      );
      expect(res.staffingPanel.withRoster).toBe(1);
      expect(res.staffingPanel.expected).toBeGreaterThanOrEqual(4);
      expect(JSON.stringify(res)).not.toContain(NAMES.li);
    });

    it('refuses another bureau’s edits and leaves the roster unchanged', async () => {
      const before = await app.dataSource.query('SELECT count(*)::int AS n FROM post_assignments');
      const res = await assign(
        w,
        'bureauA2',
        w.org.deptA1.id,
        'liaison',
        '冒名',
        false,
        '2023-01-01',
      );
      expect(codeOf(res)).toBe('NOT_FOUND');
      const reviewer = await assign(
        w,
        'reviewer',
        w.org.deptA1.id,
        'liaison',
        '冒名',
        false,
        '2023-01-01',
      );
      expect(codeOf(reviewer)).toBe('FORBIDDEN');
      expect(await app.dataSource.query('SELECT count(*)::int AS n FROM post_assignments')).toEqual(
        before,
      );
    });

    it('exports counts without names, and names only when a supervisor asks, recorded in the export log', async () => {
      const get = (who: UserKey | null, includeNames?: boolean) => {
        const req = app
          .http()
          .post('/api/staffing/export.csv')
          .send({ roundId: w.round2023.id, nodeId: w.org.city.id, includeNames });
        return who ? req.set('cookie', w.cookie[who]) : req;
      };
      const counts = await get('reviewer');
      expect(counts.status).toBe(200);
      expect(counts.text).toContain('甲县科学技术局');
      expect(counts.text).toContain('信息员·在岗人数');
      for (const name of Object.values(NAMES)) expect(counts.text).not.toContain(name);

      expect((await get('reviewer', true)).status).toBe(403);
      expect((await get('bureauA1')).status).toBe(403);
      expect((await get(null)).status).toBe(401);

      const supervisorCounts = await get('supervisor', false);
      expect(supervisorCounts.text).not.toContain(NAMES.li);
      const named = await get('supervisor', true);
      expect(named.status).toBe(200);
      expect(named.text).toContain(NAMES.li);

      const logs = (await app.dataSource.query(
        `SELECT kind::text, include_names FROM export_logs WHERE round_id = $1 ORDER BY created_at`,
        [w.round2023.id],
      )) as { kind: string; include_names: boolean }[];
      expect(logs).toEqual([
        { kind: 'STAFFING_CSV', include_names: false },
        { kind: 'STAFFING_CSV', include_names: false },
        { kind: 'STAFFING_CSV', include_names: true },
      ]);
    });

    it('keeps names out of the ranking sheets', async () => {
      for (const format of ['csv', 'xlsx']) {
        const res = await app
          .http()
          .post(`/api/exports/ranking.${format}`)
          .send({ roundId: w.round2023.id, regionId: w.org.city.id })
          .set('cookie', w.cookie.supervisor)
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        const bytes = res.body as Buffer;
        expect(bytes.length).toBeGreaterThan(100);
        const text = format === 'csv' ? bytes.toString('utf8') : await xlsxText(bytes);
        expect(text).toContain('甲县科学技术局');
        for (const name of Object.values(NAMES)) expect(text).not.toContain(name);
      }
    });
  });

  it('rejects bad roster input precisely', async () => {
    const w = await buildWorld(app);
    const bad = await assign(
      w,
      'bureauA1',
      w.org.deptA1.id,
      'noSuchPost',
      '某人',
      true,
      '2023-02-30',
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.field).toBe('input.fromDate');
    const reversed = await assign(
      w,
      'bureauA1',
      w.org.deptA1.id,
      'liaison',
      '某人',
      true,
      '2023-02-01',
      '2023-01-01',
    );
    expect(reversed.errors?.[0]?.extensions?.field).toBe('input.untilDate');
    const unknownPost = await assign(
      w,
      'bureauA1',
      w.org.deptA1.id,
      'noSuchPost',
      '某人',
      true,
      '2023-02-01',
    );
    expect(unknownPost.errors?.[0]?.extensions?.field).toBe('input.postKey');
  });
});

async function xlsxText(bytes: Buffer): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? '')))),
  );
  return out.join('\n');
}
