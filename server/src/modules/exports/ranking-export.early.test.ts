import { startEarly } from './ranking-export.early';

/** A source that records when it starts and when its `finally` runs. */
function source(values: number[]): {
  rows: AsyncGenerator<number>;
  log: string[];
} {
  const log: string[] = [];
  async function* rows(): AsyncGenerator<number> {
    log.push('started');
    try {
      for (const value of values) {
        await Promise.resolve();
        yield value;
      }
    } finally {
      log.push('closed');
    }
  }
  return { rows: rows(), log };
}

describe(startEarly.name, () => {
  it('starts the source at once and hands over every row in order when asked', async () => {
    const { rows, log } = source([1, 2, 3]);
    const sut = startEarly(rows);
    expect(log).toEqual(['started']);
    const seen: number[] = [];
    for await (const value of sut.rows) seen.push(value);
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual(['started', 'closed']);
    await sut.close();
    expect(log).toEqual(['started', 'closed']);
  });

  it('ends a source whose rows were never asked for', async () => {
    const { rows, log } = source([1, 2, 3]);
    const sut = startEarly(rows);
    await sut.close();
    expect(log).toEqual(['started', 'closed']);
  });

  it('ends the source when the reader stops early', async () => {
    const { rows, log } = source([1, 2, 3]);
    const sut = startEarly(rows);
    const seen: number[] = [];
    for await (const value of sut.rows) {
      seen.push(value);
      break;
    }
    expect(seen).toEqual([1]);
    expect(log).toEqual(['started', 'closed']);
  });

  it('reports a failure of the first step to the reader', async () => {
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('statement failed')),
      }),
    };
    const sut = startEarly(failing);
    await expect(
      (async () => {
        for await (const value of sut.rows) void value;
      })(),
    ).rejects.toThrow('statement failed');
    await sut.close();
  });
});
