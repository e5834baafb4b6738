import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';
export type SortState = { key: string; direction: SortDirection } | null;

export type Column<T> = {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  sortable?: boolean;
  width?: number | string;
};

type Props<T> = {
  caption: string;
  /** Visually hide the caption (it stays available to screen readers). */
  hideCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  sort?: SortState;
  onSort?: (key: string) => void;
  empty?: ReactNode;
  selection?: {
    selected: ReadonlySet<string>;
    onToggle: (key: string) => void;
    onToggleAll: (select: boolean) => void;
    label: (row: T) => string;
    allLabel: string;
    /** Rows that can be selected (default: every row); the others show no checkbox. */
    selectable?: (row: T) => boolean;
  };
  rowClassName?: (row: T) => string | undefined;
  testId?: string;
};

/** A data table with sortable headers (aria-sort) and optional row selection. */
export function Table<T>({
  caption,
  hideCaption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  empty,
  selection,
  rowClassName,
  testId,
}: Props<T>) {
  const selectableRows = selection?.selectable ? rows.filter(selection.selectable) : rows;
  const allSelected =
    !!selection &&
    selectableRows.length > 0 &&
    selectableRows.every((r) => selection.selected.has(rowKey(r)));
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="col-select">
                <input
                  type="checkbox"
                  aria-label={selection.allLabel}
                  checked={allSelected}
                  onChange={(e) => selection.onToggleAll(e.target.checked)}
                />
              </th>
            )}
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  style={{ textAlign: c.align ?? 'left', width: c.width }}
                  aria-sort={
                    active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {c.sortable && onSort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
                      {c.header}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + (selection ? 1 : 0)} className="empty">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr key={key} className={rowClassName?.(row)}>
                {selection && (
                  <td className="col-select">
                    {(selection.selectable?.(row) ?? true) && (
                      <input
                        type="checkbox"
                        aria-label={selection.label(row)}
                        checked={selection.selected.has(key)}
                        onChange={() => selection.onToggle(key)}
                      />
                    )}
                  </td>
                )}
                {columns.map((c) => (
                  <td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
