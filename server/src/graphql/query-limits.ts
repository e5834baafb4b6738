import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 5000;

function depthOf(
  selection: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!selection) return 0;
  let max = 0;
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) {
      if (node.name.value.startsWith('__')) continue; // introspection is bounded by the schema
      max = Math.max(max, 1 + depthOf(node.selectionSet, fragments, seen));
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(node.selectionSet, fragments, seen));
    } else {
      const name = node.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return max;
}

/** Validation rule: refuses operations nested deeper than `max` fields. */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION)
          fragments[definition.name.value] = definition;
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > max)
        context.reportError(
          new GraphQLError(`query is nested ${depth} levels deep; at most ${max} allowed`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', field: 'query' },
          }),
        );
    },
  });
}

/** Refuses operations whose estimated cost (page sizes × fields) exceeds `max`. */
export function complexityLimit(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > max)
            throw new GraphQLError(
              `query is too complex: cost ${complexity}, at most ${max} allowed (request smaller pages)`,
              { extensions: { code: 'BAD_USER_INPUT', field: 'query', complexity } },
            );
        },
      };
    },
  };
}
