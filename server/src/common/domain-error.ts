/** What went wrong, in the terms a client can act on; mapped once to GraphQL `extensions.code`. */
export enum DomainErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
}

export type FieldProblem = { readonly field: string; readonly message: string };

/** A rule of the domain was broken. Services throw these; nothing else reaches a client. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Input path of the offending value (e.g. `input.report.tables.applications.total.natural`). */
    readonly field?: string,
    /** Every offending value, when there are several. */
    readonly problems: readonly FieldProblem[] = field ? [{ field, message }] : [],
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string): DomainError =>
  new DomainError(DomainErrorCode.BadUserInput, message, field);

export const badInputs = (problems: readonly FieldProblem[]): DomainError =>
  new DomainError(
    DomainErrorCode.BadUserInput,
    problems
      .slice(0, 5)
      .map((p) => `${p.field}: ${p.message}`)
      .join('; ') + (problems.length > 5 ? ` (+${problems.length - 5} more)` : ''),
    problems[0]?.field,
    problems,
  );

export const notFound = (what: string): DomainError =>
  new DomainError(DomainErrorCode.NotFound, `${what} not found`);

export const forbidden = (message = 'not allowed'): DomainError =>
  new DomainError(DomainErrorCode.Forbidden, message);

export const conflict = (message: string): DomainError =>
  new DomainError(DomainErrorCode.Conflict, message);

export const unauthenticated = (message = 'sign in first'): DomainError =>
  new DomainError(DomainErrorCode.Unauthenticated, message);

/** HTTP status for REST responses. */
export const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  [DomainErrorCode.BadUserInput]: 400,
  [DomainErrorCode.Unauthenticated]: 401,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.PayloadTooLarge]: 413,
};
