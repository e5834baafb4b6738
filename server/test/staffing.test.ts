import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importReport } from '@gongkai/report-import';
import { findRepoRoot } from '../src/config/config';
import { RoundStatus } from '../src/modules/rounds/round.entity';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { RosterService } from '../src/modules/staffing/roster.service';
import { type TestApp } from './test-app';
import { buildWorld, codeOf, gqlOk, saveDraft, start, type World } from './support/world';
import {
  assign,
  closeRound,
  fillOthers,
  flagIds,
  NAMES,
  post,
  roster,
  rosterEventAt,
  setDefaultPosts,
} from './support/staffing';
import { useApp } from './support/suite';

describe(RosterService.name, () => {
  let app: TestApp;
  useApp((booted) => (app = booted));
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
});
