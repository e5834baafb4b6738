import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { MeDocument } from '../generated/graphql';

/** Whether an error says the session is gone (expired, signed out elsewhere, deactivated). */
export function sessionEnded(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

/**
 * Same-origin GraphQL; the session travels in an httpOnly cookie. When the server says the
 * session has ended while a page is open, the viewer becomes nobody, so the route guard sends
 * the user to sign in and back to the page afterwards.
 */
export function createApolloClient(): ApolloClient {
  const cache = new InMemoryCache();
  const forgetViewer = new ErrorLink(({ error, operation }) => {
    if (operation.operationName === 'SignIn' || !sessionEnded(error)) return;
    const known = cache.readQuery({ query: MeDocument });
    if (known?.me) cache.writeQuery({ query: MeDocument, data: { me: null } });
  });
  return new ApolloClient({
    link: ApolloLink.from([
      forgetViewer,
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ]),
    cache,
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
