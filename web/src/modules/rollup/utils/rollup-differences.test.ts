import { generateConsistentReport, withCell } from '@gongkai/report-model/testing';
import { describe, expect, it } from 'vitest';
import { rollupDifferences } from './rollup-differences';

describe(rollupDifferences.name, () => {
  const sum = generateConsistentReport(3, '2021', 2025);

  it('keys the differing cells by path with both values', () => {
    const own = withCell(sum, 'applications.newReceived.natural', 999);
    const sut = rollupDifferences(sum, own);
    expect([...sut.keys()]).toEqual(['applications.newReceived.natural']);
    expect(sut.get('applications.newReceived.natural')).toMatchObject({ right: 999 });
  });

  it('is empty without an own report or with another template', () => {
    expect(rollupDifferences(sum, null).size).toBe(0);
    expect(rollupDifferences(sum, generateConsistentReport(3, '2019', 2019)).size).toBe(0);
  });
});
