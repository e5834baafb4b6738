import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { badInput } from './domain-error';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${MAX_PAGE} (default ${DEFAULT_PAGE})`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item already seen' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export type Page = { limit: number; after: CursorKey | null };
export type CursorKey = { k: string; id: string };

export function pageOf(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw badInput('first', `must be between 1 and ${MAX_PAGE}`);
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as CursorKey).k === 'string' &&
      typeof (value as CursorKey).id === 'string'
    )
      return value as CursorKey;
  } catch {
    // fall through
  }
  throw badInput('after', 'not a cursor returned by this API');
}

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
};

/** Builds a connection from `limit + 1` rows fetched in key order. */
export function toConnection<T>(
  rows: T[],
  page: Page,
  key: (row: T) => CursorKey,
  totalCount: number,
): Connection<T> {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** A GraphQL connection type for a node type; complexity scales with the page size. */
export function connectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionType as Type<Connection<T>>;
}

/** Complexity of a paged field: page size × the cost of one item. */
export const pagedComplexity = ({
  args,
  childComplexity,
}: {
  args: { first?: number | null };
  childComplexity: number;
}): number => 1 + (args.first ?? DEFAULT_PAGE) * Math.max(childComplexity, 1);
