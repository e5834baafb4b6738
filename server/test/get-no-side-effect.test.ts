import { chmod, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, gqlOk, makeReport, start, type World } from './support/world';

/**
 * A GET must only read: a link or an image on another site makes a signed-in user's browser send
 * one with their cookie (SameSite=Lax cookies go along on top-level navigation), so a GET that
 * wrote anything — an export-log entry, an audit event, a file, a counter — would act in their
 * name. This walks every GET route registered under `/api/` (read from the Express router, so a
 * new route is covered without touching this file), calls it as an admin with valid parameters,
 * and compares every table of the schema and every file of the data folder before and after.
 */

type RegisteredRoute = { path: string; methods: string[] };

/** The routes of the Express application (Nest registers controllers' routes on it). */
function expressRoutes(app: TestApp): RegisteredRoute[] {
  const instance = app.app.getHttpAdapter().getInstance() as {
    router?: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    _router?: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  return stack
    .filter((layer) => layer.route !== undefined)
    .map((layer) => ({
      path: layer.route!.path,
      methods: Object.keys(layer.route!.methods).filter((m) => layer.route!.methods[m]),
    }));
}

/** Row count and md5 of every table of the application's schema. */
async function everyTable(app: TestApp): Promise<Record<string, string>> {
  const tables: { name: string }[] = await app.dataSource.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = (await app.dataSource.query(
      `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`,
    )) as { n: string; digest: string | null }[];
    out[name] = `${row!.n}:${row!.digest ?? ''}`;
  }
  return out;
}

/** Every file under a folder with its size and modification time. */
async function everyFile(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const s = await stat(path);
    out.push(`${path.slice(dir.length)} ${s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

describe('GET routes under /api/ only read', () => {
  let app: TestApp;
  let w: World;
  let dataDir: string;
  let submissionId: string;
  let fileId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-get-'));
    await chmod(dataDir, 0o755);
    app = await createTestApp({ env: { GONGKAI_DATA_DIR: dataDir } });
    w = await buildWorld(app);
    // Something to read: an uploaded, submitted report in the open round.
    const s = await start(w, 'bureauA1', w.org.deptA1.id);
    const up = await app
      .http()
      .post(`/api/submissions/${s.id}/upload`)
      .set('cookie', w.cookie.bureauA1)
      .field('expectedRevision', String(s.revision))
      .attach('file', Buffer.from(JSON.stringify(makeReport(5, 2023, '甲县科学技术局'))), 'r.json');
    if (up.status !== 201) throw new Error(JSON.stringify(up.body));
    await gqlOk(
      app,
      'mutation($i: SubmitInput!) { submitSubmission(input: $i) { id } }',
      { i: { submissionId: s.id, expectedRevision: up.body.revision } },
      w.cookie.bureauA1,
    );
    submissionId = s.id;
    fileId = up.body.fileId as string;
  });
  afterAll(() => app.close());

  /** Values for the path parameters the routes use; a route with another one fails below. */
  const pathValue = (name: string): string | undefined =>
    ({ id: fileId, submissionId, template: '2021' })[name];

  /**
   * Query strings tried on every route: none, every scope a route may ask for, a statistics year.
   * Each route must answer 200 to at least one of them, so the walk reaches its work.
   */
  const queries = (): Record<string, string>[] => [
    {},
    {
      roundId: w.round2023.id,
      regionId: w.org.city.id,
      nodeId: w.org.city.id,
      rootId: w.org.city.id,
      organizationId: w.org.deptA1.id,
      submissionId,
    },
    { year: '2023' },
  ];

  it('finds the GET routes under /api/', () => {
    const gets = expressRoutes(app).filter(
      (r) => r.methods.includes('get') && r.path.startsWith('/api/'),
    );
    // the walk reads the real router: downloads that are known to be GETs must be in it
    expect(gets.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/files/:id', '/api/organizations/export.xlsx']),
    );
  });

  it('watches the folder the uploads are stored in', async () => {
    expect((await everyFile(dataDir)).some((f) => f.includes(fileId))).toBe(true);
  });

  it('changes no table and no file on any of them, called as an admin', async () => {
    const gets = expressRoutes(app).filter(
      (r) => r.methods.includes('get') && r.path.startsWith('/api/'),
    );
    const failures: string[] = [];
    let calls = 0;
    for (const route of gets) {
      const missing: string[] = [];
      const path = route.path.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => {
        const value = pathValue(name);
        if (value === undefined) missing.push(name);
        return encodeURIComponent(value ?? '');
      });
      if (missing.length > 0) {
        failures.push(`${route.path}: give a value for :${missing.join(', :')} in pathValue`);
        continue;
      }
      let answered = false;
      for (const query of queries()) {
        const url = `${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
        const call = `GET ${route.path}${Object.keys(query).length ? ` ?${Object.keys(query).join('&')}` : ''}`;
        const tables = await everyTable(app);
        const files = await everyFile(dataDir);
        const res = await app
          .http()
          .get(url)
          .set('cookie', w.cookie.admin)
          .buffer(true)
          .parse((response, done) => {
            response.on('data', () => undefined);
            response.on('end', () => done(null, null));
          });
        calls++;
        if (res.status === 200) answered = true;
        else if (res.status >= 500) failures.push(`${call}: ${res.status}`);
        const tablesAfter = await everyTable(app);
        const changed = Object.keys({ ...tables, ...tablesAfter }).filter(
          (t) => tables[t] !== tablesAfter[t],
        );
        if (changed.length > 0) failures.push(`${call} wrote ${changed.join(', ')}`);
        const filesAfter = await everyFile(dataDir);
        if (filesAfter.join('\n') !== files.join('\n'))
          failures.push(`${call} changed files in the data folder`);
      }
      if (!answered) failures.push(`${route.path}: no call answered 200; give it valid parameters`);
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(3 * 4);
  });
});
