import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** Same-origin GraphQL; the session travels in an httpOnly cookie. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
