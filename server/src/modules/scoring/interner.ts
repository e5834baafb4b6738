/**
 * Hands out one instance of each distinct string, so that 120,000 rows repeating a region id, a
 * peer group, a deadline or a flag message share it instead of each holding a copy.
 */
export class Interner {
  private readonly strings = new Map<string, string>();

  get(value: string): string;
  get(value: string | null): string | null;
  get(value: string | null): string | null {
    if (value === null) return null;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /** `get` for strings; any other value as it is. */
  share<T>(value: T): T {
    return typeof value === 'string' ? (this.get(value) as T) : value;
  }
}
