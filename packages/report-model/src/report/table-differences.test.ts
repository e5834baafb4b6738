import { cellPaths, MONEY_CELLS } from '../templates/template-definitions';
import { getCell } from './empty-report';
import { generateConsistentReport } from '../testing/generate-report';
import { withCell } from '../testing/mutable';
import { tableDifferences } from './table-differences';

describe(tableDifferences.name, () => {
  const base = generateConsistentReport(7, '2021', 2025);

  it('finds nothing between a report and itself', () => {
    expect(tableDifferences('2021', base, base)).toEqual([]);
  });

  it('names each changed cell with both values, a blank against a number included', () => {
    const granted = base.tables.applications!.granted!.natural as number;
    const changed = withCell(
      withCell(base, 'applications.granted.natural', granted + 3),
      'reviewLitigation.review.total',
      null,
    );
    const sut = tableDifferences('2021', base, changed);
    expect(sut).toEqual([
      { path: 'applications.granted.natural', left: granted, right: granted + 3 },
      {
        path: 'reviewLitigation.review.total',
        left: base.tables.reviewLitigation!.review!.total,
        right: null,
      },
    ]);
  });

  it('treats money cells equal to four decimals', () => {
    const path = cellPaths('2021').find((p) => MONEY_CELLS.has(p)) ?? '';
    const fee = (getCell(base, path) ?? 0) + 1;
    const priced = withCell(base, path, fee);
    expect(tableDifferences('2021', priced, withCell(base, path, fee + 1e-6))).toEqual([]);
    expect(tableDifferences('2021', priced, withCell(base, path, fee + 0.01))).toHaveLength(1);
  });
});
