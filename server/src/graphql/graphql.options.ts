import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { domainErrorFromDatabase } from '../common/database-error';
import { DomainError, DomainErrorCode, errorDetails } from '../common/domain-error';
import type { RequestWithActor } from '../common/permission.decorator';
import {
  complexityLimit,
  depthLimit,
  inputLimits,
  MAX_COMPLEXITY,
  MAX_DEPTH,
  refusalStatus,
} from './query-limits';
import { stringifyWithRawJson } from './raw-json';
import { RequestLoaders } from './request-loaders';
import { retryAfterHeader } from './retry-after.plugin';

export type GraphqlContext = { req: RequestWithActor; res: Response; loaders: RequestLoaders };

const logger = new Logger('GraphQL');

/** Codes the client may see as they are; anything else is an internal error. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const HTTP_CODES: Record<number, DomainErrorCode> = {
  400: DomainErrorCode.BadUserInput,
  401: DomainErrorCode.Unauthenticated,
  403: DomainErrorCode.Forbidden,
  404: DomainErrorCode.NotFound,
  409: DomainErrorCode.Conflict,
  413: DomainErrorCode.PayloadTooLarge,
};

/** Maps every error once to `extensions.code`; raw database or programming errors never leak. */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const resolverError = unwrapResolverError(error);
  // A plugin's refusal (no path) carries its DomainError as the cause.
  const unwrapped =
    resolverError instanceof GraphQLError && resolverError.originalError instanceof DomainError
      ? resolverError.originalError
      : resolverError;
  const original = domainErrorFromDatabase(unwrapped) ?? unwrapped;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: errorDetails(original),
    };
  }
  if (original instanceof HttpException) {
    const code = HTTP_CODES[original.getStatus()] ?? DomainErrorCode.BadUserInput;
    return { ...base, message: original.message, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return {
    ...base,
    message: 'internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Apollo options shared by the app and the schema generator. */
export function graphqlOptions(): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_DEPTH)],
    plugins: [
      inputLimits(),
      complexityLimit(MAX_COMPLEXITY),
      refusalStatus(),
      retryAfterHeader(),
      // Apollo installs cache-control hints by default, which wraps every field's resolver to
      // read hints this API never sets (its answers are per user and never cached)
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError,
    // compact JSON: Apollo's default indents every answer (2 spaces a level), which for a page
    // with reports roughly doubles the bytes written and the time spent writing them
    // (stored reports read as text are written as they are: graphql/raw-json.ts)
    stringifyResult: stringifyWithRawJson,
    context: ({ req, res }: { req: Request; res: Response }): GraphqlContext => ({
      req,
      res,
      loaders: new RequestLoaders(),
    }),
  };
}
