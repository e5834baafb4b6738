import { createRng, type Rng } from '@gongkai/report-model/testing';
import type { Flag } from '@gongkai/scoring';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { RankingFlagsService } from '../src/modules/scoring/ranking-flags.service';
import { RankingService, type RankingScope } from '../src/modules/scoring/ranking.service';
import { RESULT_FLAGS, type ResultFlagsPort } from '../src/modules/scoring/result-flags.port';
import { referenceRanking, referenceRound } from './support/reference-scoring';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';

/**
 * Flags computed into PostgreSQL (version flags stored with the versions' inputs, timed and
 * peer-band flags written with a stored population result) equal `flagAll` of
 * `@gongkai/scoring` over the whole reports (`support/reference-scoring.ts`): on the demo city and on variations of it with moved deadlines and submission
 * dates, returns and roster changes; and they follow a return, a roster change and a deadline day.
 */
describe('flags of stored population results', () => {
  let sut: TestApp;
  let rankings: RankingService;
  let rankingFlags: RankingFlagsService;
  let port: ResultFlagsPort;
  let actor: Actor;
  let rounds: { id: string; year: number }[];
  let county: { id: string };
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    sut.dataSource.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    sut = await createTestApp({ hooks: demoDataHooks() });
    rankings = sut.app.get(RankingService);
    rankingFlags = sut.app.get(RankingFlagsService);
    port = sut.app.get<ResultFlagsPort>(RESULT_FLAGS);
    const [city] = await q<{ id: string; path: string }>(
      `SELECT id, path FROM organizations WHERE code = 'DEMO-C'`,
    );
    actor = {
      userId: 'supervisor',
      username: 'supervisor',
      role: Role.SUPERVISOR,
      organizationId: city!.id,
      organizationPath: city!.path,
      sessionId: 'test',
    };
    rounds = await q(
      'SELECT id, year FROM rounds WHERE scope_organization_id = $1 ORDER BY year DESC',
      [city!.id],
    );
    const counties = await q<{ id: string }>(
      `SELECT id FROM organizations WHERE parent_id = $1 AND level = 'COUNTY' ORDER BY code LIMIT 1`,
      [city!.id],
    );
    county = counties[0]!;
  }, 180_000);

  afterAll(async () => {
    await sut?.close();
  });

  /** The package's flags of a population by organization, its flag list, and PostgreSQL's. */
  async function compare(scope: RankingScope): Promise<number> {
    const { round, region } = await rankings.resolveScope(actor, scope);
    // the round's stored result (filled now, or kept from an earlier population) and its instant
    const result = await rankings.storedResult(actor, scope, new Date());
    const asOf = result.asOf;
    const scored = await referenceRound(sut.app, round.id, scope.modelId ?? null, asOf);
    const entries = referenceRanking(scored, {
      regionPath: region.path,
      peerGroup: scope.peerGroup ?? null,
    });
    const inPopulation = new Set(entries.map((entry) => entry.row));
    const expected = new Map<string, Flag[]>();
    const list: Flag[] = [];
    const names = new Map<string, string>();
    scored.items.forEach(({ ref }, row) => {
      if (!inPopulation.has(row)) return;
      const flags = [...(scored.flags.get(ref.organizationId) ?? [])];
      if (flags.length === 0) return;
      expected.set(ref.organizationId, flags);
      list.push(...flags);
      names.set(ref.organizationId, ref.organizationName);
    });
    const ids = entries.map((entry) => entry.organizationId);
    expect(new Map(await port.flagsOf(result.id, ids))).toEqual(expected);

    const read = await rankingFlags.flags(actor, scope, null, asOf);
    expect(read.flags).toEqual(list);
    expect(new Map(read.names)).toEqual(names);
    const paged = await rankingFlags.flags(actor, scope, { offset: 3, limit: 7 }, asOf);
    expect(paged.flags).toEqual(list.slice(3, 10));
    expect(paged.totalCount).toBe(list.length);
    const late = await rankingFlags.flags(
      actor,
      { ...scope, flagId: 'timeliness.late', severity: 'warning' },
      null,
      asOf,
    );
    expect(late.flags).toEqual(
      list.filter((flag) => flag.id === 'timeliness.late' && flag.severity === 'warning'),
    );
    if (!scope.peerGroup) {
      const counts = new Map<string, number>();
      for (const flag of list) {
        const key = `${flag.organizationId}|${flag.id}|${flag.severity}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const counted = await rankingFlags.flagCounts(actor, scope, asOf);
      expect(
        new Map(
          counted.map((c) => [`${c.organizationId}|${c.flagId}|${c.severity}`, c.count] as const),
        ),
      ).toEqual(counts);
      expect(counted.every((c) => c.organizationName === names.get(c.organizationId))).toBe(true);
      // in the list's order: by name, then each organization's flag ids by their first flag
      expect(counted.map((c) => `${c.organizationId}|${c.flagId}`)).toEqual([
        ...new Set(list.map((flag) => `${flag.organizationId}|${flag.id}`)),
      ]);
    }
    // the table's filter condition keeps exactly the organizations with the flag
    for (const flagId of new Set(list.map((flag) => flag.id))) {
      const kept = await q<{ organization_id: string }>(
        `SELECT x.organization_id FROM ranking_result_rows x
          WHERE x.result_id = $1 AND ${port.hasFlagSql('x', '$2')} ORDER BY 1`,
        [result.id, flagId],
      );
      const all = await q<{ n: number }>(
        `SELECT count(DISTINCT organization_id)::int AS n FROM ranking_result_flags
          WHERE result_id = $1 AND flag_id = $2`,
        [result.id, flagId],
      );
      expect(kept).toHaveLength(all[0]!.n);
    }
    return list.length;
  }

  async function compareEverywhere(): Promise<Map<string, number>> {
    // both computed afresh at one instant
    await q('DELETE FROM ranking_results');
    const seen = new Map<string, number>();
    for (const round of rounds) {
      const [city] = await q<{ scope: string }>(
        'SELECT scope_organization_id AS scope FROM rounds WHERE id = $1',
        [round.id],
      );
      await compare({ roundId: round.id, regionId: city!.scope });
      await compare({ roundId: round.id, regionId: county.id });
      await compare({ roundId: round.id, regionId: city!.scope, peerGroup: 'county-department' });
      const ids = await q<{ flag_id: string; n: number }>(
        `SELECT f.flag_id, count(*)::int AS n FROM ranking_result_flags f
           JOIN ranking_results r ON r.id = f.result_id WHERE r.round_id = $1 GROUP BY 1`,
        [round.id],
      );
      for (const { flag_id, n } of ids) seen.set(flag_id, (seen.get(flag_id) ?? 0) + n);
    }
    return seen;
  }

  it('equals the package’s flags on the demo city, for every organization, message, evidence and order', async () => {
    const seen = await compareEverywhere();
    for (const id of [
      'timeliness.notSubmitted',
      'timeliness.late',
      'findings.openErrors',
      'completeness.blankCells',
      'staffing.noDedicatedStaff',
      'staffing.noTraining',
      'staffing.postVacant',
      'staffing.noFullTime',
      'staffing.rosterNotUpdated',
      'staffing.proseRosterMismatch',
      'outlier.yearOnYear',
      'outlier.peerBand',
    ]) {
      expect([id, (seen.get(id) ?? 0) > 0]).toEqual([id, true]);
    }
  }, 300_000);

  /** Moves deadlines and submission dates around today, returns reports and changes rosters. */
  async function vary(rng: Rng): Promise<void> {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
    const current = rounds[0]!;
    const offset = pick([-2, -1, 0, 1]);
    await q(
      `UPDATE rounds SET department_deadline = (now() AT TIME ZONE 'Asia/Shanghai')::date + $2::int,
                         government_deadline = (now() AT TIME ZONE 'Asia/Shanghai')::date + $2::int - 1
        WHERE id = $1`,
      [current.id, offset],
    );
    const submissions = await q<{ id: string; organization_id: string; status: string }>(
      `SELECT s.id, s.organization_id, s.status::text AS status FROM submissions s
        WHERE s.round_id = $1 AND s.first_submitted_at IS NOT NULL
        ORDER BY EXISTS (SELECT FROM audit_events a
                          WHERE a.submission_id = s.id AND a.to_status = 'RETURNED'), s.id`,
      [current.id],
    );
    // every eighth one returned, 10, 8, 7 or 2 days ago (give or take some hours); those never
    // returned before come first, so that a later return of the demo's history (on random
    // submissions) does not decide the days since the return of them all
    const returnedDays = [10, 8, 7, 2];
    for (const [i, s] of submissions.entries()) {
      const roll = rng();
      if (i % 8 !== 0 && roll < 0.3) {
        // minutes around the end of the deadline day (Shanghai)
        await q(
          `UPDATE submissions SET first_submitted_at =
             ((now() AT TIME ZONE 'Asia/Shanghai')::date + $2::int + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
             + make_interval(mins => $3::int)
            WHERE id = $1`,
          [s.id, offset, Math.round((rng() - 0.5) * 4 * 1440)],
        );
      } else if (i % 8 === 0) {
        await q(`UPDATE submissions SET status = 'RETURNED' WHERE id = $1`, [s.id]);
        await q(
          `INSERT INTO audit_events (organization_id, submission_id, round_id, action, from_status,
                                     to_status, data, created_at)
           VALUES ($1, $2, $3, 'submission.return', $4, 'RETURNED', '{}',
                   now() - make_interval(hours => $5::int))`,
          [
            s.organization_id,
            s.id,
            current.id,
            s.status,
            (returnedDays[(i / 8) % returnedDays.length] as number) * 24 +
              Math.floor((rng() - 0.5) * 12),
          ],
        );
      }
    }
    const assignments = await q<{ id: string }>('SELECT id FROM post_assignments ORDER BY id');
    for (const a of assignments) {
      if (rng() < 0.15) await q('DELETE FROM post_assignments WHERE id = $1', [a.id]);
    }
  }

  it('equals the package’s flags with deadlines and submissions around today, returns and roster gaps', async () => {
    for (const seed of [11, 12]) {
      await vary(createRng(seed));
      const seen = await compareEverywhere();
      expect(seen.get('timeliness.returnedNotResubmitted') ?? 0).toBeGreaterThan(0);
    }
  }, 600_000);

  /** An organization's flags in the city's current stored result at `asOf`. */
  async function flagsAt(organizationId: string, asOf: Date): Promise<readonly Flag[]> {
    const current = rounds[0]!;
    const result = await rankings.storedResult(
      actor,
      { roundId: current.id, regionId: actor.organizationId },
      asOf,
    );
    return (await port.flagsOf(result.id, [organizationId])).get(organizationId) ?? [];
  }

  it('follows a return, a roster change and a deadline day', async () => {
    const current = rounds[0]!;
    const scope = { roundId: current.id, regionId: actor.organizationId };
    await q('DELETE FROM ranking_results');
    const ids = (flags: readonly Flag[]) => flags.map((flag) => flag.id);

    const [submitted] = await q<{ id: string; organization_id: string; status: string }>(
      `SELECT id, organization_id, status::text AS status FROM submissions
        WHERE round_id = $1 AND first_submitted_at IS NOT NULL AND status <> 'RETURNED'
          -- none of the demo's own returns later than the one below (the flag counts from the last)
          AND NOT EXISTS (SELECT 1 FROM audit_events a
                           WHERE a.submission_id = submissions.id AND a.to_status = 'RETURNED'
                             AND a.created_at > now() - interval '10 days')
        ORDER BY id LIMIT 1`,
      [current.id],
    );
    const now = new Date();
    expect(ids(await flagsAt(submitted!.organization_id, now))).not.toContain(
      'timeliness.returnedNotResubmitted',
    );
    // one transaction, as a return is made (the status and its audit event together): a
    // background fill in between would otherwise store the status without the return's date
    await sut.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE submissions SET status = 'RETURNED' WHERE id = $1`, [
        submitted!.id,
      ]);
      await manager.query(
        `INSERT INTO audit_events (organization_id, submission_id, round_id, action, from_status,
                                 to_status, data, created_at)
       VALUES ($1, $2, $3, 'submission.return', $4, 'RETURNED', '{}', $5)`,
        [
          submitted!.organization_id,
          submitted!.id,
          current.id,
          submitted!.status,
          new Date(now.getTime() - 10 * 86_400_000),
        ],
      );
    });
    const returned = (await flagsAt(submitted!.organization_id, now)).find(
      (flag) => flag.id === 'timeliness.returnedNotResubmitted',
    );
    expect(returned?.evidence).toEqual(
      expect.objectContaining({ daysSinceReturn: 10, allowedDays: 7 }),
    );

    const [holder] = await q<{ organization_id: string }>(
      `SELECT a.organization_id FROM post_assignments a
         JOIN submissions s ON s.organization_id = a.organization_id AND s.round_id = $1
        WHERE a.until_date IS NULL AND s.submitted_version_id IS NOT NULL
        ORDER BY a.organization_id LIMIT 1`,
      [current.id],
    );
    const staffed = await flagsAt(holder!.organization_id, now);
    await q('DELETE FROM post_assignments WHERE organization_id = $1', [holder!.organization_id]);
    const unstaffed = await flagsAt(holder!.organization_id, now);
    expect(ids(unstaffed)).not.toEqual(ids(staffed));
    expect(ids(unstaffed).filter((id) => id.startsWith('staffing.')).length).toBeGreaterThan(
      ids(staffed).filter((id) => id.startsWith('staffing.')).length,
    );
    await q('DELETE FROM ranking_results');
    await compare(scope);

    const [missing] = await q<{ id: string }>(
      `SELECT o.id FROM organizations o
         JOIN ranking_result_rows x ON x.organization_id = o.id
         LEFT JOIN submissions s ON s.round_id = $1 AND s.organization_id = o.id
         LEFT JOIN round_extensions e ON e.round_id = $1 AND e.organization_id = o.id
        WHERE s.first_submitted_at IS NULL AND e.organization_id IS NULL
        ORDER BY o.id LIMIT 1`,
      [current.id],
    );
    await q(
      `UPDATE rounds SET department_deadline = '2030-06-10', government_deadline = '2030-06-10'
        WHERE id = $1`,
      [current.id],
    );
    expect(ids(await flagsAt(missing!.id, new Date('2030-06-10T23:59:59+08:00')))).not.toContain(
      'timeliness.notSubmitted',
    );
    const overdue = (await flagsAt(missing!.id, new Date('2030-06-11T00:00:00+08:00'))).find(
      (flag) => flag.id === 'timeliness.notSubmitted',
    );
    expect(overdue?.evidence).toEqual(
      expect.objectContaining({ daysOverdue: 1, deadline: '2030-06-10T23:59:59.999+08:00' }),
    );
    expect(overdue?.message).toBe('截止时间已过1天，仍未报送年度报告');
  }, 300_000);
});
