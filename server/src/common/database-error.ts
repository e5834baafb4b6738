import { DomainError, DomainErrorCode } from './domain-error';

type DriverError = { code?: string };

/**
 * Database conditions a client can act on, as domain errors: a unique key taken by a concurrent
 * writer or a serialization failure is a CONFLICT (retry after reloading). Anything else stays an
 * internal error, and its text never reaches a client.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | null {
  if (!(error instanceof Error) || error.name !== 'QueryFailedError') return null;
  const code = (error as Error & { driverError?: DriverError }).driverError?.code;
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
