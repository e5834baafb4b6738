import { FrozenRowsStore } from '../../src/modules/scoring/frozen-rows.store';
import type { TestApp } from '../test-app';

/**
 * Makes the next freeze's row writer fail with "the disk is full" after `rows` rows, written in
 * batches of `batchSize` (the store's own size when not given; a freeze writing kept points
 * computes none and is not failed). Returns the spy.
 */
export function failNextFrozenWrite(sut: TestApp, rows: number, batchSize?: number) {
  const store = sut.app.get(FrozenRowsStore);
  const write = store.write.bind(store);
  return jest.spyOn(store, 'write').mockImplementationOnce((manager, target, source, onBatch) =>
    write(
      manager,
      target,
      source === null
        ? null
        : (async function* () {
            let n = 0;
            for await (const row of source) {
              if (n === rows) throw new Error('the disk is full');
              n += 1;
              yield row;
            }
          })(),
      onBatch,
      batchSize,
    ),
  );
}
