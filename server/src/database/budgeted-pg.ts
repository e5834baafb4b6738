import pg from 'pg';
import { currentBudget } from '../common/request-budget';

type QueryFn = (...args: unknown[]) => unknown;

/**
 * A client whose promise-style queries run under the current request's budget: once the
 * request's time is up no statement starts (it is refused with the budget's error), and the
 * backend of a statement in flight is known to the budget so that it can be cancelled.
 * Outside a request (boot, migrations, background work) nothing changes.
 */
class BudgetedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const query = (pg.Client.prototype.query as QueryFn).bind(this);
    (this as unknown as { query: QueryFn }).query = (...args: unknown[]): unknown => {
      const budget = currentBudget();
      if (!budget) return query(...args);
      const refusal = budget.refusal();
      if (refusal) {
        const callback = args.at(-1);
        if (typeof callback === 'function') {
          process.nextTick(() => (callback as (error: Error) => void)(refusal));
          return undefined;
        }
        return Promise.reject(refusal);
      }
      const result = query(...args);
      if (!(result instanceof Promise)) return result;
      const pid = (this as unknown as { processID: number | null }).processID;
      if (pid === null || pid === undefined) return result;
      budget.statementStarted(pid);
      return result.finally(() => budget.statementEnded(pid));
    };
  }
}

class BudgetedPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super({ ...config, Client: BudgetedClient });
  }
}

/** The `pg` module as TypeORM's postgres driver, with budgeted clients in its pool. */
export const budgetedPg: typeof pg = new Proxy(pg, {
  get: (target, key, receiver): unknown =>
    key === 'Pool' ? BudgetedPool : Reflect.get(target, key, receiver),
});
