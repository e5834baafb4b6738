import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isNonNullType,
} from 'graphql';
import type { TestApp } from '../../test-app';
import { allHandlers } from '../handlers';

/** Resolver classes of the collection, review, roll-up, audit, auth and system modules. */
export const COLLECTION_RESOLVERS = new Set([
  'AuthResolver',
  'OrganizationsResolver',
  'RoundsResolver',
  'SubmissionsResolver',
  'SubmissionStatsResolver',
  'ReviewResolver',
  'ReviewQueueResolver',
  'RollupResolver',
  'AuditResolver',
  'SystemResolver',
  'AccountsResolver',
  'NotificationsResolver',
  'ImportBatchesResolver',
]);

/** Every Query/Mutation handler of the app with its resolver class and declared permission. */
export function operationsByResolver(app: TestApp): {
  name: string;
  resolver: string;
  permission: string | undefined;
}[] {
  return allHandlers(app)
    .filter((h) => h.kind === 'Query' || h.kind === 'Mutation')
    .map((h) => ({ name: h.name, resolver: h.owner, permission: h.permission }));
}

/** A syntactically valid value for an input type (ids are random, so objects are never found). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (type instanceof GraphQLList) return [sample(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.value;
  if (type instanceof GraphQLInputObjectType)
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull)
        .map((f) => [f.name, sample(f.type)]),
    );
  if (type instanceof GraphQLScalarType) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }
  return null;
}

export function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const params = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = named instanceof GraphQLObjectType ? ' { __typename }' : '';
  const document = `${kind}${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  return { document, variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])) };
}
