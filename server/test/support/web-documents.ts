import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  typeFromAST,
} from 'graphql';
import { MAX_PAGE } from '../../src/common/pagination';
import { estimateCost } from '../../src/graphql/query-limits';

/**
 * Every operation of the web's GraphQL documents (`web/src/modules/<feature>/graphql/*.graphql`),
 * each as a document of its own with every fragment of the web (a fragment may live in another
 * feature's file).
 */
export function webOperations(): { name: string; operation: string; document: DocumentNode }[] {
  const modules = join(__dirname, '..', '..', '..', 'web', 'src', 'modules');
  const operations: { name: string; definition: OperationDefinitionNode }[] = [];
  const fragments: FragmentDefinitionNode[] = [];
  for (const feature of readdirSync(modules)) {
    const dir = join(modules, feature, 'graphql');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')))
      for (const definition of parse(readFileSync(join(dir, file), 'utf8')).definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.push(definition);
        else if (definition.kind === Kind.OPERATION_DEFINITION && definition.name)
          operations.push({ name: `${feature}/${file} ${definition.name.value}`, definition });
      }
  }
  return operations.map(({ name, definition }) => ({
    name,
    operation: definition.name!.value,
    document: { kind: Kind.DOCUMENT, definitions: [definition, ...fragments] },
  }));
}

/** One operation of the web's documents as the web sends it: the operation and the fragments it spreads. */
export function webOperation(name: string): string {
  const found = webOperations().find((o) => o.operation === name);
  if (!found) throw new Error(`no operation ${name} in the web's documents`);
  const [operation, ...fragments] = found.document.definitions;
  const byName = new Map(
    (fragments as FragmentDefinitionNode[]).map((fragment) => [fragment.name.value, fragment]),
  );
  const used = new Set<string>();
  const spreads = (text: string) => [...text.matchAll(/\.\.\.\s*(\w+)/g)].map((m) => m[1]!);
  const queue = spreads(print(operation!));
  while (queue.length > 0) {
    const next = queue.pop()!;
    const fragment = byName.get(next);
    if (!fragment || used.has(next)) continue;
    used.add(next);
    queue.push(...spreads(print(fragment)));
  }
  return [operation!, ...[...used].map((f) => byName.get(f)!)].map((d) => print(d)).join('\n\n');
}

/**
 * The most costly value a variable can take for the estimate: page sizes (`first`) at the
 * largest page the server accepts, one item in a list, any scalar otherwise.
 */
function largest(type: GraphQLInputType, name: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [largest(nullable.ofType as GraphQLInputType, name)];
  const named = getNamedType(nullable);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields()))
      if (isNonNullType(field.type) || field.name === 'first')
        value[field.name] = largest(field.type, field.name);
    return value;
  }
  if (named.name === 'Int') return name === 'first' ? MAX_PAGE : 1;
  if (named.name === 'Float') return 1;
  if (named.name === 'Boolean') return true;
  if (named.name === 'JSON' || named.name === 'JSONObject') return {};
  return 'x';
}

/** The operation's estimated cost with every variable at its most costly value. */
export function costOf(schema: GraphQLSchema, document: DocumentNode, operation: string): number {
  const def = document.definitions[0] as OperationDefinitionNode;
  const variables: Record<string, unknown> = {};
  for (const v of def.variableDefinitions ?? []) {
    const type = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
    if (type) variables[v.variable.name.value] = largest(type, v.variable.name.value);
  }
  return estimateCost(schema, document, operation, variables);
}
