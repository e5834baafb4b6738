import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
  type World,
} from './support/world';

/**
 * A version's report, read with the version (`currentVersion { report }`), travels as the text
 * PostgreSQL holds; read from a list of versions, it is parsed and written out again. Both must
 * give the client the report exactly as stored, in every place of the answer.
 */
describe('reports in answers', () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('gives the stored report through every field that reads it, inside the whole answer', async () => {
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3);
    const draft = await start(w, 'bureauA2', w.org.deptA2.id);
    const report = makeReport(5, 2023, '甲县教育局「引号」\\反斜杠');
    const saved = await saveDraft(w, 'bureauA2', draft.id, draft.revision, report);
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));

    const stored = async (versionId: string) =>
      (
        await app.dataSource.query('SELECT report FROM submission_versions WHERE id = $1', [
          versionId,
        ])
      )[0].report as unknown;
    type Read = {
      submission: {
        id: string;
        currentVersion: { id: string; report: unknown; errorCount: number };
        submittedVersion: { id: string; report: unknown } | null;
        versions: { id: string; report: unknown }[];
      };
    };
    const query = `query($id: ID!) { submission(id: $id) {
      id
      currentVersion { id report errorCount }
      submittedVersion { id report }
      versions { id report }
    } }`;
    for (const id of [s.id, draft.id]) {
      const { submission } = await gqlOk<Read>(app, query, { id }, w.cookie.reviewer);
      expect(submission.id).toBe(id);
      const current = await stored(submission.currentVersion.id);
      expect(current).toBeTruthy();
      expect(submission.currentVersion.report).toEqual(current);
      expect(typeof submission.currentVersion.errorCount).toBe('number');
      if (submission.submittedVersion)
        expect(submission.submittedVersion.report).toEqual(
          await stored(submission.submittedVersion.id),
        );
      expect(submission.versions.length).toBeGreaterThan(0);
      for (const v of submission.versions) expect(v.report).toEqual(await stored(v.id));
    }
    // the draft's report is the one saved (names with quotes and backslashes survive as text)
    const { submission } = await gqlOk<Read>(app, query, { id: draft.id }, w.cookie.bureauA2);
    expect(
      (submission.currentVersion.report as { organization: { name: string } }).organization.name,
    ).toBe('甲县教育局「引号」\\反斜杠');
  });
});
