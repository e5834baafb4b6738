import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { LruCache } from '../common/lru-cache';

/** Variables longer than this (as JSON) are checked every time rather than remembered. */
const MAX_KEY_VARIABLES = 1000;

/**
 * Operations that already passed a check, so that the same query with the same variables (a list
 * paged again and again, a page reloaded) is not walked again on every request: the checks are
 * pure functions of the schema, the document, the operation name and the variables. Only reads
 * with short variables are remembered; a refusal is never remembered (it is thrown again).
 */
export class CheckedOperations {
  private readonly passed = new LruCache<string, true>({ maxEntries: 2000 });

  /** The key of a request worth remembering, or null. */
  keyOf(context: GraphQLRequestContextDidResolveOperation<object>): string | null {
    if (context.operation?.operation !== 'query' || !context.queryHash) return null;
    const variables = JSON.stringify(context.request.variables ?? {});
    if (variables.length > MAX_KEY_VARIABLES) return null;
    return `${context.queryHash}\u0000${context.request.operationName ?? ''}\u0000${variables}`;
  }

  /** Runs `check` unless this request's key passed it before; remembers a pass. */
  async check(
    context: GraphQLRequestContextDidResolveOperation<object>,
    check: () => void | Promise<void>,
  ): Promise<void> {
    const key = this.keyOf(context);
    if (key !== null && this.passed.get(key)) return;
    await check();
    if (key !== null) this.passed.set(key, true);
  }
}
