import { getTemplate } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { gridLines, tableColumns } from './table-layout';

function table(template: '2019' | '2021' | 'legacy-fujian', id: string) {
  const found = getTemplate(template).tables.find((t) => t.id === id);
  if (!found) throw new Error(id);
  return found;
}

describe(gridLines.name, () => {
  it('puts each subtotal after the last row of its group and the computed Σ before （七）总计', () => {
    const sut = gridLines('2021', table('2021', 'applications')).map((l) =>
      l.kind === 'row' ? l.row : l.kind === 'subtotal' ? `Σ${l.group}` : 'Σ',
    );
    expect(
      sut.slice(sut.indexOf('deniedQueryMatters'), sut.indexOf('deniedQueryMatters') + 2),
    ).toEqual(['deniedQueryMatters', 'Σdenied']);
    expect(sut.indexOf('Σunavailable')).toBe(sut.indexOf('unavailableStillUnclear') + 1);
    expect(sut.indexOf('Σunprocessed')).toBe(sut.indexOf('unprocessedConfirmation') + 1);
    expect(sut.indexOf('Σother')).toBe(sut.indexOf('otherOther') + 1);
    expect(sut.indexOf('Σ')).toBe(sut.indexOf('total') - 1);
    expect(sut.filter((x) => !x.startsWith('Σ'))).toHaveLength(25);
  });

  it('adds no subtotal for the one-row （六） group of 2019', () => {
    const sut = gridLines('2019', table('2019', 'applications'));
    expect(sut.some((l) => l.kind === 'subtotal' && l.group === 'other')).toBe(false);
    expect(sut.filter((l) => l.kind === 'subtotal')).toHaveLength(3);
  });

  it('keeps only the printed rows of a legacy table', () => {
    const sut = gridLines('legacy-fujian', table('legacy-fujian', 'legacyStats'), [
      'proactiveTotal',
      'lawsuits',
    ]);
    expect(sut).toEqual([
      { kind: 'row', row: 'proactiveTotal' },
      { kind: 'row', row: 'lawsuits' },
    ]);
  });
});

describe(tableColumns.name, () => {
  it('lists the union of row columns in printed order', () => {
    expect(tableColumns(table('2021', 'article20'))).toEqual([
      'issued',
      'repealed',
      'inForce',
      'decisions',
      'amount',
    ]);
  });
});
