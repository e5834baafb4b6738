/**
 * Rows whose statement starts now: the first is asked for at once, so the database runs the
 * statement (and fetches its first batch) while the caller does something else, and the rows
 * are handed over when the caller comes to them. `close()` ends the reading (its cursor closed,
 * its connection given back) when the caller never came, or stopped early; it waits for the
 * statement under way.
 */
export type EarlyRows<T> = { readonly rows: AsyncIterable<T>; close(): Promise<void> };

export function startEarly<T>(source: AsyncIterable<T>): EarlyRows<T> {
  const iterator = source[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | null = iterator.next();
  // a failure is reported to whoever asks for the rows (or dropped with them by close())
  first.catch(() => undefined);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // an async generator runs `return` after the step under way, then its `finally` blocks
    await iterator.return?.().catch(() => undefined);
  };
  const rows: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        if (first) {
          const step = first;
          first = null;
          return step;
        }
        return iterator.next();
      },
      return: async (value?: unknown) => {
        await close();
        return { done: true, value: value as T };
      },
    }),
  };
  return { rows, close };
}
