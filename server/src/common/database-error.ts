import { badInput, DomainError, DomainErrorCode } from './domain-error';
import { currentBudget, tooSlow } from './request-budget';

type DriverError = { code?: string } | DomainError;

/**
 * Database conditions a client can act on, as domain errors: a unique key taken by a concurrent
 * writer or a serialization failure is a CONFLICT (retry after reloading). Anything else stays an
 * internal error, and its text never reaches a client.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | null {
  if (!(error instanceof Error) || error.name !== 'QueryFailedError') return null;
  const driverError = (error as Error & { driverError?: DriverError }).driverError;
  // a statement refused by the request budget before it started
  if (driverError instanceof DomainError) return driverError;
  const code = driverError?.code;
  // cancelled: the request's time budget ran out (or statement_timeout)
  if (code === '57014') {
    const millis = currentBudget()?.limits.millis;
    return tooSlow(millis === undefined ? 0 : Math.round(millis / 100) / 10);
  }
  // data exceptions (a value PostgreSQL cannot take: NUL in text, a malformed uuid or date, a
  // number out of range): input the edge checks should have refused — never an internal error
  if (code?.startsWith('22'))
    return badInput('input', 'a value of the request is not valid here', {
      key: 'request.badValue',
    });
  if (code === '23505')
    return new DomainError(
      DomainErrorCode.Conflict,
      'it was created by someone else at the same time; reload',
      undefined,
      [],
      { key: 'common.createdConcurrently' },
    );
  if (code === '40001' || code === '40P01')
    return new DomainError(
      DomainErrorCode.Conflict,
      'a concurrent change got there first; reload and retry',
      undefined,
      [],
      { key: 'common.concurrentChange' },
    );
  return null;
}
