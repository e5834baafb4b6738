import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { badInput } from './domain-error';
import { isUuid } from './uuid';

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

/**
 * What a connection's cursors hold: `k` is the sort key, `id` the tie-breaker. Every connection
 * names its shape, so a tampered cursor is refused here, naming the argument, before any of it
 * reaches SQL (a bad timestamp or uuid would otherwise be a database error).
 */
export type CursorShape = {
  /** `text`: any short string without control characters; `timestamp`: an ISO instant. */
  readonly k: 'text' | 'timestamp';
  /** `uuid`: a row id; `position`: a 0-based index into a computed list. */
  readonly id: 'uuid' | 'position';
};

export const CURSOR_BY_TEXT: CursorShape = { k: 'text', id: 'uuid' };
export const CURSOR_BY_TIME: CursorShape = { k: 'timestamp', id: 'uuid' };
export const CURSOR_BY_POSITION: CursorShape = { k: 'text', id: 'position' };

/** Longest cursor this API hands out is well under 200 characters. */
export const MAX_CURSOR_LENGTH = 512;
const MAX_KEY_LENGTH = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const POSITION = /^\d{1,9}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Page size and decoded cursor of a connection's arguments. `field` is the argument's path in the
 * request (`after`, `input.after`), named in the error.
 */
export function pageOf(args: PageArgs, shape: CursorShape, field = 'after'): Page {
  const first = args.first ?? DEFAULT_PAGE;
  const firstField = field.replace(/after$/, 'first');
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
    throw badInput(firstField, `must be between 1 and ${MAX_PAGE}`, {
      key: 'request.pageSize',
      params: { field: firstField, max: MAX_PAGE },
    });
  return {
    limit: first,
    after:
      args.after === null || args.after === undefined
        ? null
        : decodeCursor(args.after, shape, field),
  };
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function parseCursor(cursor: string): unknown {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function keyFits(k: string, shape: CursorShape['k']): boolean {
  if (shape === 'timestamp') return ISO_INSTANT.test(k) && !Number.isNaN(Date.parse(k));
  return k.length <= MAX_KEY_LENGTH && !CONTROL.test(k);
}

function idFits(id: string, shape: CursorShape['id']): boolean {
  return shape === 'uuid' ? isUuid(id) : POSITION.test(id);
}

/** The one cursor decoder: a cursor this API handed out for this list, or BAD_USER_INPUT. */
export function decodeCursor(cursor: string, shape: CursorShape, field = 'after'): CursorKey {
  const value = parseCursor(cursor);
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    typeof (value as CursorKey).k === 'string' &&
    typeof (value as CursorKey).id === 'string' &&
    keyFits((value as CursorKey).k, shape.k) &&
    idFits((value as CursorKey).id, shape.id)
  )
    return { k: (value as CursorKey).k, id: (value as CursorKey).id };
  throw badInput(field, 'not a cursor returned by this API for this list', {
    key: 'request.badCursor',
    params: { field },
  });
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
