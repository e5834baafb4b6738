/**
 * A map that forgets its least recently used entries: at most `maxEntries` of them, and, when
 * `weigh` is given, at most `maxWeight` in all (e.g. organizations in cached rankings). An entry
 * heavier than `maxWeight` on its own is still kept, alone, until the next one arrives.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private weight = 0;

  constructor(
    private readonly options: {
      readonly maxEntries: number;
      readonly maxWeight?: number;
      readonly weigh?: (value: V) => number;
    },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value, without counting as a use. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores the value as the most recently used, then forgets the oldest beyond the limits. */
  set(key: K, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.weight += this.weighOf(value);
    const maxWeight = this.options.maxWeight ?? Infinity;
    for (const [oldKey, oldValue] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.weight <= maxWeight) break;
      if (oldKey === key) break;
      this.entries.delete(oldKey);
      this.weight -= this.weighOf(oldValue);
    }
  }

  delete(key: K): boolean {
    const value = this.entries.get(key);
    if (value === undefined) return false;
    this.entries.delete(key);
    this.weight -= this.weighOf(value);
    return true;
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }

  private weighOf(value: V): number {
    return this.options.weigh ? this.options.weigh(value) : 0;
  }
}
