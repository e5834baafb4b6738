import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Connection, type Page, toConnection } from './pagination';

/** A row of a log: an instant it was written and its id (the tie-breaker). */
export type LoggedRow = ObjectLiteral & { createdAt: Date; id: string };

/**
 * One page of a log read newest first: counts what the query's filters match, then reads the
 * rows after the cursor by the keyset (`created_at`, `id`) of the query's main alias, fetching one
 * extra row to know whether a next page exists. The cursor is one of `CURSOR_BY_TIME`.
 */
export async function newestFirstPage<T extends LoggedRow>(
  qb: SelectQueryBuilder<T>,
  page: Page,
): Promise<Connection<T>> {
  const a = qb.alias;
  const totalCount = await qb.clone().getCount();
  if (page.after)
    qb.andWhere(`(${a}.created_at, ${a}.id) < (:k::timestamptz, :id::uuid)`, {
      k: page.after.k,
      id: page.after.id,
    });
  const rows = await qb
    .orderBy(`${a}.created_at`, 'DESC')
    .addOrderBy(`${a}.id`, 'DESC')
    .limit(page.limit + 1)
    .getMany();
  return toConnection(rows, page, (r) => ({ k: r.createdAt.toISOString(), id: r.id }), totalCount);
}
