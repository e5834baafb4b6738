import { HandoutStore } from '../../../src/modules/auth/handout.store';
import { makeReport } from '../world';
import { type Case, has, importsIn, sees, signedIn } from './model';

/** REST routes, same rules. */
export const REST_CASES: Case[] = [
  {
    name: 'POST /api/import-batches',
    mutation: true,
    allowed: importsIn,
    run: async (f, c, t) => {
      // an allowed caller gets past the access checks to the refusal of the file type
      const req = f.app
        .http()
        .post('/api/import-batches')
        .field('scopeOrganizationId', f.county[t])
        .field('year', '2023')
        .attach('files', Buffer.from('MZ'), 'tool.exe');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/files/:id',
    allowed: sees,
    run: async (f, c, t) => {
      const req = f.app.http().get(`/api/files/${f.sub[t].file}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: res.text.includes('annual-report'),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/submissions/:id/upload',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) => {
      const req = f.app
        .http()
        .post(`/api/submissions/${f.sub[t].id}/upload`)
        .field('expectedRevision', '-1')
        .attach('file', Buffer.from(JSON.stringify(makeReport(2, 2023, 'x'))), 'report.json');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'POST /api/organizations/directory',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c) => {
      const req = f.app
        .http()
        .post('/api/organizations/directory?dryRun=true')
        .attach('file', Buffer.from('code,name,level\nX1,某局,DEPARTMENT\n'), 'roster.csv');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/organizations/directory/template.xlsx',
    allowed: (r) => r === 'admin',
    run: async (f, c) => {
      const req = f.app.http().get('/api/organizations/directory/template.xlsx');
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : { status: 'denied', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/organizations/export.xlsx',
    allowed: signedIn,
    run: async (f, c, t) => {
      const req = f.app.http().get(`/api/organizations/export.xlsx?rootId=${f.county[t]}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  ...(['xlsx', 'csv'] as const).map((ext): Case => ({
    name: `POST /api/exports/ranking.${ext}`,
    mutation: true,
    allowed: (r) => r === 'supervisor' || r === 'admin',
    run: async (f, c, t) => {
      const req = f.app
        .http()
        .post(`/api/exports/ranking.${ext}`)
        .send({ roundId: f.countyRound[t], regionId: f.county[t] });
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml|text\/csv/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  })),
  {
    name: 'POST /api/exports/report/:submissionId.xlsx',
    mutation: true,
    allowed: sees,
    run: async (f, c, t) => {
      const req = f.app.http().post(`/api/exports/report/${f.sub[t].id}.xlsx`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/exports/rollup.xlsx',
    mutation: true,
    allowed: (r, t) => has(r, ['reviewerA', 'reviewer', 'supervisor', 'admin']) && sees(r, t),
    run: async (f, c, t) => {
      const req = f.app
        .http()
        .post('/api/exports/rollup.xlsx')
        .send({ roundId: f.w.round2023.id, nodeId: f.county[t] });
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'GET /api/templates/:template.xlsx?submissionId',
    allowed: sees,
    run: async (f, c, t) => {
      const req = f.app.http().get(`/api/templates/2021.xlsx?submissionId=${f.sub[t].id}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/accounts/handout/:id',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c) => {
      const sheet = await f.app.dataSource.transaction((manager) =>
        f.app.app.get(HandoutStore).put(manager, f.adminId, 'sheet.xlsx', Buffer.from('PK-sheet')),
      );
      const req = f.app.http().post(`/api/accounts/handout/${sheet.id}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : { status: 'denied', leaked: res.text.includes('PK-sheet'), code: String(res.status) };
    },
  },
];
