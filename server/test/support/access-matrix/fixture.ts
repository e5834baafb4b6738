import { Role as UserRole } from '../../../src/common/permissions';
import { AuthService } from '../../../src/modules/auth/auth.service';
import { RoundStatus } from '../../../src/modules/rounds/round.entity';
import { RoundsService } from '../../../src/modules/rounds/rounds.service';
import type { TestApp } from '../../test-app';
import { buildWorld, gqlOk, makeReport, PASSWORD, saveDraft, start, type UserKey } from '../world';
import { type Fixture, type Target, TARGETS } from './model';

/**
 * The world the access matrix sweeps: a submitted report with two versions and a warning in
 * each target organization, a county round, an account nobody signs in with, a reviewer's
 * comment and a finished import batch with one file waiting for a choice per target.
 */
export async function buildMatrixFixture(app: TestApp): Promise<Fixture> {
  const w = await buildWorld(app);
  const rounds = app.app.get(RoundsService);
  const countyRound = {
    own: (
      await rounds.create(null, {
        year: 2023,
        scopeOrganizationId: w.org.countyA.id,
        status: RoundStatus.OPEN,
      })
    ).id,
    other: (
      await rounds.create(null, {
        year: 2023,
        scopeOrganizationId: w.org.countyB.id,
        status: RoundStatus.OPEN,
      })
    ).id,
  };
  const make = async (who: UserKey, orgId: string, name: string) => {
    const s = await start(w, who, orgId);
    const report = {
      ...makeReport(3, 2023, name),
      staffing: { leadingGroup: true, dedicatedStaff: 0, partTimeStaff: 1, trainings: 1 },
    };
    const up = await app
      .http()
      .post(`/api/submissions/${s.id}/upload`)
      .set('cookie', w.cookie[who])
      .field('expectedRevision', String(s.revision))
      .attach('file', Buffer.from(JSON.stringify(report)), 'report.json');
    if (up.status !== 201) throw new Error(JSON.stringify(up.body));
    const saved = await saveDraft(w, who, s.id, up.body.revision, {
      ...report,
      title: `${name}年报`,
    });
    await gqlOk(
      app,
      'mutation($i: SubmitInput!) { submitSubmission(input: $i) { id } }',
      { i: { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision } },
      w.cookie[who],
    );
    const d = await gqlOk<{
      submission: { versions: { id: string; findings: { key: string; severity: string }[] }[] };
    }>(
      app,
      'query($id: ID!) { submission(id: $id) { versions { id findings { key severity } } } }',
      { id: s.id },
      w.cookie[who],
    );
    return {
      id: s.id,
      v1: d.submission.versions[0]!.id,
      v2: d.submission.versions[1]!.id,
      file: up.body.fileId as string,
      warning: d.submission.versions[1]!.findings.find((x) => x.severity === 'warning')!.key,
    };
  };
  const accountAt = (organizationId: string, target: Target) =>
    app.app.get(AuthService).createUser({
      username: `matrix-account-${target}-${Date.now()}`,
      displayName: target,
      password: PASSWORD,
      role: UserRole.BUREAU,
      organizationId,
    });
  const f: Fixture = {
    app,
    q: (query, variables, cookie) => app.graphql<Record<string, unknown>>(query, variables, cookie),
    w,
    org: { own: w.org.deptA1.id, other: w.org.deptB1.id },
    county: { own: w.org.countyA.id, other: w.org.countyB.id },
    sub: {
      own: await make('bureauA1', w.org.deptA1.id, '甲县科学技术局'),
      other: await make('bureauB1', w.org.deptB1.id, '乙县科学技术局'),
    },
    countyRound,
    comment: { own: '', other: '' },
    imports: {} as Fixture['imports'],
    account: {
      own: (await accountAt(w.org.deptA1.id, 'own')).user.id,
      other: (await accountAt(w.org.deptB1.id, 'other')).user.id,
    },
    adminId: (
      await gqlOk<{ me: { user: { id: string } } }>(
        app,
        '{ me { user { id } } }',
        {},
        w.cookie.admin,
      )
    ).me.user.id,
  };
  for (const t of TARGETS) {
    const batch: { id: string }[] = await app.dataSource.query(
      `INSERT INTO import_batches (scope_organization_id, year, status, created_by_id, total, finished_at)
       VALUES ($1, 2023, 'DONE', $2, 1, now()) RETURNING id`,
      [f.county[t], f.adminId],
    );
    const item: { id: string }[] = await app.dataSource.query(
      `INSERT INTO import_batch_items (batch_id, position, file_name, status, reason_key, candidates)
       VALUES ($1, 0, '科技局.txt', 'NEEDS_CHOICE', 'import.ambiguousBody', '[]') RETURNING id`,
      [batch[0]!.id],
    );
    f.imports[t] = { batch: batch[0]!.id, item: item[0]!.id };
  }
  for (const t of TARGETS) {
    const rows: { id: string }[] = await app.dataSource.query(
      `INSERT INTO review_comments (submission_id, version_id, cell, body)
       VALUES ($1, $2, 'sections.problems', '请补充') RETURNING id`,
      [f.sub[t].id, f.sub[t].v2],
    );
    f.comment[t] = rows[0]!.id;
  }
  return f;
}
