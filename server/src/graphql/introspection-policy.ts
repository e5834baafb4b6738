import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, GraphQLError, visit } from 'graphql';
import { unauthenticated } from '../common/domain-error';
import type { GraphqlContext } from './graphql.options';

/** Whether a document asks for the schema (`__schema` or `__type`; `__typename` is harmless). */
export function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Refuses introspection (`__schema`, `__type`, in any operation or fragment of the document) to
 * callers who are not signed in, before anything executes: 401 UNAUTHENTICATED with the reason
 * `graphql.introspectionNeedsSignIn`.
 */
export function anonymousIntrospectionRefused(
  isSignedIn: (context: GraphqlContext) => Promise<boolean>,
): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!selectsIntrospection(document) || (await isSignedIn(contextValue))) return;
          const refusal = unauthenticated('sign in to read the schema', {
            key: 'graphql.introspectionNeedsSignIn',
          });
          throw new GraphQLError(refusal.message, {
            originalError: refusal,
            extensions: { http: { status: 401 } },
          });
        },
      };
    },
  };
}

/**
 * The schema's exposure by environment. Production: introspection only for signed-in users
 * (the web app never introspects; codegen reads the committed `schema.gql`), and no "Did you
 * mean …?" field suggestions in validation errors for anyone (Apollo's
 * `hideSchemaDetailsFromClientErrors`), so an anonymous caller cannot map the schema by
 * guessing either. Development and test keep both, for tools and readable errors.
 */
export function withIntrospectionPolicy(
  options: ApolloDriverConfig,
  policy: { production: boolean; isSignedIn: (context: GraphqlContext) => Promise<boolean> },
): ApolloDriverConfig {
  if (!policy.production) return options;
  return {
    ...options,
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    plugins: [...(options.plugins ?? []), anonymousIntrospectionRefused(policy.isSignedIn)],
  };
}
