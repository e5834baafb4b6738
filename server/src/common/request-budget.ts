import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import { badInput, type DomainError } from './domain-error';

/**
 * What one GraphQL request may spend. The static complexity of a query (fields × page sizes,
 * aliases counted) is checked before it runs; what only a service knows — how many
 * organizations a region holds — is charged here by the service as soon as it knows it, in
 * organization-rows (a trend over Y years of a region of P organizations costs Y × P). The
 * whole request also has a time budget: past it, no further statement starts and the
 * statements still running for this request are cancelled in PostgreSQL. Both limits come from
 * the configuration (GONGKAI_REQUEST_COST, default 3,000,000 — a ten-year trend with scores over a
 * 120,000-organization province fits; GONGKAI_REQUEST_SECONDS, default 30).
 */
export type RequestLimits = { readonly cost: number; readonly millis: number };

/** Cancels the given PostgreSQL backends' running statements (`pg_cancel_backend`). */
export type StatementCanceller = (backendPids: readonly number[]) => Promise<void>;

export const tooCostly = (spent: number, max: number, what: string): DomainError =>
  badInput(
    'query',
    `the request is too costly: ${what} brings it to ${spent} units, at most ${max} allowed; ask for less (fewer aliases, a smaller region)`,
    { key: 'request.tooCostly', params: { cost: spent, max } },
  );

export const tooSlow = (seconds: number): DomainError =>
  badInput(
    'query',
    `the request ran longer than ${seconds} s and was stopped; ask for less (fewer aliases, a smaller region)`,
    { key: 'request.tooSlow', params: { seconds } },
  );

/** The refusals of this module: answered HTTP 400. */
export const REQUEST_REFUSALS: ReadonlySet<string> = new Set([
  'request.tooCostly',
  'request.tooSlow',
]);

export class RequestBudget {
  private spent = 0;
  private expired = false;
  private timer: NodeJS.Timeout | null = null;
  /** Backend pids with a statement of this request in flight (a pid may run one at a time). */
  private readonly running = new Map<number, number>();

  constructor(
    readonly limits: RequestLimits,
    private readonly cancel: StatementCanceller,
  ) {}

  /** Starts the clock; `stop()` when the response is sent. */
  start(): this {
    this.timer = setTimeout(() => this.expire(), this.limits.millis);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get cost(): number {
    return this.spent;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  /** Adds `units` to the request's cost; refuses the request once it is over its budget. */
  charge(units: number, what: string): void {
    this.assertInTime();
    this.spent += Math.max(0, Math.ceil(units));
    if (this.spent > this.limits.cost) throw tooCostly(this.spent, this.limits.cost, what);
  }

  /** Throws once the time budget is spent. */
  assertInTime(): void {
    if (this.expired) throw tooSlow(Math.round(this.limits.millis / 100) / 10);
  }

  /** Why no further statement may start, or null. */
  refusal(): DomainError | null {
    try {
      this.assertInTime();
      return null;
    } catch (error) {
      return error as DomainError;
    }
  }

  statementStarted(pid: number): void {
    this.running.set(pid, (this.running.get(pid) ?? 0) + 1);
  }

  statementEnded(pid: number): void {
    const left = (this.running.get(pid) ?? 1) - 1;
    if (left <= 0) this.running.delete(pid);
    else this.running.set(pid, left);
  }

  /** Time is up: refuse what comes next and cancel what runs. */
  expire(): void {
    if (this.expired) return;
    this.expired = true;
    this.stop();
    const pids = [...this.running.keys()];
    if (pids.length > 0) void requestScope.exit(() => this.cancel(pids)).catch(() => undefined);
  }
}

/**
 * What code deep inside a GraphQL request reads without being handed it: the request's budget,
 * and the origin the request came from (for links in e-mails sent during it), worked out only
 * when asked for. One store for both: every asynchronous step of every request pays for each
 * `AsyncLocalStorage` in use, not for what it holds.
 */
export class RequestScope {
  private knownOrigin: string | null = null;

  constructor(
    readonly budget: RequestBudget,
    private readonly req: Pick<Request, 'get' | 'protocol'>,
  ) {}

  /** The request's `Origin`, or the scheme and host it was addressed to. */
  get origin(): string {
    this.knownOrigin ??=
      this.req.get('origin') ?? `${this.req.protocol}://${this.req.get('host') ?? 'localhost'}`;
    return this.knownOrigin;
  }
}

/** The scope of the request being served (absent outside requests: boot, CLI, tests' direct calls). */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentBudget(): RequestBudget | undefined {
  return requestScope.getStore()?.budget;
}

/** The origin of the request being served, if any. */
export function currentOrigin(): string | undefined {
  return requestScope.getStore()?.origin;
}

/** Charges the current request, if any (services call this when they know what a call costs). */
export function chargeRequest(units: number, what: string): void {
  currentBudget()?.charge(units, what);
}
