import {
  OrganizationLevel,
  type OrganizationEntity,
} from '../src/modules/organizations/organization.entity';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { deadlineFor } from '../src/modules/rounds/round-deadline';
import {
  deadlineDayEndSql,
  effectiveDeadlineSql,
  lateSql,
} from '../src/modules/rounds/round-deadline.sql';
import { RoundExtensionEntity } from '../src/modules/rounds/round-extension.entity';
import { RoundStatus, type RoundEntity } from '../src/modules/rounds/round.entity';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { createTestApp, type TestApp } from './test-app';

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant a deadline day ends in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiDayEnd(day: string): number {
  return Date.parse(`${addDays(day, 1)}T00:00:00+08:00`);
}

type ViewRow = { organization_id: string; deadline: string; due_end: Date; extended: boolean };

describe('expected_submissions', () => {
  let app: TestApp;
  const SEED = 20261207;

  beforeAll(async () => {
    app = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('agrees with deadlineFor and expectedBodies on random hierarchies, rounds and extensions', async () => {
    const random = generator(SEED);
    const orgs = app.app.get(OrganizationsService);
    const rounds = app.app.get(RoundsService);
    const tag = `es${Date.now().toString(36)}`;
    let n = 0;
    const all: OrganizationEntity[] = [];
    const make = async (level: OrganizationLevel, parent: OrganizationEntity | null) => {
      const leaf = level === OrganizationLevel.DEPARTMENT || level === OrganizationLevel.TOWNSHIP;
      const from = leaf && random.chance(0.2) ? random.int(2021, 2024) : null;
      const to = leaf && random.chance(0.2) ? random.int(from ?? 2020, 2025) : null;
      const created = await orgs.create(null, {
        code: `${tag}-${++n}`,
        name: `机构${n}`,
        level,
        parentId: parent?.id ?? null,
        activeFromYear: from,
        activeToYear: to,
        reports: !random.chance(0.1),
      });
      all.push(created);
      return created;
    };
    const leaves = async (parent: OrganizationEntity, levels: OrganizationLevel[]) => {
      for (let i = random.int(1, 4); i > 0; i -= 1) await make(random.pick(levels), parent);
    };
    const governments: OrganizationEntity[] = [];
    const province = await make(OrganizationLevel.PROVINCE, null);
    governments.push(province);
    await leaves(province, [OrganizationLevel.DEPARTMENT]);
    for (let c = 0; c < 2; c += 1) {
      const city = await make(OrganizationLevel.CITY, province);
      governments.push(city);
      await leaves(city, [OrganizationLevel.DEPARTMENT]);
      for (let k = 0; k < 2; k += 1) {
        const county = await make(OrganizationLevel.COUNTY, city);
        governments.push(county);
        await leaves(county, [OrganizationLevel.DEPARTMENT, OrganizationLevel.TOWNSHIP]);
      }
    }

    const created: RoundEntity[] = [];
    for (const government of governments)
      for (const year of [2022, 2023, 2024]) {
        if (random.chance(0.3)) continue;
        const departmentDeadline = addDays(`${year + 1}-01-01`, random.int(0, 120));
        created.push(
          await rounds.create(null, {
            year,
            scopeOrganizationId: government.id,
            departmentDeadline,
            governmentDeadline: addDays(departmentDeadline, random.int(0, 90)),
            status: RoundStatus.OPEN,
          }),
        );
      }
    expect(created.length).toBeGreaterThan(5);

    let extended = 0;
    let compared = 0;
    for (const round of created) {
      const expected = await rounds.expectedBodies(round);
      for (const body of expected)
        if (random.chance(0.3)) {
          extended += 1;
          await app.dataSource.getRepository(RoundExtensionEntity).insert({
            roundId: round.id,
            organizationId: body.id,
            deadline: addDays(deadlineFor(round, body), random.int(1, 60)),
            reason: '随机延期',
          });
        }
      const extensions = await rounds.extensionsFor(
        round.id,
        expected.map((o) => o.id),
      );
      const rows: ViewRow[] = await app.dataSource.query(
        `SELECT organization_id, deadline::text AS deadline, due_end, extended
           FROM expected_submissions WHERE round_id = $1 ORDER BY path`,
        [round.id],
      );
      expect(rows.map((r) => r.organization_id).sort()).toEqual(expected.map((o) => o.id).sort());
      const byId = new Map(expected.map((o) => [o.id, o]));
      for (const row of rows) {
        const body = byId.get(row.organization_id)!;
        const extension = extensions.get(body.id) ?? null;
        const deadline = deadlineFor(round, body, extension);
        expect({ id: body.id, deadline: row.deadline, extended: row.extended }).toEqual({
          id: body.id,
          deadline,
          extended: extension !== null,
        });
        expect(new Date(row.due_end).getTime()).toBe(shanghaiDayEnd(deadline));
        compared += 1;
      }
      // the fragments the queries that join rounds and bodies themselves use read the same
      const fragment: { organization_id: string; deadline: string; due_end: Date }[] =
        await app.dataSource.query(
          `SELECT o.id AS organization_id, (${effectiveDeadlineSql('r', 'o', 'x')})::text AS deadline,
                  ${deadlineDayEndSql(effectiveDeadlineSql('r', 'o', 'x'))} AS due_end
             FROM rounds r
             JOIN organizations o ON o.id = ANY($2::uuid[])
             LEFT JOIN round_extensions x ON x.round_id = r.id AND x.organization_id = o.id
            WHERE r.id = $1`,
          [round.id, expected.map((o) => o.id)],
        );
      expect(fragment).toHaveLength(expected.length);
      for (const row of fragment) {
        const deadline = deadlineFor(
          round,
          byId.get(row.organization_id)!,
          extensions.get(row.organization_id),
        );
        expect({ id: row.organization_id, deadline: row.deadline }).toEqual({
          id: row.organization_id,
          deadline,
        });
        expect(new Date(row.due_end).getTime()).toBe(shanghaiDayEnd(deadline));
      }
    }
    expect(extended).toBeGreaterThan(3);
    expect(compared).toBeGreaterThan(20);
    // bodies of every level took part: governments and the others have different base deadlines
    const levels = new Set(all.map((o) => o.level));
    expect(levels.size).toBe(5);
  }, 120_000);

  it('follows a round whose deadlines move, and a body that stops reporting', async () => {
    const orgs = app.app.get(OrganizationsService);
    const rounds = app.app.get(RoundsService);
    const tag = `em${Date.now().toString(36)}`;
    const county = await orgs.create(null, {
      code: `${tag}-c`,
      name: '县',
      level: OrganizationLevel.COUNTY,
      parentId: null,
    });
    const dept = await orgs.create(null, {
      code: `${tag}-d`,
      name: '局',
      level: OrganizationLevel.DEPARTMENT,
      parentId: county.id,
    });
    const round = await rounds.create(null, {
      year: 2023,
      scopeOrganizationId: county.id,
      departmentDeadline: '2024-01-31',
      governmentDeadline: '2024-03-31',
    });
    const read = async () =>
      Object.fromEntries(
        (
          (await app.dataSource.query(
            `SELECT organization_id, deadline::text AS deadline FROM expected_submissions
              WHERE round_id = $1`,
            [round.id],
          )) as { organization_id: string; deadline: string }[]
        ).map((r) => [r.organization_id, r.deadline]),
      );
    expect(await read()).toEqual({ [county.id]: '2024-03-31', [dept.id]: '2024-01-31' });
    await app.dataSource.query(
      `UPDATE rounds SET department_deadline = '2024-02-29', government_deadline = '2024-04-30'
        WHERE id = $1`,
      [round.id],
    );
    await app.dataSource.query('UPDATE organizations SET reports = false WHERE id = $1', [dept.id]);
    expect(await read()).toEqual({ [county.id]: '2024-04-30' });
  }, 60_000);

  it('counts a body late from the first instant after its deadline day in Asia/Shanghai', async () => {
    const late = async (deadline: string, firstSubmittedAt: string | null, now: string) =>
      (
        (await app.dataSource.query(
          `SELECT ${lateSql('$1::date', '$2::timestamptz', '$3::timestamptz')} AS late`,
          [deadline, firstSubmittedAt, now],
        )) as { late: boolean }[]
      )[0]!.late;
    // 2024-01-31 ends at 2024-01-31T16:00Z
    expect(await late('2024-01-31', '2024-01-31T15:59:59.999Z', '2024-06-01T00:00Z')).toBe(false);
    expect(await late('2024-01-31', '2024-01-31T16:00:00Z', '2024-06-01T00:00Z')).toBe(true);
    expect(await late('2024-01-31', null, '2024-01-31T15:59:59Z')).toBe(false);
    expect(await late('2024-01-31', null, '2024-01-31T16:00:00Z')).toBe(true);
  });
});
