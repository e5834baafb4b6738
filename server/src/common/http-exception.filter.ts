import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { domainErrorFromDatabase } from './database-error';
import { DomainError, DomainErrorCode, errorDetails, HTTP_STATUS } from './domain-error';

const CODES: Record<number, DomainErrorCode> = {
  400: DomainErrorCode.BadUserInput,
  401: DomainErrorCode.Unauthenticated,
  403: DomainErrorCode.Forbidden,
  404: DomainErrorCode.NotFound,
  409: DomainErrorCode.Conflict,
  413: DomainErrorCode.PayloadTooLarge,
};

/**
 * REST errors as `{ code, message, field? }` with the matching status. GraphQL errors pass
 * through to the Apollo error formatter. Unknown errors are logged and answered generically.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(thrown: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return thrown;
    const exception = domainErrorFromDatabase(thrown) ?? thrown;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const { code, ...details } = errorDetails(exception);
      const retryAfter = exception.reason?.params?.seconds;
      if (exception.code === DomainErrorCode.TooManyRequests && retryAfter !== undefined)
        res.setHeader('retry-after', String(retryAfter));
      res
        .status(HTTP_STATUS[exception.code])
        .json({ code, message: exception.message, ...details });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message =
        status === 413 ? 'the file is larger than the upload limit' : exception.message;
      res.status(status).json({ code: CODES[status] ?? 'BAD_REQUEST', message });
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' });
  }
}
