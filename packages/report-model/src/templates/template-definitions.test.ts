import { cellLabel, columnLabel, rowLabel } from './cell-label';
import { ROW_LABELS } from './labels';
import {
  TEMPLATES,
  TEMPLATE_IDS,
  cellPaths,
  findCell,
  templatesForYear,
} from './template-definitions';

describe(cellPaths.name, () => {
  it.each([
    ['2021', 10 + 25 * 7 + 15],
    ['2019', 6 + 12 + 2 + 2 + 23 * 7 + 15],
    ['legacy-fujian', 40],
    ['legacy-2011', 40],
    ['narrative', 0],
  ] as const)('returns every cell of template %s (%i)', (template, count) => {
    expect(cellPaths(template)).toHaveLength(count);
    expect(new Set(cellPaths(template)).size).toBe(count);
  });

  it('returns cells in printed order, starting with article 20', () => {
    expect(cellPaths('2021').slice(0, 3)).toEqual([
      'article20.regulations.issued',
      'article20.regulations.repealed',
      'article20.regulations.inForce',
    ]);
    expect(cellPaths('2021')).toContain('applications.otherNoFee.total');
    expect(cellPaths('2021')).not.toContain('applications.otherHandling.total');
    expect(cellPaths('2019')).toContain('applications.otherHandling.total');
  });
});

describe(findCell.name, () => {
  it.each([
    ['2021', 'article20.fees.amount', 'money'],
    ['2019', 'article20.procurement.amount', 'money'],
    ['2019', 'article20.licensing.change', 'change'],
    ['legacy-fujian', 'legacyStats.feeWaiverYuan.cumulative', 'money'],
    ['2021', 'applications.total.natural', 'count'],
  ] as const)('returns the kind of %s %s as %s', (template, path, kind) => {
    expect(findCell(template, path)?.kind).toBe(kind);
  });

  it('returns undefined for a cell outside the template', () => {
    expect(findCell('2021', 'article20.fees.previousItems')).toBeUndefined();
  });
});

describe(cellLabel.name, () => {
  it.each(TEMPLATE_IDS)('returns Chinese and English labels for every cell of %s', (template) => {
    for (const cell of TEMPLATES[template].cells) {
      for (const lang of ['zh', 'en'] as const) {
        expect(rowLabel(cell.table, cell.row, lang)).not.toBe(cell.row);
        expect(columnLabel(cell.table, cell.column, lang)).not.toBe(cell.column);
        expect(cellLabel(cell.path, lang)).toContain(rowLabel(cell.table, cell.row, lang));
      }
    }
  });

  it('keeps the legacy wording variants as aliases', () => {
    expect(ROW_LABELS.legacyStats.responsesDenied.aliases).toContain('否决公开答复数');
  });
});

describe(templatesForYear.name, () => {
  it.each([
    [2016, ['legacy-fujian', 'legacy-2011', 'narrative']],
    [2019, ['2019']],
    [2020, ['2019']],
    [2021, ['2021']],
  ] as const)('returns the templates allowed for %i', (year, templates) => {
    expect(templatesForYear(year)).toEqual(templates);
  });
});
