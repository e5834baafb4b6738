import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';

export type GraphqlContext = { req: Request; res: Response };

/** Apollo options shared by the app and the schema generator. */
export function graphqlOptions(): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    context: ({ req, res }: GraphqlContext): GraphqlContext => ({ req, res }),
  };
}
