import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildWorld, type World } from './support/world';
import { createTestApp, type TestApp } from './test-app';

describe('foundation', () => {
  let sut: TestApp;
  let world: World;

  beforeAll(async () => {
    sut = await createTestApp();
    world = await buildWorld(sut);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('reports the database as up on GET /health', async () => {
    const res = await sut.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.status).toBe('up');
    expect(res.body.database.version).toMatch(/^\d+/);
  });

  it("answers an admin's GraphQL query from the database", async () => {
    const body = await sut.graphql<{
      systemStatus: { databaseUp: boolean; tables: { name: string; rows: number }[] };
    }>('{ systemStatus { databaseUp tables { name rows } } }', {}, world.cookie.admin);
    expect(body.errors).toBeUndefined();
    expect(body.data?.systemStatus.databaseUp).toBe(true);
    const migrations = body.data?.systemStatus.tables.find((t) => t.name === 'migrations');
    expect(migrations?.rows).toBeGreaterThan(0);
    // the system page names every table for readers, in both languages
    for (const catalogue of ['messages.zh-CN.ts', 'messages.en.ts']) {
      const messages = readFileSync(
        join(__dirname, '..', '..', 'web', 'src', 'app', catalogue),
        'utf8',
      );
      const unnamed = body
        .data!.systemStatus.tables.map((t) => t.name)
        .filter((name) => !messages.includes(`'system.table.${name}':`));
      expect(unnamed).toEqual([]);
    }
  });

  it('keeps table sizes from anonymous callers and bureaus', async () => {
    const anonymous = await sut.graphql('{ systemStatus { tables { name rows } } }');
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bureau = await sut.graphql(
      '{ systemStatus { tables { name } } }',
      {},
      world.cookie.bureauA1,
    );
    expect(bureau.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('has applied every migration and the entities match them (no drift)', async () => {
    const pending = await sut.dataSource.showMigrations();
    expect(pending).toBe(false);
    const sql = await sut.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('serves the schema committed in server/schema.gql (run `pnpm generate` when this fails)', () => {
    const schema = sut.app.get(GraphQLSchemaHost).schema;
    const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8');
    expect(printSchema(schema).trim()).toBe(committed.trim());
  });
});
