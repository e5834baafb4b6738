import { statutoryDeadline } from '@gongkai/report-model';
import { createRng, generateConsistentReport } from '@gongkai/report-model/testing';
import type { EntityManager } from 'typeorm';
import { type AuditEventInput, type CommandContext, writeAuditEvents } from '../src/modules/audit';
import {
  checkNewOrganization,
  insertCheckedOrganization,
  type OrganizationEntity,
  OrganizationLevel,
} from '../src/modules/organizations';
import { writeReturnComments, writeReturnCommentsOfMany } from '../src/modules/review';
import { type RoundEntity, RoundStatus, roundWrites } from '../src/modules/rounds';
import { rosterWrites } from '../src/modules/staffing';
import {
  checkVersion,
  ReturnKind,
  RoundPeerCorpus,
  submissionCommands,
  type SubmissionEntity,
  VersionSource,
  WorkflowAction,
} from '../src/modules/submissions';
import { createTestApp, type TestApp } from './test-app';

/**
 * The list forms of the commands against their single forms: the same input written once item by
 * item through the single forms (for twin A of each organization) and once through the list forms
 * (twin B) gives the same rows and the same audit events, ids aside.
 */
describe('command list forms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  }, 60_000);
  afterAll(() => app.close());

  const at = (day: number, hour = 10) => new Date(Date.UTC(2025, 0, day, hour));

  /** A context that dates its step and keeps the events it records, by twin. */
  function recorder(manager: EntityManager) {
    const events: AuditEventInput[] = [];
    const context = (when: Date): CommandContext => ({
      manager,
      actorId: null,
      at: when,
      record: async (list) => {
        events.push(...list.map((e) => ({ ...e, at: e.at ?? when })));
      },
    });
    return { events, context };
  }

  /** Twin organizations A and B under one city, and a round of that city. */
  async function twins(manager: EntityManager, prefix: string, n: number) {
    const add = async (
      code: string,
      level: OrganizationLevel,
      parent: OrganizationEntity | null,
    ): Promise<OrganizationEntity> => {
      const input = {
        code,
        name: `${code} 局`,
        level,
        parentId: parent?.id ?? null,
      };
      checkNewOrganization(input);
      return (await insertCheckedOrganization(manager, null, input, parent ?? undefined)).created;
    };
    const city = await add(`${prefix}-C`, OrganizationLevel.CITY, null);
    const a: OrganizationEntity[] = [];
    const b: OrganizationEntity[] = [];
    for (let i = 0; i < n; i++) {
      a.push(await add(`${prefix}-A${i}`, OrganizationLevel.DEPARTMENT, city));
      b.push(await add(`${prefix}-B${i}`, OrganizationLevel.DEPARTMENT, city));
    }
    const round: RoundEntity = await roundWrites.create(
      recorder(manager).context(at(1)),
      null,
      city,
      {
        year: 2024,
        scopeOrganizationId: city.id,
        status: RoundStatus.OPEN,
        departmentDeadline: statutoryDeadline(2024, 'department'),
        governmentDeadline: statutoryDeadline(2024, 'government'),
      },
    );
    return { city, a, b, round };
  }

  /** Rows of a query for one twin's organizations (`$1`), canonical. */
  async function rowsOf(
    manager: EntityManager,
    sql: string,
    orgs: readonly OrganizationEntity[],
  ): Promise<string[]> {
    const rows = (await manager.query(sql, [orgs.map((o) => o.id)])) as Record<string, unknown>[];
    return canon(rows, orgs);
  }

  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  /** Rows as JSON, the twins' ids by their position, other ids as `id`, sorted. */
  function canon(rows: readonly object[], orgs: readonly OrganizationEntity[]) {
    const index = new Map(orgs.map((o, i) => [o.id, `org${i}`]));
    return rows.map((r) => JSON.stringify(r).replace(UUID, (u) => index.get(u) ?? 'id')).sort();
  }

  it('writes the same submissions, versions, returns, comments and events as the single forms', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const { a, b, round } = await twins(manager, 'SUB', 4);
        const rng = createRng(7);
        const reports = a.map(() => generateConsistentReport(rng, round.template, 2024, {}));
        const check = (i: number) =>
          checkVersion(reports[i]!, a[i]!.id, null, new RoundPeerCorpus(2024));
        const one = recorder(manager);
        const many = recorder(manager);
        // single forms, organization by organization
        for (const [i, org] of a.entries()) {
          const c = one.context;
          const s = await submissionCommands.open(c(at(2)), {
            roundId: round.id,
            organizationId: org.id,
          });
          for (const [k, source] of [VersionSource.UPLOAD, VersionSource.MANUAL].entries())
            await submissionCommands.addVersion(c(at(3 + k, i)), s, {
              report: reports[i]!,
              source,
              checked: check(i),
              previousYearVersionId: null,
            });
          await submissionCommands.step(c(at(5)), s, WorkflowAction.Submit, {
            change: async (x) => {
              x.submittedVersionId = x.currentVersionId;
              return { version: x.versionCount };
            },
          });
          const turn = await submissionCommands.addReturn(c(at(6)), s, {
            kind: ReturnKind.RETURN,
            reason: '请核对',
          });
          await writeReturnComments(
            manager,
            s,
            turn.id,
            null,
            [{ cell: 'a.b', body: ' 核对 ' }],
            at(6),
          );
          await submissionCommands.step(c(at(6)), s, WorkflowAction.Return, { reason: '请核对' });
          await submissionCommands.addVersion(c(at(7)), s, {
            report: reports[i]!,
            source: VersionSource.MANUAL,
            checked: check(i),
            previousYearVersionId: null,
          });
          const answered = await submissionCommands.answerReturn(c(at(8)), s, {
            reply: '已改',
            versionId: s.currentVersionId!,
          });
          await submissionCommands.step(c(at(8)), s, WorkflowAction.Submit, {
            change: async (x) => {
              x.submittedVersionId = x.currentVersionId;
              return { replied: answered !== null };
            },
          });
          if (i % 2 === 0) {
            await submissionCommands.step(c(at(9)), s, WorkflowAction.Approve);
            await submissionCommands.step(c(at(10)), s, WorkflowAction.Publish);
          }
        }
        // list forms, each kind of step for every organization at once
        const c = many.context;
        const subs = await submissionCommands.openAll(
          b.map((org) => ({
            context: c(at(2)),
            input: { roundId: round.id, organizationId: org.id },
          })),
        );
        await submissionCommands.addVersions(
          subs.flatMap((s, i) =>
            [VersionSource.UPLOAD, VersionSource.MANUAL].map((source, k) => ({
              context: c(at(3 + k, i)),
              submission: s,
              next: { report: reports[i]!, source, checked: check(i), previousYearVersionId: null },
            })),
          ),
        );
        await submissionCommands.steps(
          subs.map((s) => ({
            context: c(at(5)),
            submission: s,
            action: WorkflowAction.Submit,
            input: {
              change: async (x: SubmissionEntity) => {
                x.submittedVersionId = x.currentVersionId;
                return { version: x.versionCount };
              },
            },
          })),
        );
        const turns = await submissionCommands.addReturns(
          subs.map((s) => ({
            context: c(at(6)),
            submission: s,
            input: { kind: ReturnKind.RETURN, reason: '请核对' },
          })),
        );
        await writeReturnCommentsOfMany(
          manager,
          subs.map((s, i) => ({
            submission: s,
            returnId: turns[i]!.id,
            authorId: null,
            comments: [{ cell: 'a.b', body: ' 核对 ' }],
            at: at(6),
          })),
        );
        await submissionCommands.steps(
          subs.map((s) => ({
            context: c(at(6)),
            submission: s,
            action: WorkflowAction.Return,
            input: { reason: '请核对' },
          })),
        );
        await submissionCommands.addVersions(
          subs.map((s, i) => ({
            context: c(at(7)),
            submission: s,
            next: {
              report: reports[i]!,
              source: VersionSource.MANUAL,
              checked: check(i),
              previousYearVersionId: null,
            },
          })),
        );
        // a second answer for the same submission in one list finds no open return
        const answers = await submissionCommands.answerReturns(
          [...subs, subs[0]!].map((s) => ({
            context: c(at(8)),
            submission: s,
            input: { reply: '已改', versionId: s.currentVersionId! },
          })),
        );
        expect(answers.map((x) => x !== null)).toEqual([true, true, true, true, false]);
        await submissionCommands.steps(
          subs.map((s, i) => ({
            context: c(at(8)),
            submission: s,
            action: WorkflowAction.Submit,
            input: {
              change: async (x: SubmissionEntity) => {
                x.submittedVersionId = x.currentVersionId;
                return { replied: answers[i] !== null };
              },
            },
          })),
        );
        // a submission's approval and publication in one list, in order
        await submissionCommands.steps(
          subs
            .filter((_, i) => i % 2 === 0)
            .flatMap((s) => [
              { context: c(at(9)), submission: s, action: WorkflowAction.Approve },
              { context: c(at(10)), submission: s, action: WorkflowAction.Publish },
            ]),
        );
        const tables = [
          `SELECT organization_id, status, version_count, revision, return_count,
                first_submitted_at, last_submitted_at, approved_at, published_at, created_at,
                updated_at, (current_version_id IS NULL) AS no_current
           FROM submissions WHERE organization_id = ANY($1)`,
          `SELECT s.organization_id, v.number, v.source, v.error_count, v.warning_count, v.content_hash,
                v.created_at, (v.id = s.current_version_id) AS current,
                (v.id = s.submitted_version_id) AS submitted
           FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
          WHERE s.organization_id = ANY($1)`,
          `SELECT s.organization_id, r.kind, r.reason, r.reply, r.replied_at, r.created_at,
                rv.number AS returned, nv.number AS resubmitted
           FROM submission_returns r JOIN submissions s ON s.id = r.submission_id
           JOIN submission_versions rv ON rv.id = r.returned_version_id
           LEFT JOIN submission_versions nv ON nv.id = r.resubmitted_version_id
          WHERE s.organization_id = ANY($1)`,
          `SELECT s.organization_id, c.cell, c.body, c.created_at, v.number
           FROM review_comments c JOIN submissions s ON s.id = c.submission_id
           JOIN submission_versions v ON v.id = c.version_id
          WHERE s.organization_id = ANY($1)`,
        ];
        for (const sql of tables) {
          const single = await rowsOf(manager, sql, a);
          expect(single.length).toBeGreaterThan(0);
          expect(await rowsOf(manager, sql, b)).toEqual(single);
        }
        const strip = (e: AuditEventInput) => ({
          ...e,
          submissionId: e.submissionId ? 'id' : null,
        });
        expect(one.events.length).toBeGreaterThan(30);
        expect(canon(many.events.map(strip), b)).toEqual(canon(one.events.map(strip), a));
        // each list item's submission object carries the revision its row ended with
        const revisions = (await manager.query(
          `SELECT id, revision FROM submissions WHERE organization_id = ANY($1)`,
          [b.map((o) => o.id)],
        )) as { id: string; revision: number }[];
        expect(subs.map((s) => s.revision)).toEqual(
          subs.map((s) => revisions.find((r) => r.id === s.id)!.revision),
        );
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });

  it('writes the same roster rows and events as the single forms', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const { a, b } = await twins(manager, 'ROS', 3);
        const one = recorder(manager);
        const many = recorder(manager);
        const holdings = [
          {
            postKey: 'dedicatedStaff',
            holderName: ' 王  伟 ',
            fullTime: true,
            fromDate: '2023-02-01',
          },
          {
            postKey: 'liaison',
            holderName: '李娜',
            fullTime: false,
            fromDate: '2023-03-01',
            untilDate: '2024-01-31',
          },
        ];
        const training = { heldOn: '2024-05-06', topic: '培训  专题', hours: 2.25 };
        for (const org of a) {
          for (const h of holdings) await rosterWrites.assign(one.context(at(2)), org, h);
          await rosterWrites.declareVacancy(one.context(at(3)), org, {
            postKey: 'disclosureOffice',
            since: '2024-01-01',
          });
          await rosterWrites.declareVacancy(one.context(at(3, 11)), org, {
            postKey: 'disclosureOffice',
            since: '2024-02-01',
          });
          await rosterWrites.recordTraining(one.context(at(4)), org, training);
          await rosterWrites.setLeadingGroup(one.context(at(5)), org, {
            establishedOn: '2020-01-01',
          });
          await rosterWrites.setLeadingGroup(one.context(at(5, 11)), org, {
            establishedOn: '2020-01-02',
          });
          await rosterWrites.confirm(one.context(at(6)), org);
          await rosterWrites.confirm(one.context(at(7)), org);
        }
        const each = <T>(f: (org: OrganizationEntity) => T[]) => b.flatMap(f);
        await rosterWrites.assignAll(
          each((org) =>
            holdings.map((input) => ({ context: many.context(at(2)), organization: org, input })),
          ),
        );
        await rosterWrites.declareVacancies(
          each((org) => [
            {
              context: many.context(at(3)),
              organization: org,
              input: { postKey: 'disclosureOffice', since: '2024-01-01' },
            },
            {
              context: many.context(at(3, 11)),
              organization: org,
              input: { postKey: 'disclosureOffice', since: '2024-02-01' },
            },
          ]),
        );
        await rosterWrites.recordTrainings(
          each((org) => [{ context: many.context(at(4)), organization: org, input: training }]),
        );
        const groups = await rosterWrites.setLeadingGroups(
          each((org) => [
            {
              context: many.context(at(5)),
              organization: org,
              input: { establishedOn: '2020-01-01' },
            },
            {
              context: many.context(at(5, 11)),
              organization: org,
              input: { establishedOn: '2020-01-02' },
            },
          ]),
        );
        const confirmed = await rosterWrites.confirmAll(
          each((org) => [
            { context: many.context(at(6)), organization: org },
            { context: many.context(at(7)), organization: org },
          ]),
        );
        expect(confirmed.map((d) => d.toISOString())).toEqual(
          b.flatMap(() => [at(6).toISOString(), at(7).toISOString()]),
        );
        expect(groups.map((g) => g.revision)).toEqual(b.flatMap(() => [1, 1]));
        const tables = [
          `SELECT organization_id, post_key, holder_name, full_time, from_date, until_date, revision, created_at, updated_at
           FROM post_assignments WHERE organization_id = ANY($1)`,
          `SELECT organization_id, post_key, since, created_at FROM post_vacancies WHERE organization_id = ANY($1)`,
          `SELECT organization_id, held_on, topic, hours, created_at FROM staffing_trainings WHERE organization_id = ANY($1)`,
          `SELECT organization_id, leading_group_established_on, confirmed_at, revision, updated_at
           FROM staffing_profiles WHERE organization_id = ANY($1)`,
        ];
        for (const sql of tables) {
          const single = await rowsOf(manager, sql, a);
          expect(single.length).toBeGreaterThan(0);
          expect(await rowsOf(manager, sql, b)).toEqual(single);
        }
        expect(one.events).toHaveLength(a.length * 9);
        expect(canon(many.events, b)).toEqual(canon(one.events, a));
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });

  it('writes many audit events in one statement as it writes one', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const { a } = await twins(manager, 'AUD', 2);
        const events: AuditEventInput[] = a.map((org, i) => ({
          organizationId: org.id,
          action: 'test.event',
          fromStatus: 'DRAFT',
          reason: i === 0 ? 'why "quoted" \\ 原因' : null,
          data: { n: i, nested: { list: [1, 'two'] } },
          at: at(3 + i),
        }));
        await writeAuditEvents(manager, null, events);
        const listed = await manager.query(
          `SELECT organization_id, action, from_status, to_status, reason, data, created_at
           FROM audit_events WHERE action = 'test.event' ORDER BY created_at`,
        );
        for (const e of events)
          await writeAuditEvents(manager, null, [{ ...e, action: 'test.single' }]);
        const single = await manager.query(
          `SELECT organization_id, 'test.event' AS action, from_status, to_status, reason, data, created_at
           FROM audit_events WHERE action = 'test.single' ORDER BY created_at`,
        );
        expect(listed).toHaveLength(2);
        expect(listed).toEqual(single);
        expect(listed[0].data).toEqual({ n: 0, nested: { list: [1, 'two'] } });
        expect(listed[0].created_at.toISOString()).toBe(at(3).toISOString());
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });
});

class RollbackSignal extends Error {}
function ignoreRollback(error: unknown): void {
  if (!(error instanceof RollbackSignal)) throw error;
}
