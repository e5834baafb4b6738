import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../config/config';
import { openDatabase } from '../database/database';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

/**
 * `pnpm --filter @gongkai/server migration:generate VerbObject` — applies the committed
 * migrations to a throw-away embedded PostgreSQL, diffs the entities against it and writes
 * `src/database/migrations/<unix-ms>-<VerbObject>.ts` for review. Prints nothing to write when
 * entities and migrations already agree.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('usage: migration:generate <VerbObject>, e.g. CreateSubmissions');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-migration-'));
  await chmod(dataDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir });
  try {
    const dataSource = await openDatabase(pg.url);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await dataSource.destroy();
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and migrations agree: nothing to write\n');
      return;
    }
    const stamp = Date.now();
    const className = `${name}${stamp}`;
    const render = (queries: { query: string; parameters?: unknown[] }[]): string =>
      queries
        .map(
          (q) =>
            `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
        )
        .join('\n');
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${render(sql.upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${render([...sql.downQueries].reverse())}
  }
}
`;
    const target = join(
      findRepoRoot(),
      'server',
      'src',
      'database',
      'migrations',
      `${stamp}-${name}.ts`,
    );
    await writeFile(target, body);
    process.stdout.write(`wrote ${target}\n`);
  } finally {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate-migration: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
