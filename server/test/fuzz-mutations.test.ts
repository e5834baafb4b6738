import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  clone,
  makeReport,
  signIn,
  submitted,
  type UserKey,
  type World,
} from './support/world';

/**
 * Property: every mutation, sent arbitrary input values built from its input type in the schema
 * (mostly well-typed, sometimes not; ids of real and unknown rows; text with NUL, long runs,
 * any code point; numbers at the extremes; reports with a cell replaced by any JSON), as an admin
 * and as a bureau, answers data or an error with a known code — never INTERNAL_SERVER_ERROR,
 * never HTTP 500. The seed is fixed (FUZZ_SEED to change it) and printed on failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  // password changes are throttled per account and address like sign-in
  'TOO_MANY_REQUESTS',
]);
/** Sign-in is not fuzzed here: every attempt costs an argon2 hash, and throttling is its own test. */
const SKIPPED = new Set(['signIn']);
/** Cases per role: 2,000 mutations in all (about 20 s on two cores). */
const ADMIN_CASES = 1_100;
const BUREAU_CASES = 900;
/**
 * Mutations that may end the fuzzer's own session: it signs in again after each, so that the
 * cases after them reach the resolvers instead of stopping at UNAUTHENTICATED.
 */
const SESSION_ENDING = new Set(['signOut', 'changeOwnPassword']);

type Pools = { ids: string[]; strings: string[]; reports: unknown[] };

function scalar(name: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...pools.ids) },
        { weight: 2, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('', '0', '-1', 'null', '00000000-0000-0000-0000-000000000000'),
        },
      );
    case 'String':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...pools.strings) },
        { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 30_000 }).map((n) => '长'.repeat(n)) },
      );
    case 'Int':
      return fc.oneof(
        fc.integer({ min: -3, max: 5 }),
        fc.integer({ min: 1990, max: 2101 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1.5),
      );
    case 'Float':
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 5e-324, 0.1),
      );
    case 'Boolean':
      return fc.boolean();
    case 'JSON':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...pools.reports) },
        {
          weight: 5,
          arbitrary: fc
            .tuple(fc.constantFrom(...pools.reports), fc.nat(), fc.jsonValue({ maxDepth: 2 }))
            .map(([report, at, value]) => replaceLeaf(report, at, value)),
        },
        { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      );
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** A copy of `value` with its `at`-th leaf (mod the leaf count) replaced. */
function replaceLeaf(value: unknown, at: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const leaves: { parent: Record<string, unknown>; key: string }[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') walk(child);
      else leaves.push({ parent: node as Record<string, unknown>, key });
    }
  };
  walk(copy);
  const leaf = leaves[at % Math.max(leaves.length, 1)];
  if (leaf) leaf.parent[leaf.key] = replacement;
  return copy;
}

/** Values for an input type: well-typed most of the time, anything JSON now and then. */
function valueOf(type: GraphQLInputType, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 1 }));
  const typed = typedValueOf(type, pools, depth);
  return fc.oneof({ weight: 19, arbitrary: typed }, { weight: 1, arbitrary: wrong });
}

function typedValueOf(type: GraphQLInputType, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedValueOf(type.ofType, pools, depth);
  if (isListType(type))
    return fc.array(valueOf(type.ofType, pools, depth + 1), { maxLength: depth > 2 ? 0 : 4 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isScalarType(type)) return scalar(type.name, pools);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) record[field.name] = valueOf(field.type, pools, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(record, { requiredKeys: required });
  }
  return fc.constant(null);
}

/** The scalar fields of a mutation's result (one level), or nothing for a scalar result. */
function selectionOf(schema: GraphQLSchema, mutation: string): string {
  const field = schema.getMutationType()!.getFields()[mutation]!;
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  const scalars = Object.values(named.getFields())
    .filter((f) => f.args.length === 0 && !isObjectType(getNamedType(f.type)))
    .map((f) => f.name);
  return `{ __typename ${scalars.join(' ')} }`;
}

describe('GraphQL mutations under fuzzing', () => {
  let app: TestApp;
  let w: World;
  let schema: GraphQLSchema;
  let cases: fc.Arbitrary<{ mutation: string; query: string; variables: Record<string, unknown> }>;
  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    schema = app.app.get(GraphQLSchemaHost).schema;
    const sub = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 3);
    const report = makeReport(4, 2023, '甲县科学技术局');
    const pools: Pools = {
      ids: [
        ...Object.values(w.org).map((o) => o.id),
        w.round2022.id,
        w.round2023.id,
        w.round2024.id,
        sub.id,
      ],
      strings: [
        '',
        ' ',
        '2023-06-30',
        '2023-02-30',
        '2024-01-31T16:00:00Z',
        'not a date',
        'principal',
        'contact',
        '科技局',
        '甲县科学技术局',
        'applications.rowTotal|applications.newReceived.natural',
        'timeliness.late',
        'a\u0000b',
        '<img src=x onerror=alert(1)>',
        "'; DROP TABLE organizations; --",
        '%_\\',
      ],
      reports: [report, clone(makeReport(5, 2022, '甲县科学技术局'))],
    };
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
      (m) => !SKIPPED.has(m.name),
    );
    cases = fc.constantFrom(...mutations).chain((m) => {
      const args = m.args;
      const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `mutation${definitions ? `(${definitions})` : ''} { ${m.name}${passed ? `(${passed})` : ''} ${selectionOf(schema, m.name)} }`;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const a of args) record[a.name] = valueOf(a.type, pools);
      return fc.record(record).map((variables) => ({ mutation: m.name, query, variables }));
    });
  });
  afterAll(() => app.close());

  /** Sends `numRuns` cases as `who`; returns how many were sent and how many were refused unsigned. */
  async function check(
    who: UserKey,
    numRuns: number,
  ): Promise<{ sent: number; unauthenticated: number }> {
    let cookie = w.cookie[who];
    let sent = 0;
    let unauthenticated = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ({ mutation, query, variables }) => {
        const res = await app
          .http()
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('cookie', cookie)
          .send({ query, variables });
        sent++;
        const body = res.body as { errors?: { extensions?: { code?: string } }[] };
        const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'none');
        if (codes.includes('UNAUTHENTICATED')) unauthenticated++;
        if (SESSION_ENDING.has(mutation)) cookie = await signIn(app, w.username[who]);
        const unknown = codes.filter((code) => !KNOWN_CODES.has(code));
        if (res.status >= 500 || unknown.length > 0)
          throw new Error(
            `${mutation} as ${who} (seed ${SEED}): HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`,
          );
      }),
      { seed: SEED, numRuns },
    );
    return { sent, unauthenticated };
  }

  // Each case must reach the resolvers: a session lost on the way would turn the rest of the run
  // into UNAUTHENTICATED answers that test nothing.
  it('answers every mutation sent arbitrary input as an admin with data or a known error', async () => {
    const { sent, unauthenticated } = await check('admin', ADMIN_CASES * RUNS);
    expect(sent).toBeGreaterThanOrEqual(ADMIN_CASES * RUNS);
    expect(unauthenticated).toBeLessThan(sent * 0.02);
  }, 180_000);

  it('answers every mutation sent arbitrary input as a bureau with data or a known error', async () => {
    const { sent, unauthenticated } = await check('bureauA1', BUREAU_CASES * RUNS);
    expect(sent).toBeGreaterThanOrEqual(BUREAU_CASES * RUNS);
    expect(unauthenticated).toBeLessThan(sent * 0.02);
  }, 180_000);
});
