import { emptyReport } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { describe, expect, it } from 'vitest';
import { changedCells } from './changed-cells';

type Tables = Record<string, Record<string, Record<string, number | null>>>;

describe(changedCells.name, () => {
  it('lists the cells whose value the new report filled or changed, not the blank ones', () => {
    const before = emptyReport('2021', 2025);
    const tables = structuredClone(before.tables) as Tables;
    tables.applications!.newReceived!.natural = 7;
    const after = { ...before, tables: tables as typeof before.tables };
    expect([...changedCells(before, after)]).toEqual(['applications.newReceived.natural']);
    expect(changedCells(after, after).size).toBe(0);
    expect(changedCells(after, before).size).toBe(0);
  });

  it('counts every filled cell as new when the template changed', () => {
    const after = generateConsistentReport(1, '2019', 2019);
    const sut = changedCells(emptyReport('2021', 2019), after);
    expect(sut.size).toBeGreaterThan(10);
  });
});
