import { LruCache } from './lru-cache';

describe(LruCache.name, () => {
  it('forgets the least recently used entry beyond maxEntries; get counts as a use, peek not', () => {
    const sut = new LruCache<string, number>({ maxEntries: 2 });
    sut.set('a', 1);
    sut.set('b', 2);
    expect(sut.get('a')).toBe(1);
    expect(sut.peek('b')).toBe(2);
    sut.set('c', 3);
    expect([...sut.keys()]).toEqual(['a', 'c']);
    expect(sut.get('b')).toBeUndefined();
  });

  it('forgets the oldest until the weight fits, keeping an entry too heavy on its own', () => {
    const sut = new LruCache<string, number[]>({
      maxEntries: 10,
      maxWeight: 5,
      weigh: (list) => list.length,
    });
    sut.set('a', [1, 2]);
    sut.set('b', [1, 2]);
    sut.set('c', [1, 2]);
    expect([...sut.keys()]).toEqual(['b', 'c']);
    sut.set('huge', [1, 2, 3, 4, 5, 6]);
    expect([...sut.keys()]).toEqual(['huge']);
    sut.set('d', [1]);
    expect([...sut.keys()]).toEqual(['d']);
  });

  it('replaces a key in place of its old weight, and deletes', () => {
    const sut = new LruCache<string, number[]>({
      maxEntries: 10,
      maxWeight: 4,
      weigh: (l) => l.length,
    });
    sut.set('a', [1, 2]);
    sut.set('a', [1, 2, 3]);
    sut.set('b', [1]);
    expect([...sut.keys()]).toEqual(['a', 'b']);
    expect(sut.delete('a')).toBe(true);
    expect(sut.delete('a')).toBe(false);
    sut.set('c', [1, 2, 3]);
    expect([...sut.keys()]).toEqual(['b', 'c']);
    expect(sut.size).toBe(2);
  });
});
