import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  getNullableType,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { domainErrorFromDatabase } from '../common/database-error';
import { DomainError } from '../common/domain-error';
import { REQUEST_REFUSALS } from '../common/request-budget';
import { CheckedOperations } from './checked-operations';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 5000;
/** Fields (aliases included) a query may select in all, before its cost is even estimated. */
export const MAX_QUERY_NODES = 10_000;

/**
 * The longest list each list argument and list input field accepts, checked before anything
 * runs. `test/request-limits.test.ts` fails when a list in the schema is missing here. The
 * services keep their own, sometimes tighter, rules with precise messages.
 */
export const MAX_LIST_ITEMS: Readonly<Record<string, number>> = {
  'Query.submissions.statuses': 20,
  'Query.organizations.levels': 10,
  'ApplyStaffingPrefillInput.names': 500,
  'BulkApproveInput.items': 200,
  'ReturnSubmissionInput.comments': 200,
  'SetRequiredPostsInput.posts': 40,
  'WhatIfRankingInput.weights': 50,
  'RemindBodiesInput.organizationIds': 500,
  'MarkNotificationsReadInput.ids': 100,
  'NotificationSettingsInput.emailOptOut': 20,
  'Query.reviewQueueEntries.statuses': 20,
  'ImportBatch.items.statuses': 10,
};
/** Longest String argument or input field (the longest the services accept is 5,000). */
export const MAX_STRING_LENGTH = 20_000;
/** Longest ID (ids are UUIDs). */
export const MAX_ID_LENGTH = 100;
/** Deepest JSON value accepted (a report is about 6 deep). */
const MAX_JSON_DEPTH = 32;
/** Any list not named in MAX_LIST_ITEMS (the test keeps this from happening). */
const DEFAULT_MAX_LIST_ITEMS = 100;

const http400 = { http: { status: 400 } };

function refusal(
  message: string,
  field: string,
  key: string,
  params: Record<string, string | number>,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', field, reason: key, params, ...http400 },
  });
}

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
            extensions: {
              code: 'BAD_USER_INPUT',
              field: 'query',
              reason: 'request.tooDeep',
              params: { depth, max },
            },
          }),
        );
    },
  });
}

/** Estimated cost of an operation (page sizes × fields, every alias counted). */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    maxQueryNodes: MAX_QUERY_NODES,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Refuses, before anything runs and with HTTP 400, operations whose estimated cost exceeds `max`
 * or that select more than MAX_QUERY_NODES fields.
 */
export function complexityLimit(max: number): ApolloServerPlugin {
  const checked = new CheckedOperations(MAX_ID_LENGTH);
  return {
    async requestDidStart() {
      return {
        didResolveOperation: (context) =>
          checked.check(context, () => {
            const { request, document, schema } = context;
            let cost: number;
            try {
              cost = estimateCost(
                schema,
                document,
                request.operationName ?? undefined,
                request.variables ?? {},
              );
            } catch (error) {
              if (
                error instanceof GraphQLError &&
                /maximum allowed number of nodes/.test(error.message)
              )
                throw refusal(
                  `query selects more than ${MAX_QUERY_NODES} fields (aliases included); ask for less`,
                  'query',
                  'request.tooManyFields',
                  { max: MAX_QUERY_NODES },
                );
              // variables the schema refuses (an Int over 32 bits, a string for a list): the
              // estimate coerces them first; the same refusal execution would give
              if (error instanceof GraphQLError)
                throw new GraphQLError(error.message, {
                  extensions: {
                    code: 'BAD_USER_INPUT',
                    field: 'variables',
                    reason: 'request.badVariable',
                    ...http400,
                  },
                });
              throw error;
            }
            if (cost > max)
              throw refusal(
                `query is too complex: cost ${cost}, at most ${max} allowed (fewer aliases, smaller pages)`,
                'query',
                'request.tooCostly',
                { cost, max },
              );
          }),
      };
    },
  };
}

type InputProblem = { field: string; message: string; key: string; max?: number };

/** Walks a raw input value along its GraphQL type, reporting the first value over a limit. */
function inspect(
  value: unknown,
  type: GraphQLInputType,
  field: string,
  coordinate: string,
): InputProblem | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return inspect(value, nullable.ofType, field, coordinate);
    const max = MAX_LIST_ITEMS[coordinate] ?? DEFAULT_MAX_LIST_ITEMS;
    if (value.length > max)
      return {
        field,
        message: `at most ${max} items (got ${value.length})`,
        key: 'request.listTooLong',
        max,
      };
    for (const [i, item] of value.entries()) {
      const problem = inspect(item, nullable.ofType, `${field}.${i}`, coordinate);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null; // graphql refuses it
    const fields = nullable.getFields();
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const definition = fields[name];
      if (!definition) continue; // graphql refuses it
      const problem = inspect(
        inner,
        definition.type,
        `${field}.${name}`,
        `${nullable.name}.${name}`,
      );
      if (problem) return problem;
    }
    return null;
  }
  if (isEnumType(nullable)) return null;
  if (isScalarType(nullable)) {
    if (nullable.name === 'String' || nullable.name === 'ID') {
      if (typeof value !== 'string') return null; // graphql refuses it
      const max = nullable.name === 'ID' ? MAX_ID_LENGTH : MAX_STRING_LENGTH;
      if (value.length > max)
        return {
          field,
          message: `at most ${max} characters (got ${value.length})`,
          key: 'request.textTooLong',
          max,
        };
      if (value.includes('\u0000'))
        return { field, message: 'contains a NUL character', key: 'request.badCharacter' };
      return null;
    }
    if (nullable.name === 'JSON') return inspectJson(value, field, 0);
  }
  return null;
}

/** JSON values: not too deep, no NUL in any string (PostgreSQL stores neither). */
function inspectJson(value: unknown, field: string, depth: number): InputProblem | null {
  if (depth > MAX_JSON_DEPTH)
    return {
      field,
      message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      key: 'request.tooDeepValue',
      max: MAX_JSON_DEPTH,
    };
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? { field, message: 'contains a NUL character', key: 'request.badCharacter' }
      : null;
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [key, inner] of entries) {
    if (key.includes('\u0000'))
      return { field, message: 'contains a NUL character', key: 'request.badCharacter' };
    const problem = inspectJson(inner, `${field}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** Every argument of the operation with its type and raw value (variables substituted). */
function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): InputProblem | null {
  const typeInfo = new TypeInfo(schema);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  let found: InputProblem | null = null;
  const visitor: ASTVisitor = {
    Argument(node) {
      if (found) return false;
      const argument = typeInfo.getArgument();
      const parent = typeInfo.getParentType();
      const fieldDef = typeInfo.getFieldDef();
      if (!argument || !parent || !fieldDef) return undefined;
      const raw =
        node.value.kind === Kind.VARIABLE
          ? variables[node.value.name.value]
          : valueFromASTUntyped(node.value, variables);
      found = inspect(
        raw,
        argument.type,
        argument.name,
        `${parent.name}.${fieldDef.name}.${argument.name}`,
      );
      return false;
    },
  };
  visit(operation, visitWithTypeInfo(typeInfo, visitor));
  for (const fragment of fragments.values()) {
    if (found) break;
    visit(fragment, visitWithTypeInfo(typeInfo, visitor));
  }
  return found;
}

/**
 * Refuses, before anything runs and with HTTP 400, arguments over their limits (list lengths,
 * string lengths, NUL characters, JSON depth), naming the argument: a 200,000-item list never
 * reaches a resolver or the database.
 */
export function inputLimits(): ApolloServerPlugin {
  const checked = new CheckedOperations(MAX_ID_LENGTH);
  return {
    async requestDidStart() {
      return {
        didResolveOperation: (context) =>
          checked.check(context, () => {
            const { request, document, operation, schema } = context;
            if (!operation) return;
            const problem = checkArguments(schema, document, operation, request.variables ?? {});
            if (problem)
              throw refusal(`${problem.field}: ${problem.message}`, problem.field, problem.key, {
                field: problem.field,
                ...(problem.max !== undefined ? { max: problem.max } : {}),
              });
          }),
      };
    },
  };
}

/** A domain error behind a GraphQL error, if any. */
function domainErrorOf(error: unknown): DomainError | null {
  const unwrapped = unwrapResolverError(error);
  const domain = domainErrorFromDatabase(unwrapped) ?? unwrapped;
  return domain instanceof DomainError ? domain : null;
}

/**
 * A request refused for its cost or its time (found while it ran, by the request budget) is
 * answered HTTP 400 like the refusals found before it runs, with the refusal and no data.
 */
export function refusalStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          const refused = (errors ?? []).some((error) => {
            const key = domainErrorOf(error)?.reason?.key;
            return key !== undefined && REQUEST_REFUSALS.has(key);
          });
          if (!refused) return;
          // A refused request has no answer, only the refusal (like one refused before it ran);
          // without `data`, Nest's plugin that resets execution errors to 200 leaves it alone.
          response.http.status = 400;
          if (response.body.kind === 'single') delete response.body.singleResult.data;
        },
      };
    },
  };
}
