import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { Kind, type TypeNode } from 'graphql';
import { LruCache } from '../common/lru-cache';

/** Variables longer than this (as JSON) are checked every time rather than remembered. */
const MAX_KEY_VARIABLES = 1000;

/** Whether a variable's declared type is `ID` or `ID!` (not a list, not an input object). */
function isIdType(type: TypeNode): boolean {
  const named = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  return named.kind === Kind.NAMED_TYPE && named.name.value === 'ID';
}

/**
 * Operations that already passed a check, so that the same query (a list paged again and again,
 * a page reloaded, the same page of another body) is not walked again on every request: the
 * checks are pure functions of the schema, the document, the operation name and the variables.
 * Only reads with short variables are remembered; a refusal is never remembered (it is thrown
 * again).
 *
 * What an `ID` variable holds does not change what the checks find, as long as it is a string
 * no longer than the checks allow an ID (`longestId`) and without NUL: any such string coerces to an ID, passes
 * the argument check, and no cost estimate reads an ID. Such values are left out of the key
 * (their names stay in it), so `organization(id: $id)` is checked once per document, not once
 * per body; any other ID value stays in the key as it is.
 */
export class CheckedOperations {
  private readonly passed = new LruCache<string, true>({ maxEntries: 2000 });

  constructor(private readonly longestId: number) {}

  /** The key of a request worth remembering, or null. */
  keyOf(context: GraphQLRequestContextDidResolveOperation<object>): string | null {
    const operation = context.operation;
    if (operation?.operation !== 'query' || !context.queryHash) return null;
    const raw = context.request.variables ?? {};
    const plainIds: string[] = [];
    let kept: Record<string, unknown> = raw;
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const value = raw[name];
      if (
        isIdType(definition.type) &&
        typeof value === 'string' &&
        value.length <= this.longestId &&
        !value.includes('\u0000')
      ) {
        if (kept === raw) kept = { ...raw };
        delete kept[name];
        plainIds.push(name);
      }
    }
    const variables = JSON.stringify(kept);
    if (variables.length > MAX_KEY_VARIABLES) return null;
    return `${context.queryHash}\u0000${context.request.operationName ?? ''}\u0000${variables}\u0000${plainIds.join(',')}`;
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
