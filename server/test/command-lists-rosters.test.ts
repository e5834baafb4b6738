import { type AuditEventInput, writeAuditEvents } from '../src/modules/audit';
import type { OrganizationRow } from '../src/modules/organizations';
import { rosterWrites } from '../src/modules/staffing';
import {
  at,
  canon,
  ignoreRollback,
  recorder,
  RollbackSignal,
  rowsOf,
  twins,
} from './support/command-lists';
import { createTestApp, type TestApp } from './test-app';

/**
 * The roster commands' list forms against their single forms (as for the submission commands),
 * and the audit writer's many events against one at a time.
 */
describe('roster command lists and the audit writer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  }, 60_000);
  afterAll(() => app.close());

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
        const each = <T>(f: (org: OrganizationRow) => T[]) => b.flatMap(f);
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
