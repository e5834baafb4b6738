import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { OrganizationEntity } from '../src/modules/organizations/organization.entity';
import { organizationLookups } from '../src/modules/organizations';
import { RoundEntity, RoundStatus } from '../src/modules/rounds/round.entity';
import { roundLookups } from '../src/modules/rounds';
import { SubmissionReturnEntity } from '../src/modules/submissions/submission-return.entity';
import { SubmissionVersionEntity } from '../src/modules/submissions/submission-version.entity';
import { SubmissionEntity } from '../src/modules/submissions/submission.entity';
import { submissionLookups } from '../src/modules/submissions';
import { useWorld } from './support/suite';
import { act, codeOf, submitted, type World } from './support/world';
import type { TestApp } from './test-app';

// The lookups the owners hand other modules (organizationLookups, roundLookups,
// submissionLookups): plain rows, read by fixed statements, equal field by field to what TypeORM
// reads into the owner's entity — and never an entity another module could save.
describe('lookups', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const plain = <T extends object>(value: T): T => ({ ...value });
  const columnsOf = (target: EntityTarget<ObjectLiteral>) =>
    app.dataSource
      .getMetadata(target)
      .columns.map((c) => [c.databaseName, c.propertyName])
      .sort();
  const listed = (list: readonly (readonly [string, string, string?])[]) =>
    list.map(([column, property]) => [column, property]).sort();

  it('read every column of their entity, under its property', () => {
    expect(listed(organizationLookups.list)).toEqual(columnsOf(OrganizationEntity));
    expect(listed(roundLookups.list)).toEqual(columnsOf(RoundEntity));
    expect(listed(submissionLookups.lists.submissions)).toEqual(columnsOf(SubmissionEntity));
    expect(listed(submissionLookups.lists.returns)).toEqual(columnsOf(SubmissionReturnEntity));
  });

  it('read organizations as TypeORM does, as plain rows', async () => {
    const m = app.dataSource.manager;
    const all = await m.find(OrganizationEntity, { order: { code: 'ASC' } });
    expect(all.length).toBeGreaterThan(5);
    const dept = all.find((o) => o.id === w.org.deptA1.id)!;
    const found = await organizationLookups.byId(m, dept.id);
    expect(found).toEqual(plain(dept));
    expect(found).not.toBeInstanceOf(OrganizationEntity);
    expect(await organizationLookups.byIdOrFail(m, dept.id)).toEqual(plain(dept));
    expect(await organizationLookups.byId(m, '00000000-0000-4000-8000-000000000000')).toBeNull();
    await expect(
      organizationLookups.byIdOrFail(m, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toThrow(/OrganizationEntity/);
    expect(await organizationLookups.byCode(m, dept.code)).toEqual(plain(dept));
    expect(await organizationLookups.byCode(m, `${dept.code}-none`)).toBeNull();

    const ids = [w.org.city.id, w.org.countyB.id, w.org.closedA3.id];
    const byIds = await organizationLookups.byIds(m, ids);
    expect(byIds.map((o) => o.id).sort()).toEqual([...ids].sort());
    for (const o of byIds) expect(o).toEqual(plain(all.find((a) => a.id === o.id)!));

    const roots = all.filter((o) => o.parentId === null);
    expect((await organizationLookups.roots(m, 2)).map(plain)).toEqual(
      roots.slice(0, 2).map(plain),
    );

    const county = all.find((o) => o.id === w.org.countyA.id)!;
    const below = all.filter((o) => o.path.startsWith(county.path));
    expect(below.length).toBeGreaterThan(2);
    const subtree = await organizationLookups.subtree(m, county.path);
    expect(subtree.map(plain).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      below.map(plain).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('read rounds as TypeORM does, with their deadlines as days, and hold one under a share lock', async () => {
    const m = app.dataSource.manager;
    const round = await m.findOneOrFail(RoundEntity, { where: { id: w.round2023.id } });
    expect(round.departmentDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await roundLookups.byId(m, round.id)).toEqual(plain(round));
    expect(await roundLookups.byId(m, '00000000-0000-4000-8000-000000000000')).toBeNull();
    await expect(
      roundLookups.byIdOrFail(m, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toThrow(/RoundEntity/);
    const open = await m.find(RoundEntity, { where: { status: RoundStatus.OPEN } });
    expect(open.length).toBeGreaterThan(0);
    const openRead = await roundLookups.open(m);
    expect(openRead.map(plain).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      open.map(plain).sort((a, b) => a.id.localeCompare(b.id)),
    );

    // the share lock holds the round against a change until the reading transaction ends
    await app.dataSource.transaction(async (locked) => {
      expect(await roundLookups.byIdOrFail(locked, round.id, { shareLock: true })).toEqual(
        plain(round),
      );
      const holders: { mode: string }[] = await locked.query(
        `SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE c.relname = 'rounds' AND l.pid = pg_backend_pid() AND l.mode = 'RowShareLock'`,
      );
      expect(holders.length).toBeGreaterThan(0);
    });
  });

  it("read a submission's returns with their versions' numbers, and the open one", async () => {
    const m = app.dataSource.manager;
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 31);
    expect(await submissionLookups.openReturn(m, s.id)).toBeNull();
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      { submissionId: s.id, expectedRevision: s.revision, reason: '请核对' },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned)).toBe('OK');

    const stored = await m.find(SubmissionReturnEntity, { where: { submissionId: s.id } });
    expect(stored).toHaveLength(1);
    const open = await submissionLookups.openReturn(m, s.id);
    expect(open).toEqual(plain(stored[0]!));
    expect(open).not.toBeInstanceOf(SubmissionReturnEntity);

    const version = await m.findOneOrFail(SubmissionVersionEntity, {
      where: { id: stored[0]!.returnedVersionId! },
    });
    const [numbered, ...more] = await submissionLookups.returnsOf(m, [s.id]);
    expect(more).toEqual([]);
    expect(numbered).toEqual({
      ...plain(stored[0]!),
      returnedVersionNumber: version.number,
      resubmittedVersionNumber: null,
    });
    expect(await submissionLookups.returnsOf(m, [])).toEqual([]);

    // a hand-written join reads the submission back as TypeORM does
    const submission = await m.findOneOrFail(SubmissionEntity, { where: { id: s.id } });
    const [row] = (await m.query(
      `SELECT ${submissionLookups.columns('x')}, ${organizationLookups.columns('y')}
         FROM submissions x JOIN organizations y ON y.id = x.organization_id WHERE x.id = $1`,
      [s.id],
    )) as Record<string, unknown>[];
    expect(submissionLookups.fromRow('x', row!)).toEqual(plain(submission));
    const organization = await m.findOneOrFail(OrganizationEntity, {
      where: { id: w.org.deptA1.id },
    });
    expect(organizationLookups.fromRow('y', row!)).toEqual(plain(organization));
    expect(organizationLookups.fromRow('y', { y_id: null })).toBeNull();
  });
});
