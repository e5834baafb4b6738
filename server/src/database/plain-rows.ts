/**
 * The rows a module hands other modules: plain objects of a table's columns under their property
 * names, read by a fixed statement — never an entity another module could save. `columns` lists
 * the table's columns with the properties they are read into (`server/test/lookups.test.ts`
 * holds each list to its entity's columns); a column `cast` is selected as `column::cast`.
 */
export type PlainColumn<T> = readonly [column: string, property: keyof T & string, cast?: string];

export type PlainRows<T> = {
  /** `SELECT <every column AS "property"> FROM <table> <alias>`, to append a WHERE to. */
  readonly select: string;
  /** The columns under `alias` as `alias_column`, for a hand-written join of another module. */
  columns(alias: string): string;
  /** The row read by `columns(alias)` in `row` (null when the join matched none). */
  fromRow(alias: string, row: Record<string, unknown>): T | null;
  readonly list: readonly PlainColumn<T>[];
};

export function plainRows<T>(
  table: string,
  alias: string,
  list: readonly PlainColumn<T>[],
): PlainRows<T> {
  const expression = (at: string, [column, , cast]: PlainColumn<T>) =>
    `${at}.${column}${cast ? `::${cast}` : ''}`;
  const aliased = new Map<string, string>();
  return {
    list,
    // eslint-disable-next-line gongkai/own-tables-only -- checked where `plainRows` is called
    select: `SELECT ${list.map((c) => `${expression(alias, c)} AS "${c[1]}"`).join(', ')} FROM ${table} ${alias}`,
    columns(at) {
      let text = aliased.get(at);
      if (text === undefined) {
        text = list.map((c) => `${expression(at, c)} AS "${at}_${c[0]}"`).join(', ');
        aliased.set(at, text);
      }
      return text;
    },
    fromRow(at, row) {
      if ((row[`${at}_id`] ?? null) === null) return null;
      const plain: Record<string, unknown> = {};
      for (const [column, property] of list) plain[property] = row[`${at}_${column}`];
      return plain as T;
    },
  };
}
