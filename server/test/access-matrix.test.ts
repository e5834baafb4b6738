import { GraphQLSchemaHost } from '@nestjs/graphql';
import { PUBLIC } from '../src/common/permission.decorator';
import { type Permission, ROLE_PERMISSIONS } from '../src/common/permissions';
import { createTestApp, type TestApp } from './test-app';
import { codeOf, databaseDigest, gqlOk } from './support/world';
import { READ_AND_ACCOUNT_CASES } from './support/access-matrix/cases-reads-and-accounts';
import { REST_CASES } from './support/access-matrix/cases-rest';
import { WRITE_CASES } from './support/access-matrix/cases-writes';
import { buildMatrixFixture } from './support/access-matrix/fixture';
import { type Fixture, ROLE_OF, ROLES, type Target, USER } from './support/access-matrix/model';
import {
  COLLECTION_RESOLVERS,
  operationFor,
  operationsByResolver,
} from './support/access-matrix/schema-probe';

/**
 * Every query and mutation × every role × own/other organization, as described in
 * `support/access-matrix/model.ts`; the cases live beside it, one table per area.
 */
const CASES = [...READ_AND_ACCOUNT_CASES, ...WRITE_CASES];
const REST = REST_CASES;

describe('access matrix', () => {
  let app: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    app = await createTestApp();
    f = await buildMatrixFixture(app);
  });
  afterAll(() => app.close());

  it('covers every query and mutation of the collection and review modules in detail', () => {
    const owned = operationsByResolver(app)
      .filter((o) => COLLECTION_RESOLVERS.has(o.resolver))
      .map((o) => o.name)
      .sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(owned);
  });

  it('denies, for every operation of the schema, anonymous callers and roles without the declared permission', async () => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const declared = new Map(operationsByResolver(app).map((o) => [o.name, o.permission]));
    const failures: string[] = [];
    let checked = 0;
    for (const [kind, type] of [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const) {
      for (const field of Object.values(type.getFields())) {
        const permission = declared.get(field.name);
        if (permission === undefined) {
          failures.push(`${field.name}: no declared permission`);
          continue;
        }
        if (field.name === 'signOut') continue; // public, and it would end the sessions the sweep uses
        const { document, variables } = operationFor(kind, field);
        for (const role of ROLES) {
          checked++;
          const cookie = role === 'anonymous' ? undefined : f.w.cookie[USER[role]];
          const res = await app.graphql(document, variables, cookie);
          const code = codeOf(res);
          const expected =
            permission === PUBLIC
              ? null
              : role === 'anonymous'
                ? 'UNAUTHENTICATED'
                : ROLE_PERMISSIONS[ROLE_OF[role]].has(permission as Permission)
                  ? null
                  : 'FORBIDDEN';
          if (expected && code !== expected)
            failures.push(`${field.name} × ${role}: expected ${expected}, got ${code}`);
          if (
            !expected &&
            (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') &&
            permission !== PUBLIC
          )
            if (!(
              code === 'FORBIDDEN' &&
              res.errors?.[0]?.message &&
              !/role may not/.test(res.errors[0].message)
            ))
              failures.push(
                `${field.name} × ${role}: the role holds ${permission} but got ${code}`,
              );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
    // one request per operation and role: allow for a machine busy with other test workers
  }, 120_000);

  it('allows and denies exactly as expected, with zero leaks and no writes on denial', async () => {
    const failures: string[] = [];
    let i = 0;
    for (const c of [...CASES, ...REST]) {
      for (const role of ROLES) {
        for (const target of ['own', 'other'] as Target[]) {
          i++;
          const cookie = role === 'anonymous' ? undefined : f.w.cookie[USER[role]];
          const expected = c.allowed(role, target) ? 'allowed' : 'denied';
          const before = c.mutation && expected === 'denied' ? await databaseDigest(app) : null;
          const got = await c.run(f, cookie, target, i);
          if (got.status !== expected)
            failures.push(
              `${c.name} × ${role} × ${target}: expected ${expected}, got ${got.status} (${got.code})`,
            );
          if (got.leaked)
            failures.push(`${c.name} × ${role} × ${target}: data returned with a denial`);
          if (before) {
            const after = await databaseDigest(app);
            const changed = Object.keys(before).filter(
              (k) => k !== 'sessions' && before[k] !== after[k],
            );
            if (changed.length)
              failures.push(
                `${c.name} × ${role} × ${target}: denied but wrote ${changed.join(', ')}`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(i).toBeGreaterThan(300);
    // a sweep of several hundred requests: allow for a machine busy with other test workers
  }, 120_000);

  it('does not reveal other bureaus’ objects to id guessing', async () => {
    const bureau = f.w.cookie.bureauA1;
    const other = f.sub.other;
    for (const [query, vars] of [
      ['query($id: ID!) { submission(id: $id) { id } }', { id: other.id }],
      ['query($id: ID!) { submissionVersion(id: $id) { id } }', { id: other.v1 }],
      ['query($id: ID!) { submissionVersion(id: $id) { id } }', { id: other.file }],
      [
        'query($id: ID!) { submission(id: $id) { id } }',
        { id: '00000000-0000-4000-8000-000000000000' },
      ],
      ['query($id: ID!) { submission(id: $id) { id } }', { id: 'not-a-uuid' }],
    ] as const) {
      const res = await app.graphql(query, vars, bureau);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.data ?? null).toBeNull();
    }
    const events = await gqlOk<{
      auditEvents: { edges: { node: { submissionId: string | null; organizationId: string } }[] };
    }>(
      app,
      '{ auditEvents(first: 100) { edges { node { submissionId organizationId } } } }',
      {},
      bureau,
    );
    expect(events.auditEvents.edges.every((e) => e.node.organizationId === f.org.own)).toBe(true);
    const file = await app.http().get(`/api/files/${other.file}`).set('cookie', bureau);
    expect(file.status).toBe(404);
  });
});
