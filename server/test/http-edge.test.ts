import { readdir } from 'node:fs/promises';
import { ReportUploadService } from '../src/modules/submissions/report-upload.service';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, databaseDigest, makeReport, start, type World } from './support/world';

const FOREIGN = 'https://evil.example';
const PUBLIC_ORIGIN = 'https://gongkai.example.gov.cn';
const PRODUCTION_SECRET = 'a-production-secret-of-more-than-32-characters';

async function uploadedFiles(app: TestApp): Promise<string[]> {
  return readdir(app.app.get(ReportUploadService).uploadsDir()).catch(() => []);
}

describe('HTTP edge', () => {
  let app: TestApp;
  let w: World;
  let sub: { id: string; revision: number };

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    sub = await start(w, 'bureauA1', w.org.deptA1.id);
  });
  afterAll(() => app.close());

  const report = () => Buffer.from(JSON.stringify(makeReport(2, 2023, '甲县科学技术局')));
  const upload = (revision = sub.revision) =>
    app
      .http()
      .post(`/api/submissions/${sub.id}/upload`)
      .set('cookie', w.cookie.bureauA1)
      .field('expectedRevision', String(revision))
      .attach('file', report(), 'report.json');

  /** Runs `work`, expecting that it changed nothing in the database and stored no file. */
  async function unchanged<T>(work: () => Promise<T>): Promise<T> {
    const before = await databaseDigest(app);
    const files = await uploadedFiles(app);
    const result = await work();
    expect(await databaseDigest(app)).toEqual(before);
    expect(await uploadedFiles(app)).toEqual(files);
    return result;
  }

  describe('security headers', () => {
    it('sends a strict CSP, nosniff, a referrer policy and no framing on pages and API answers', async () => {
      for (const path of ['/', '/signin', '/health']) {
        const res = await app.http().get(path);
        const csp = res.headers['content-security-policy'] as string;
        const directives = new Map(
          csp.split(';').map((d) => {
            const [name, ...values] = d.trim().split(/\s+/);
            return [name, values] as const;
          }),
        );
        expect(directives.get('default-src')).toEqual(["'self'"]);
        expect(directives.get('script-src')).toEqual(["'self'"]);
        expect(directives.get('script-src-attr')).toEqual(["'none'"]);
        expect(directives.get('style-src')).toEqual(["'self'"]);
        expect(directives.get('object-src')).toEqual(["'none'"]);
        expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp).not.toMatch(/unsafe-eval/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('sends no HSTS over plain HTTP, and believes X-Forwarded-Proto only from a trusted proxy', async () => {
      expect((await app.http().get('/health')).headers['strict-transport-security']).toBe(
        undefined,
      );
      const spoofed = await app.http().get('/health').set('x-forwarded-proto', 'https');
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('cross-site REST writes', () => {
    it('refuses an upload from a foreign origin with the bureau’s cookie, and stores nothing', async () => {
      const res = await unchanged(() => upload().set('origin', FOREIGN));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'csrf.foreignOrigin',
        params: { origin: FOREIGN },
      });
    });

    it('refuses a cookie write that names no origin, or the opaque origin "null"', async () => {
      const missing = await unchanged(() => upload().unset('origin'));
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ code: 'FORBIDDEN', reason: 'csrf.originMissing' });
      const opaque = await unchanged(() => upload().set('origin', 'null'));
      expect(opaque.status).toBe(403);
      expect(opaque.body.reason).toBe('csrf.originMissing');
      const foreignReferer = await unchanged(() =>
        upload().unset('origin').set('referer', `${FOREIGN}/form.html`),
      );
      expect(foreignReferer.status).toBe(403);
      expect(foreignReferer.body.reason).toBe('csrf.foreignOrigin');
    });

    it('refuses a roster import from a foreign origin with the admin’s cookie, and changes nothing', async () => {
      const csv = `code,name,level,parent_code\n${w.org.city.code}-x,外站局,DEPARTMENT,${w.org.city.code}\n`;
      const res = await unchanged(() =>
        app
          .http()
          .post('/api/organizations/directory')
          .set('cookie', w.cookie.admin)
          .set('origin', FOREIGN)
          .attach('file', Buffer.from(csv), 'roster.csv'),
      );
      expect(res.status).toBe(403);
      expect(res.body.reason).toBe('csrf.foreignOrigin');
      const same = await app
        .http()
        .post('/api/organizations/directory')
        .set('cookie', w.cookie.admin)
        .attach('file', Buffer.from(csv), 'roster.csv');
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ applied: true, created: 1 });
    });

    it('accepts the same origin, or a same-origin Referer when Origin is absent', async () => {
      const same = await upload();
      expect(same.status).toBe(201);
      const revision = (
        (await app.dataSource.query('SELECT revision FROM submissions WHERE id = $1', [
          sub.id,
        ])) as { revision: number }[]
      )[0]!.revision;
      const byReferer = await upload(revision)
        .unset('origin')
        .set('referer', `${app.origin}/submissions/${sub.id}`);
      expect(byReferer.status).toBe(201);
    });

    it('leaves requests without the session cookie to the guard (401), whatever their origin', async () => {
      const res = await app
        .http()
        .post(`/api/submissions/${sub.id}/upload`)
        .set('origin', FOREIGN)
        .field('expectedRevision', '1')
        .attach('file', report(), 'report.json');
      expect(res.status).toBe(401);
    });

    it('exports staffing only by POST from the same origin; a GET or a foreign page logs nothing', async () => {
      const exportLogs = async () =>
        (
          (await app.dataSource.query('SELECT count(*)::int AS n FROM export_logs')) as {
            n: number;
          }[]
        )[0]!.n;
      const before = await exportLogs();
      const body = { roundId: w.round2023.id, nodeId: w.org.city.id, includeNames: true };
      const viaGet = await app
        .http()
        .get(
          `/api/staffing/export.csv?roundId=${body.roundId}&nodeId=${body.nodeId}&includeNames=true`,
        )
        .set('cookie', w.cookie.supervisor);
      expect(viaGet.status).toBe(404);
      const foreign = await app
        .http()
        .post('/api/staffing/export.csv')
        .set('cookie', w.cookie.supervisor)
        .set('origin', FOREIGN)
        .send(body);
      expect(foreign.status).toBe(403);
      expect(await exportLogs()).toBe(before);
      const same = await app
        .http()
        .post('/api/staffing/export.csv')
        .set('cookie', w.cookie.supervisor)
        .send(body);
      expect(same.status).toBe(200);
      expect(same.headers['content-type']).toMatch(/^text\/csv/);
      expect(await exportLogs()).toBe(before + 1);
      const badFlag = await app
        .http()
        .post('/api/staffing/export.csv')
        .set('cookie', w.cookie.supervisor)
        .send({ ...body, includeNames: 'yes' });
      expect(badFlag.status).toBe(400);
      expect(badFlag.body.field).toBe('includeNames');
    });

    it('exports ranking sheets and report workbooks only by POST from the same origin; a link logs nothing', async () => {
      const exportLogs = async () =>
        (
          (await app.dataSource.query('SELECT count(*)::int AS n FROM export_logs')) as {
            n: number;
          }[]
        )[0]!.n;
      const before = await exportLogs();
      const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
      for (const ext of ['xlsx', 'csv']) {
        const viaLink = await app
          .http()
          .get(`/api/exports/ranking.${ext}?roundId=${scope.roundId}&regionId=${scope.regionId}`)
          .set('cookie', w.cookie.supervisor);
        expect(viaLink.status).toBe(404);
        const foreign = await app
          .http()
          .post(`/api/exports/ranking.${ext}`)
          .set('cookie', w.cookie.supervisor)
          .set('origin', FOREIGN)
          .send(scope);
        expect(foreign.status).toBe(403);
        expect(foreign.body.reason).toBe('csrf.foreignOrigin');
      }
      const reportViaLink = await app
        .http()
        .get(`/api/exports/report/${sub.id}.xlsx`)
        .set('cookie', w.cookie.bureauA1);
      expect(reportViaLink.status).toBe(404);
      const reportForeign = await app
        .http()
        .post(`/api/exports/report/${sub.id}.xlsx`)
        .set('cookie', w.cookie.bureauA1)
        .set('origin', FOREIGN);
      expect(reportForeign.status).toBe(403);
      expect(await exportLogs()).toBe(before);
      const same = await app
        .http()
        .post('/api/exports/ranking.csv')
        .set('cookie', w.cookie.supervisor)
        .send(scope);
      expect(same.status).toBe(200);
      expect(same.headers['content-type']).toMatch(/^text\/csv/);
      // a streamed sheet is logged once its last byte is out, just after the response ends
      for (let i = 0; i < 50 && (await exportLogs()) === before; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await exportLogs()).toBe(before + 1);
    });
  });

  describe('GraphQL schema exposure in development', () => {
    it('keeps introspection for anonymous callers and suggests field names', async () => {
      const schema = await app.graphql<{ __schema: { queryType: { name: string } } }>(
        '{ __schema { queryType { name } } }',
      );
      expect(schema.data?.__schema.queryType.name).toBe('Query');
      const typo = await app.graphql('{ organisations { totalCount } }', {}, w.cookie.admin);
      expect(typo.errors?.[0]?.message).toMatch(/Did you mean/);
    });
  });
});

describe('HTTP edge in production behind a TLS proxy', () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp({
      env: {
        NODE_ENV: 'production',
        GONGKAI_SECRET: PRODUCTION_SECRET,
        GONGKAI_TRUST_PROXY: 'loopback',
        GONGKAI_ALLOWED_ORIGINS: PUBLIC_ORIGIN,
      },
    });
    w = await buildWorld(app);
  });
  afterAll(() => app.close());

  it('sends HSTS only for requests the proxy says came over TLS', async () => {
    const tls = await app.http().get('/health').set('x-forwarded-proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await app.http().get('/health').set('x-forwarded-proto', 'http');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('takes the public origin from the proxy’s forwarded headers or the configured list', async () => {
    const roster = (origin: string, forwarded?: { proto: string; host: string }) => {
      const req = app
        .http()
        .post('/api/organizations/directory?dryRun=true')
        .set('cookie', w.cookie.admin)
        .set('origin', origin)
        .attach('file', Buffer.from('code,name,level\nX1,某局,DEPARTMENT\n'), 'roster.csv');
      return forwarded
        ? req.set('x-forwarded-proto', forwarded.proto).set('x-forwarded-host', forwarded.host)
        : req;
    };
    expect((await roster(PUBLIC_ORIGIN)).status).toBe(200);
    expect(
      (await roster('https://proxy.example', { proto: 'https', host: 'proxy.example' })).status,
    ).toBe(200);
    expect(
      (await roster('http://proxy.example', { proto: 'https', host: 'proxy.example' })).status,
    ).toBe(403);
    expect((await roster(FOREIGN)).status).toBe(403);
  });

  it('refuses introspection to anonymous callers, before anything runs', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Query") { fields { name } } }',
      'query { ...q } fragment q on Query { __schema { queryType { name } } }',
    ]) {
      const res = await app.http().post('/graphql').set('content-type', 'application/json').send({
        query,
      });
      expect(res.status).toBe(401);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'graphql.introspectionNeedsSignIn',
      });
    }
    const typename = await app.graphql<{ __typename: string }>('{ __typename }');
    expect(typename.data?.__typename).toBe('Query');
  });

  it('answers introspection to a signed-in user', async () => {
    const res = await app.graphql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
      {},
      w.cookie.bureauA1,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema.queryType.name).toBe('Query');
  });

  it('suggests no field names in errors, to anyone', async () => {
    for (const cookie of [undefined, w.cookie.admin]) {
      const res = await app.graphql('{ organisations { totalCount } }', {}, cookie);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/organisations/);
      expect(res.errors?.[0]?.message).not.toMatch(/Did you mean|organizations/);
    }
  });
});
