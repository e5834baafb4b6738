import { createTestApp, type TestApp } from './test-app';
import { buildWorld, gqlOk, submitted, type World } from './support/world';

describe('smoke', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  });
  afterAll(() => app.close());

  it('submits a report', async () => {
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局');
    expect(s.status).toBe('SUBMITTED');
    const data = await gqlOk<{ submission: { currentVersion: { findings: { rule: string }[] } } }>(
      app,
      `query($id: ID!) { submission(id: $id) { currentVersion { findings { rule severity } } } }`,
      { id: s.id },
      w.cookie.reviewer,
    );
    expect(Array.isArray(data.submission.currentVersion.findings)).toBe(true);
  });
});
