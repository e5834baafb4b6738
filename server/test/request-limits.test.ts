import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNullableType,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  TypeInfo,
} from 'graphql';
import { encodeCursor } from '../src/common/pagination';
import { JsonLogger, MAX_LOG_LINE } from '../src/common/json.logger';
import { MAX_COMPLEXITY, MAX_LIST_ITEMS } from '../src/graphql/query-limits';
import { OverviewService } from '../src/modules/overview/overview.service';
import { type TestApp } from './test-app';
import { codeOf, gqlOk, type World } from './support/world';
import { aliases, captureOutput, post, type Raw } from './support/requests';
import { useWorld } from './support/suite';
import { costOf, webOperations } from './support/web-documents';

describe('request limits: cost, time, inputs, logs', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  it('refuses 60, 2,500 and 6,000 aliases of roundTrend(withScores) before running, with HTTP 400 and a reason', async () => {
    const spy = jest.spyOn(OverviewService.prototype, 'roundTrend');
    try {
      for (const [n, reason] of [
        [60, 'request.tooCostly'],
        [2500, 'request.tooCostly'],
        [6000, 'request.tooManyFields'],
      ] as const) {
        const res = await post(app, aliases(n, w.org.city.id), {}, w.cookie.admin);
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'query',
          reason,
        });
        if (n === 60) expect(res.ms).toBeLessThan(2000);
      }
      expect(spy).not.toHaveBeenCalled();
      // one trend is fine
      const one = await post(app, aliases(1, w.org.city.id), {}, w.cookie.admin);
      expect(one.status).toBe(200);
      expect(one.body.errors).toBeUndefined();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('accepts every operation the web sends, at the largest page, within the cost limit', () => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const operations = webOperations();
    expect(operations.length).toBeGreaterThan(50);
    const costly = operations
      .map(({ name, operation, document }) => ({ name, cost: costOf(schema, document, operation) }))
      .filter(({ cost }) => cost > MAX_COMPLEXITY);
    expect(costly).toEqual([]);
  });

  it('names every list in the schema in MAX_LIST_ITEMS', () => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const lists: string[] = [];
    const isList = (type: GraphQLInputType) => isListType(getNullableType(type));
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields()))
          if (isList(field.type)) lists.push(`${type.name}.${field.name}`);
      if ('getFields' in type && !isInputObjectType(type))
        for (const field of Object.values(type.getFields()))
          for (const arg of 'args' in field ? field.args : [])
            if (isList(arg.type)) lists.push(`${type.name}.${field.name}.${arg.name}`);
    }
    expect(lists.filter((l) => MAX_LIST_ITEMS[l] === undefined)).toEqual([]);
    expect(Object.keys(MAX_LIST_ITEMS).filter((l) => !lists.includes(l))).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses a 200,000-item list argument naming it, in a variable or inline, writing nothing to the log', async () => {
    const { result, lines } = await captureOutput(async () => [
      await post(
        app,
        'query($s: [SubmissionStatus!]) { submissions(statuses: $s) { totalCount } }',
        { s: Array.from({ length: 200_000 }, () => 'SUBMITTED') },
        w.cookie.admin,
      ),
      await post(
        app,
        `query { submissions(statuses: [${Array.from({ length: 30 }, () => 'DRAFT').join(',')}]) { totalCount } }`,
        {},
        w.cookie.admin,
      ),
      await post(
        app,
        'mutation($i: BulkApproveInput!) { bulkApprove(input: $i) { id } }',
        {
          i: {
            items: Array.from({ length: 5000 }, () => ({
              submissionId: w.org.city.id,
              expectedRevision: 1,
            })),
          },
        },
        w.cookie.admin,
      ),
    ]);
    const [variable, inline, nested] = result;
    for (const [res, field] of [
      [variable, 'statuses'],
      [inline, 'statuses'],
      [nested, 'input.items'],
    ] as const) {
      expect(res!.status).toBe(400);
      expect(res!.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        reason: 'request.listTooLong',
      });
    }
    expect(lines).toEqual([]);
  });

  it('refuses tampered cursors on every connection with BAD_USER_INPUT naming the argument, logging nothing', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = [
      'zzz',
      '!!!not base64!!!',
      b64({ k: 'garbage', id: 'x' }),
      b64({ k: '2020-01-01', id: 'not-a-uuid' }),
      b64({ k: `a\u0000b`, id: w.org.city.id }),
      b64({ k: 'x', id: w.org.city.id, extra: 1 }),
      b64([1, 2]),
      b64({ k: 'x'.repeat(10_000), id: w.org.city.id }),
      encodeCursor({ k: 'flag', id: '1e400' }),
    ];
    // well-formed for lists keyed by text, tampered for lists keyed by time
    const notATime = [
      b64({ k: 'not a time', id: w.org.city.id }),
      b64({ k: '2020-13-45T99:99:99Z', id: w.org.city.id }),
    ];
    const byTime = new Set(['auditEvents', 'exportLogs', 'rankingSnapshots']);
    const r = w.round2023.id;
    const region = w.org.city.id;
    const connections: [string, (a: string) => object, string][] = [
      ['query($a: String) { auditEvents(after: $a) { totalCount } }', (a) => ({ a }), 'after'],
      ['query($a: String) { submissions(after: $a) { totalCount } }', (a) => ({ a }), 'after'],
      ['query($a: String) { organizations(after: $a) { totalCount } }', (a) => ({ a }), 'after'],
      ['query($a: String) { exportLogs(after: $a) { totalCount } }', (a) => ({ a }), 'after'],
      [
        'query($a: String, $r: ID!) { rankingSnapshots(roundId: $r, after: $a) { totalCount } }',
        (a) => ({ a, r }),
        'after',
      ],
      [
        'query($i: RankingInput!) { ranking(input: $i) { totalCount } }',
        (a) => ({ i: { roundId: r, regionId: region, after: a } }),
        'input.after',
      ],
      [
        'query($i: FlagsInput!) { flags(input: $i) { totalCount } }',
        (a) => ({ i: { roundId: r, regionId: region, after: a } }),
        'input.after',
      ],
      [
        'query($i: WhatIfRankingInput!) { whatIfRanking(input: $i) { totalCount } }',
        (a) => ({ i: { roundId: r, regionId: region, after: a, weights: [] } }),
        'input.after',
      ],
    ];
    const { result, lines } = await captureOutput(async () => {
      const answers: { query: string; cursor: string; field: string; res: Raw }[] = [];
      for (const [query, vars, field] of connections)
        for (const cursor of [
          ...tampered,
          ...(byTime.has(/\{ (\w+)\(/.exec(query)![1]!) ? notATime : []),
        ])
          answers.push({
            query,
            cursor,
            field,
            res: await post(app, query, vars(cursor), w.cookie.admin),
          });
      return answers;
    });
    const wrong = result
      .filter(({ res, field }) => {
        const ext = res.body.errors?.[0]?.extensions;
        return ext?.code !== 'BAD_USER_INPUT' || ext.field !== field;
      })
      .map(
        ({ query, cursor, res }) => `${query.slice(0, 50)} ${cursor}: ${JSON.stringify(res.body)}`,
      );
    expect(wrong).toEqual([]);
    expect(lines).toEqual([]);
    // a real cursor still pages
    const first = await gqlOk<{ organizations: { pageInfo: { endCursor: string } } }>(
      app,
      'query { organizations(first: 2) { pageInfo { endCursor } } }',
      {},
      w.cookie.admin,
    );
    const next = await app.graphql(
      'query($a: String) { organizations(first: 2, after: $a) { totalCount } }',
      { a: first.organizations.pageInfo.endCursor },
      w.cookie.admin,
    );
    expect(codeOf(next)).toBe('OK');
  });

  it('refuses over-long text and NUL characters at the edge, naming the argument', async () => {
    const long = await post(
      app,
      'query($s: String) { organizations(search: $s) { totalCount } }',
      { s: 'x'.repeat(3 * 1024 * 1024) },
      w.cookie.admin,
    );
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.extensions).toMatchObject({
      field: 'search',
      reason: 'request.textTooLong',
    });
    const nul = await post(
      app,
      'query($s: String) { organizations(search: $s) { totalCount } }',
      { s: 'a\u0000b' },
      w.cookie.admin,
    );
    expect(nul.body.errors?.[0]?.extensions).toMatchObject({
      field: 'search',
      reason: 'request.badCharacter',
    });
  });

  it('checks a read once per document whatever short ID it names, and still refuses a long or NUL ID after it passed', async () => {
    const query =
      'query($id: ID!, $y: Int!) { organization(id: $id) { id reportingBodies(year: $y) } }';
    const spy = jest.spyOn(TypeInfo.prototype, 'getArgument');
    try {
      const first = await post(app, query, { id: w.org.city.id, y: 2025 }, w.cookie.admin);
      expect(first.status).toBe(200);
      expect(first.body.errors).toBeUndefined();
      const walked = spy.mock.calls.length;
      expect(walked).toBeGreaterThan(0);
      // another body, same document: the argument check is not walked again
      const other = await post(app, query, { id: w.org.countyA.id, y: 2025 }, w.cookie.admin);
      expect((other.body.data as { organization?: { id: string } })?.organization?.id).toBe(
        w.org.countyA.id,
      );
      expect(spy.mock.calls.length).toBe(walked);
      // another year is another key: walked again
      await post(app, query, { id: w.org.city.id, y: 2024 }, w.cookie.admin);
      expect(spy.mock.calls.length).toBeGreaterThan(walked);
    } finally {
      spy.mockRestore();
    }
    const long = await post(app, query, { id: 'x'.repeat(101), y: 2025 }, w.cookie.admin);
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.extensions).toMatchObject({
      field: 'id',
      reason: 'request.textTooLong',
    });
    const nul = await post(app, query, { id: 'a\u0000b', y: 2025 }, w.cookie.admin);
    expect(nul.status).toBe(400);
    expect(nul.body.errors?.[0]?.extensions).toMatchObject({
      field: 'id',
      reason: 'request.badCharacter',
    });
  });

  it('refuses a variable the schema refuses (an Int over 32 bits) with HTTP 400, not 500', async () => {
    const res = await post(
      app,
      'mutation($i: DecisionInput!) { approveSubmission(input: $i) { id } }',
      { i: { submissionId: w.org.city.id, expectedRevision: 2 ** 31 } },
      w.cookie.admin,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'request.badVariable',
    });
  });

  it('keeps log lines JSON and small when a 3 MB input ends in an internal error or a failed statement', async () => {
    const huge = 'ø'.repeat(3 * 1024 * 1024);
    const spy = jest
      .spyOn(OverviewService.prototype, 'roundTrend')
      .mockImplementationOnce(() => Promise.reject(new Error(`cannot use ${huge}`)))
      .mockImplementationOnce(async () => {
        await app.dataSource.query('SELECT $1::int', [huge]);
        return [];
      });
    try {
      const { result, lines } = await captureOutput(async () => [
        await post(app, aliases(1, w.org.city.id), {}, w.cookie.admin),
        await post(app, aliases(1, w.org.city.id), {}, w.cookie.admin),
      ]);
      for (const res of result) {
        expect(res.body.errors?.[0]?.extensions?.code).toMatch(
          /INTERNAL_SERVER_ERROR|BAD_USER_INPUT/,
        );
        expect(JSON.stringify(res.body)).not.toContain('øøøø');
      }
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
        expect(() => JSON.parse(line) as unknown).not.toThrow();
      }
      expect(lines.join('\n')).toContain('more characters');
    } finally {
      spy.mockRestore();
    }
  });

  it('bounds every line JsonLogger writes, whatever it is given', () => {
    const sut = new JsonLogger('debug');
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const circular: Record<string, unknown> = { a: huge };
    circular.self = circular;
    for (const line of [
      sut.format('error', huge, 'GraphQL', { stack: huge }),
      sut.format('info', { big: huge }),
      sut.format('warn', circular),
      sut.format('info', new Error(huge)),
      sut.format(
        'info',
        'ok',
        'ctx',
        Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, huge])),
      ),
    ]) {
      expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
      expect(typeof (JSON.parse(line) as { msg: unknown }).msg).not.toBe('undefined');
    }
  });
});
