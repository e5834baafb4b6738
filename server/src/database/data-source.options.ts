import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { budgetedPg } from './budgeted-pg';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TypeormLogger } from './typeorm.logger';

/**
 * One definition of the connection for the app, the migration tools and the tests. Entities and
 * migrations are found by file pattern so a new module only has to follow the naming convention.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', 'modules', '**', '*.entity.{js,ts}')],
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // pg-pool uses this both for opening a connection and for waiting for a free one of the 10:
    // under a crowd a request may queue for a connection longer than 5 s and would then fail
    // with "timeout exceeded"; the request's own time budget (GONGKAI_REQUEST_SECONDS, 30 s by
    // default) is what bounds a request, so the wait may be as long
    connectTimeoutMS: 30_000,
    extra: { max: 10, application_name: 'gongkai' },
    logging: ['error', 'warn'],
    logger: new TypeormLogger(),
    // Statements of a GraphQL request run under its budget (common/request-budget.ts).
    driver: budgetedPg,
  };
}
