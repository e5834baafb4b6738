import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeormLoggerContract } from 'typeorm';
import { DomainError } from '../common/domain-error';

const MAX_QUERY_TEXT = 1000;

/**
 * TypeORM's messages through the application's JSON logger. A failed statement is logged with
 * its SQLSTATE and the start of its text, never its parameters (they may be megabytes of request
 * input, or personal data); refusals of the request budget are not failures of the database.
 */
export class TypeormLogger implements TypeormLoggerContract {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    if (error instanceof DomainError) return;
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    const message = typeof error === 'string' ? error : error.message;
    this.logger.warn(
      `statement failed${typeof code === 'string' ? ` (${code})` : ''}: ${message.slice(0, 500)}; ${query.slice(0, MAX_QUERY_TEXT)}`,
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow statement (${time} ms): ${query.slice(0, MAX_QUERY_TEXT)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
