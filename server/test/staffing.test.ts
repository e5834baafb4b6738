import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importReport } from '@gongkai/report-import';
import { findRepoRoot } from '../src/config/config';
import { RoundStatus } from '../src/modules/rounds/round.entity';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { RosterService } from '../src/modules/staffing/roster.service';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  codeOf,
  gqlOk,
  saveDraft,
  start,
  submitted,
  type UserKey,
  type World,
} from './support/world';

/** Names used in the rosters below: none of them may reach a caller outside the scope. */
const NAMES = { chen: '陈晓梅', li: '李建国', wang: '王志强', zhao: '赵丽华' };

const ROSTER = `query($o: ID!, $r: ID!) { staffingRoster(organizationId: $o, roundId: $r) {
  present asOfDate lastUpdatedAt updatedSince fullTimeStaff partTimeStaff leadingGroup trainingsInYear
  posts { postKey vacant vacantSince daysVacant holders { holderName fullTime fromDate untilDate source sourcePath sourceLine } }
  history { id holderName }
  flags { id message evidence }
  reportStaffing { dedicatedStaff partTimeStaff }
} }`;

type RosterResult = {
  staffingRoster: {
    present: boolean;
    asOfDate: string;
    lastUpdatedAt: string | null;
    updatedSince: string | null;
    fullTimeStaff: number;
    partTimeStaff: number;
    leadingGroup: boolean | null;
    trainingsInYear: number;
    posts: {
      postKey: string;
      vacant: boolean;
      vacantSince: string | null;
      daysVacant: number | null;
      holders: {
        holderName: string;
        fullTime: boolean;
        fromDate: string;
        untilDate: string | null;
        source: string;
        sourcePath: string | null;
        sourceLine: number | null;
      }[];
    }[];
    history: { id: string; holderName: string }[];
    flags: { id: string; message: string; evidence: Record<string, unknown> }[];
    reportStaffing: { dedicatedStaff: number | null; partTimeStaff: number | null } | null;
  };
};

function post(result: RosterResult, key: string) {
  const found = result.staffingRoster.posts.find((p) => p.postKey === key);
  if (!found) throw new Error(`no post ${key}`);
  return found;
}

function flagIds(result: RosterResult): string[] {
  return result.staffingRoster.flags.map((f) => f.id).sort();
}

async function roster(w: World, who: UserKey, orgId: string, roundId: string) {
  return gqlOk<RosterResult>(w.app, ROSTER, { o: orgId, r: roundId }, w.cookie[who]);
}

async function setDefaultPosts(w: World, roundId: string) {
  await gqlOk(
    w.app,
    'mutation($i: SetRequiredPostsInput!) { setRequiredPosts(input: $i) { postKey } }',
    { i: { roundId } },
    w.cookie.reviewer,
  );
}

async function assign(
  w: World,
  who: UserKey,
  organizationId: string,
  postKey: string,
  holderName: string,
  fullTime: boolean,
  fromDate: string,
  untilDate: string | null = null,
) {
  return w.app.graphql<{ assignPost: { id: string; revision: number } }>(
    'mutation($i: AssignPostInput!) { assignPost(input: $i) { id revision } }',
    { i: { organizationId, postKey, holderName, fullTime, fromDate, untilDate } },
    w.cookie[who],
  );
}

/** Fills every default post of an organization from a day, so only the post under test varies. */
async function fillOthers(w: World, orgId: string, except: string, from = '2020-01-01') {
  const holders: Record<string, [string, boolean]> = {
    leaderInCharge: ['分管副局长', false],
    disclosureOffice: ['局办公室', true],
    dedicatedStaff: [NAMES.wang, true],
    liaison: [NAMES.zhao, false],
    confidentialityReview: ['办公室主任', false],
  };
  for (const [key, [name, fullTime]] of Object.entries(holders))
    if (key !== except) {
      const res = await assign(w, 'bureauA1', orgId, key, name, fullTime, from);
      expect(res.errors).toBeUndefined();
    }
}

async function closeRound(app: TestApp, roundId: string, departmentDeadline: string) {
  await app.dataSource.query(
    `UPDATE rounds SET status = 'CLOSED', department_deadline = $2 WHERE id = $1`,
    [roundId, departmentDeadline],
  );
}

/** A roster edit or confirmation at a chosen instant (audit events are append-only). */
async function rosterEventAt(app: TestApp, orgId: string, at: string) {
  await app.dataSource.query(
    `INSERT INTO audit_events (organization_id, action, data, created_at) VALUES ($1, 'roster.confirm', '{}', $2)`,
    [orgId, at],
  );
}

describe(RosterService.name, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  describe('vacancy and "not updated" at Asia/Shanghai date edges', () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(app);
      await setDefaultPosts(w, w.round2023.id);
      await fillOthers(w, w.org.deptA1.id, 'dedicatedStaff');
      // Full-time worker whose last day is 31 January 2024.
      const res = await assign(
        w,
        'bureauA1',
        w.org.deptA1.id,
        'dedicatedStaff',
        NAMES.chen,
        true,
        '2021-03-01',
        '2024-01-31',
      );
      expect(res.errors).toBeUndefined();
      await closeRound(app, w.round2022.id, '2023-01-31');
    });

    it('counts a holder through the last day of the holding and a vacancy from the next day', async () => {
      // Read at the last millisecond of 31 January (Shanghai): 2024-01-31T15:59:59.999Z.
      await closeRound(app, w.round2023.id, '2024-01-31');
      const onLastDay = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(onLastDay.staffingRoster.asOfDate).toBe('2024-01-31');
      expect(post(onLastDay, 'dedicatedStaff')).toMatchObject({ vacant: false, vacantSince: null });
      expect(post(onLastDay, 'dedicatedStaff').holders.map((h) => h.holderName)).toEqual([
        NAMES.chen,
      ]);
      expect(flagIds(onLastDay)).not.toContain('staffing.postVacant');

      // One day later the post is vacant since 1 February, for 0 days, and flagged.
      await closeRound(app, w.round2023.id, '2024-02-01');
      const nextDay = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(post(nextDay, 'dedicatedStaff')).toMatchObject({
        vacant: true,
        vacantSince: '2024-02-01',
        daysVacant: 0,
        holders: [],
      });
      const vacancy = nextDay.staffingRoster.flags.find((f) => f.id === 'staffing.postVacant');
      expect(vacancy?.evidence).toMatchObject({
        postId: 'dedicatedStaff',
        holders: 0,
        minCount: 1,
        daysVacant: 0,
        vacantSince: '2024-02-01T00:00:00.000+08:00',
      });
      expect(flagIds(nextDay)).toContain('staffing.noDedicatedStaff');

      // Read 29 days later: vacant for 29 days (calendar days in Shanghai, leap year).
      await closeRound(app, w.round2023.id, '2024-03-01');
      const later = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(post(later, 'dedicatedStaff').daysVacant).toBe(29);
      expect(later.staffingRoster.flags.find((f) => f.id === 'staffing.postVacant')?.message).toBe(
        '岗位“专职工作人员”已空缺29天',
      );
    });

    it('flags a roster last updated before the end of the previous round’s deadline day, not one updated at it', async () => {
      await closeRound(app, w.round2023.id, '2024-01-31');
      // The previous round's deadline day ends at 2023-02-01T00:00+08:00 = 2023-01-31T16:00Z.
      await rosterEventAt(app, w.org.deptA1.id, '2023-01-31T15:59:59.999Z');
      const stale = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(stale.staffingRoster.updatedSince).toBe('2023-01-31T16:00:00.000Z');
      expect(stale.staffingRoster.lastUpdatedAt).toBe('2023-01-31T15:59:59.999Z');
      const flag = stale.staffingRoster.flags.find((f) => f.id === 'staffing.rosterNotUpdated');
      expect(flag?.evidence).toMatchObject({
        lastUpdatedAt: '2023-01-31T23:59:59.999+08:00',
        requiredSince: '2023-02-01T00:00:00.000+08:00',
      });

      // The ranking's gap flags say the same (the scoring module reads the same hook).
      const ranked = await gqlOk<{ flags: { edges: { node: { organizationId: string } }[] } }>(
        app,
        'query($i: FlagsInput!) { flags(input: $i) { edges { node { organizationId } } } }',
        {
          i: {
            roundId: w.round2023.id,
            regionId: w.org.city.id,
            flagId: 'staffing.rosterNotUpdated',
            first: 100,
          },
        },
        w.cookie.reviewer,
      );
      expect(ranked.flags.edges.map((e) => e.node.organizationId)).toContain(w.org.deptA1.id);

      await rosterEventAt(app, w.org.deptA1.id, '2023-01-31T16:00:00.000Z');
      const fresh = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(fresh.staffingRoster.lastUpdatedAt).toBe('2023-01-31T16:00:00.000Z');
      expect(flagIds(fresh)).not.toContain('staffing.rosterNotUpdated');
    });

    it('ignores updates made after a closed round’s roster instant', async () => {
      await closeRound(app, w.round2023.id, '2023-01-31');
      // Every edit in this test happened "now" (after 2023): the round reads none of them.
      const res = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(res.staffingRoster.lastUpdatedAt).toBe('2023-01-31T15:59:59.999Z');
    });
  });

  describe('history', () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(app);
      await setDefaultPosts(w, w.round2022.id);
      await setDefaultPosts(w, w.round2023.id);
      await fillOthers(w, w.org.deptA1.id, 'dedicatedStaff', '2019-01-01');
      expect(
        (
          await assign(
            w,
            'bureauA1',
            w.org.deptA1.id,
            'dedicatedStaff',
            NAMES.chen,
            true,
            '2019-05-01',
            '2023-06-30',
          )
        ).errors,
      ).toBeUndefined();
      expect(
        (
          await assign(
            w,
            'bureauA1',
            w.org.deptA1.id,
            'dedicatedStaff',
            NAMES.li,
            false,
            '2023-07-01',
          )
        ).errors,
      ).toBeUndefined();
      await gqlOk(
        app,
        'mutation($i: RecordTrainingInput!) { recordTraining(input: $i) { id } }',
        {
          i: {
            organizationId: w.org.deptA1.id,
            heldOn: '2022-05-12',
            topic: '政府信息公开条例解读',
            hours: 3,
          },
        },
        w.cookie.bureauA1,
      );
      await closeRound(app, w.round2022.id, '2023-01-31');
    });

    it('reads a past round with the roster as it stood then and the open round as it stands now', async () => {
      const past = await roster(w, 'reviewer', w.org.deptA1.id, w.round2022.id);
      expect(past.staffingRoster.asOfDate).toBe('2023-01-31');
      expect(post(past, 'dedicatedStaff').holders).toEqual([
        expect.objectContaining({ holderName: NAMES.chen, fullTime: true }),
      ]);
      expect(past.staffingRoster.fullTimeStaff).toBe(1);
      expect(past.staffingRoster.trainingsInYear).toBe(1);
      expect(flagIds(past)).not.toContain('staffing.noFullTime');
      expect(flagIds(past)).not.toContain('staffing.noTraining');

      const now = await roster(w, 'reviewer', w.org.deptA1.id, w.round2023.id);
      expect(post(now, 'dedicatedStaff').holders).toEqual([
        expect.objectContaining({ holderName: NAMES.li, fullTime: false }),
      ]);
      expect(now.staffingRoster.fullTimeStaff).toBe(0);
      expect(flagIds(now)).toEqual(
        expect.arrayContaining([
          'staffing.noFullTime',
          'staffing.noDedicatedStaff',
          'staffing.noTraining',
        ]),
      );
      expect(now.staffingRoster.history.map((h) => h.holderName).sort()).toContain(NAMES.chen);
    });

    it('feeds the scoring hook with counts per round, and nothing without a roster', async () => {
      const sut = app.app.get(RosterService);
      const past = await sut.summariesFor(w.round2022.id, [w.org.deptA1.id, w.org.deptA2.id]);
      const now = await sut.summariesFor(w.round2023.id, [w.org.deptA1.id, w.org.deptA2.id]);
      expect(past.get(w.org.deptA1.id)).toMatchObject({
        fullTimeStaff: 1,
        partTimeStaff: 1,
        trainingsInRound: 1,
      });
      expect(now.get(w.org.deptA1.id)).toMatchObject({
        fullTimeStaff: 0,
        partTimeStaff: 2,
        trainingsInRound: 0,
      });
      const dedicated = now.get(w.org.deptA1.id)?.posts.find((p) => p.postId === 'dedicatedStaff');
      expect(dedicated).toMatchObject({ holders: 1, fullTimeHolders: 0, fullTimeRequired: true });
      expect(past.has(w.org.deptA2.id)).toBe(false);
      expect(JSON.stringify([...now.values()])).not.toContain(NAMES.li);
    });
  });

  describe('prefill from a parsed report', () => {
    let w: World;
    let round2016: string;
    beforeAll(async () => {
      w = await buildWorld(app);
      const created = await app.app.get(RoundsService).create(null, {
        year: 2016,
        scopeOrganizationId: w.org.city.id,
        status: RoundStatus.OPEN,
      });
      round2016 = created.id;
      await setDefaultPosts(w, round2016);
      const path = join(findRepoRoot(), 'test', 'fixtures', 'seeds', '002_f52de7e5e51408f9.txt');
      const imported = importReport(new Uint8Array(await readFile(path)), '002.txt');
      if (imported.kind === 'not-a-report') throw new Error('seed 002 is a report');
      const s = await start(w, 'bureauA2', w.org.deptA2.id, round2016);
      const saved = await saveDraft(w, 'bureauA2', s.id, s.revision, imported.report);
      expect(saved.errors).toBeUndefined();
    });

    it('proposes one part-time person and no full-time staff, with the line it came from', async () => {
      const res = await gqlOk<{
        staffingPrefill: {
          versionId: string | null;
          reportStaffing: { dedicatedStaff: number; partTimeStaff: number; leadingGroup: boolean };
          holders: { postKey: string; fullTime: boolean; path: string; line: number | null }[];
          leadingGroup: boolean | null;
        };
      }>(
        app,
        `query($o: ID!, $r: ID!) { staffingPrefill(organizationId: $o, roundId: $r) {
          versionId reportStaffing { dedicatedStaff partTimeStaff leadingGroup }
          holders { postKey fullTime path line } leadingGroup } }`,
        { o: w.org.deptA2.id, r: round2016 },
        w.cookie.bureauA2,
      );
      expect(res.staffingPrefill.reportStaffing).toMatchObject({
        dedicatedStaff: 0,
        partTimeStaff: 1,
      });
      expect(res.staffingPrefill.holders).toEqual([
        { postKey: 'liaison', fullTime: false, path: 'staffing.partTimeStaff', line: 32 },
      ]);
      expect(res.staffingPrefill.leadingGroup).toBe(true);
    });

    it('records the confirmed prefill with provenance: one part-timer, the full-time post vacant', async () => {
      const applied = await gqlOk<{ applyStaffingPrefill: { id: string }[] }>(
        app,
        'mutation($i: ApplyStaffingPrefillInput!) { applyStaffingPrefill(input: $i) { id } }',
        {
          i: {
            organizationId: w.org.deptA2.id,
            roundId: round2016,
            fromDate: '2016-01-01',
            names: [{ postKey: 'liaison', holderName: NAMES.zhao }],
          },
        },
        w.cookie.bureauA2,
      );
      expect(applied.applyStaffingPrefill).toHaveLength(1);
      const res = await roster(w, 'bureauA2', w.org.deptA2.id, round2016);
      expect(res.staffingRoster).toMatchObject({
        fullTimeStaff: 0,
        partTimeStaff: 1,
        leadingGroup: true,
      });
      expect(post(res, 'liaison').holders).toEqual([
        {
          holderName: NAMES.zhao,
          fullTime: false,
          fromDate: '2016-01-01',
          untilDate: null,
          source: 'REPORT',
          sourcePath: 'staffing.partTimeStaff',
          sourceLine: 32,
        },
      ]);
      expect(post(res, 'dedicatedStaff').vacant).toBe(true);
      expect(flagIds(res)).toEqual(
        expect.arrayContaining(['staffing.noDedicatedStaff', 'staffing.postVacant']),
      );
      const again = await app.graphql(
        'mutation($i: ApplyStaffingPrefillInput!) { applyStaffingPrefill(input: $i) { id } }',
        { i: { organizationId: w.org.deptA2.id, roundId: round2016, fromDate: '2016-01-01' } },
        w.cookie.bureauA2,
      );
      expect(codeOf(again)).toBe('CONFLICT');
    });
  });

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

/** Every shared string and inline string of an .xlsx (enough to search for a name). */
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
