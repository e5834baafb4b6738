import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A refusal for too many attempts (`TOO_MANY_REQUESTS` with `params.seconds`) also sets the HTTP
 * `Retry-After` header, so clients and proxies that never read GraphQL errors back off too.
 */
export function retryAfterHeader(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const seconds = (response.body.singleResult.errors ?? [])
            .filter((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')
            .map((e) =>
              Number((e.extensions?.params as { seconds?: unknown } | undefined)?.seconds),
            )
            .filter((s) => Number.isFinite(s) && s > 0);
          if (seconds.length > 0)
            response.http.headers.set('retry-after', String(Math.ceil(Math.max(...seconds))));
        },
      };
    },
  };
}
