import { LRUCache } from 'lru-cache';

/**
 * A map that forgets its least recently used entries: at most `maxEntries` of them, and, when
 * `weigh` is given, at most `maxWeight` in all (e.g. organizations in cached rankings). An entry
 * heavier than `maxWeight` on its own is still kept, alone, until the next one arrives.
 *
 * The cache is the `lru-cache` package; this class only keeps the server's options: a weight is
 * counted as at least 1 (the package weighs nothing at 0) and at most `maxWeight` (the package
 * would refuse a heavier entry instead of keeping it alone), and `keys()` go from the least to
 * the most recently used.
 */
export class LruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly cache: LRUCache<K, V>;

  constructor(options: {
    readonly maxEntries: number;
    readonly maxWeight?: number;
    readonly weigh?: (value: V) => number;
  }) {
    const { maxEntries, maxWeight, weigh } = options;
    this.cache =
      maxWeight !== undefined && weigh
        ? new LRUCache<K, V>({
            max: maxEntries,
            maxSize: maxWeight,
            sizeCalculation: (value) => Math.min(maxWeight, Math.max(1, Math.ceil(weigh(value)))),
          })
        : new LRUCache<K, V>({ max: maxEntries });
  }

  get size(): number {
    return this.cache.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    return this.cache.get(key);
  }

  /** The value, without counting as a use. */
  peek(key: K): V | undefined {
    return this.cache.peek(key);
  }

  /** Stores the value as the most recently used, then forgets the oldest beyond the limits. */
  set(key: K, value: V): void {
    this.cache.set(key, value);
  }

  delete(key: K): boolean {
    return this.cache.delete(key);
  }

  /** Keys from the least to the most recently used. */
  keys(): IterableIterator<K> {
    return this.cache.rkeys();
  }
}
