/** What went wrong, in the terms a client can act on; mapped once to GraphQL `extensions.code`. */
export enum DomainErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
}

/**
 * Why it went wrong, as a key the web translates (`error.<key>` in its catalogues) with the values
 * the sentence needs. The English `message` stays for logs, the CLI and API clients.
 */
export type Reason = {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
};

export type FieldProblem = {
  readonly field: string;
  readonly message: string;
  readonly reason?: Reason;
};

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
    readonly reason?: Reason,
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string, reason?: Reason): DomainError =>
  new DomainError(
    DomainErrorCode.BadUserInput,
    message,
    field,
    [{ field, message, ...(reason ? { reason } : {}) }],
    reason,
  );

export const badInputs = (problems: readonly FieldProblem[]): DomainError =>
  new DomainError(
    DomainErrorCode.BadUserInput,
    problems
      .slice(0, 5)
      .map((p) => `${p.field}: ${p.message}`)
      .join('; ') + (problems.length > 5 ? ` (+${problems.length - 5} more)` : ''),
    problems[0]?.field,
    problems,
    problems[0]?.reason,
  );

/**
 * Nothing of that kind there (or not visible to the actor). Without a reason of its own the
 * reason is `notFound.<kind>` (`scoring model` → `notFound.scoringModel`), which the web says
 * as "找不到该报送轮次…" from its catalogue.
 */
export const notFound = (what: string, reason?: Reason): DomainError =>
  new DomainError(
    DomainErrorCode.NotFound,
    `${what} not found`,
    undefined,
    [],
    reason ?? { key: `notFound.${notFoundKind(what)}` },
  );

/** `scoring model` → `scoringModel`: the kind of thing a plain not-found names, as a key part. */
export function notFoundKind(what: string): string {
  return what.replace(/\s+([a-z])/g, (_, c: string) => c.toUpperCase());
}

export const forbidden = (message = 'not allowed', reason?: Reason): DomainError =>
  new DomainError(DomainErrorCode.Forbidden, message, undefined, [], reason);

export const conflict = (message: string, reason?: Reason): DomainError =>
  new DomainError(DomainErrorCode.Conflict, message, undefined, [], reason);

export const unauthenticated = (message = 'sign in first', reason?: Reason): DomainError =>
  new DomainError(DomainErrorCode.Unauthenticated, message, undefined, [], reason);

/** The JSON a client receives for a domain error (GraphQL `extensions`, REST body). */
export function errorDetails(error: DomainError): Record<string, unknown> {
  return {
    code: error.code,
    ...(error.field ? { field: error.field } : {}),
    ...(error.problems.length > 1 ? { problems: error.problems } : {}),
    ...(error.reason ? { reason: error.reason.key } : {}),
    ...(error.reason?.params ? { params: error.reason.params } : {}),
  };
}

/** HTTP status for REST responses. */
export const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  [DomainErrorCode.BadUserInput]: 400,
  [DomainErrorCode.Unauthenticated]: 401,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.PayloadTooLarge]: 413,
  [DomainErrorCode.TooManyRequests]: 429,
};
