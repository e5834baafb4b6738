import { createRng, generateConsistentReport } from '@gongkai/report-model/testing';
import type { AuditEventInput } from '../src/modules/audit';
import { writeReturnComments, writeReturnCommentsOfMany } from '../src/modules/review';
import {
  checkVersion,
  ReturnKind,
  RoundPeerCorpus,
  submissionCommands,
  type SubmissionRow,
  VersionSource,
  WorkflowAction,
} from '../src/modules/submissions';
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
 * The submission commands' list forms against their single forms: the same input written once
 * item by item through the single forms (twin A of each organization) and once through the list
 * forms (twin B) gives the same rows and the same audit events, ids aside.
 */
describe('submission command lists', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  }, 60_000);
  afterAll(() => app.close());

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
              change: async (x: SubmissionRow) => {
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
              change: async (x: SubmissionRow) => {
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
});
