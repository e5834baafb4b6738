import { GraphQLSchemaHost } from '@nestjs/graphql';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { startServer } from '../boot';
import { loadConfig } from '../config/config';

/**
 * Writes server/schema.gql from the code-first resolvers, booting the real app on a throw-away
 * embedded PostgreSQL (or DATABASE_URL when set) so that the schema is exactly what is served.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-schema-'));
  await chmod(dataDir, 0o755);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO_DATA: 'false',
  });
  const server = await startServer(config);
  try {
    const schema = server.app.get(GraphQLSchemaHost).schema;
    const target = join(config.repoRoot, 'server', 'schema.gql');
    await writeFile(target, printSchema(schema) + '\n');
    process.stdout.write(`wrote ${target}\n`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate-schema: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
