import { emptyReport, getCell, MAX_SECTION_CHARS, type AnnualReport } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { blockingProblems, createDraft, draftReducer, guessedCells } from './report-draft';

const base = () => createDraft(emptyReport('2021', 2023, { name: '某县科学技术局' }));

describe(draftReducer.name, () => {
  it('stores a parsed cell value and keeps the typed text', () => {
    const sut = draftReducer(base(), {
      type: 'cells',
      entries: [{ path: 'applications.newReceived.natural', raw: '２６' }],
    });
    expect(getCell(sut.report, 'applications.newReceived.natural')).toBe(26);
    expect(sut.raw['applications.newReceived.natural']).toBe('２６');
    expect(sut.inputs['applications.newReceived.natural']).toMatchObject({
      ok: true,
      notices: ['normalisedWidth'],
    });
    expect(sut.dirty).toBe(true);
  });

  it('shows the number read once the user leaves the cell, keeping the notice', () => {
    let sut = draftReducer(base(), {
      type: 'cells',
      entries: [{ path: 'applications.newReceived.natural', raw: '０１２' }],
    });
    sut = draftReducer(sut, { type: 'settle', path: 'applications.newReceived.natural' });
    expect(sut.raw['applications.newReceived.natural']).toBeUndefined();
    expect(getCell(sut.report, 'applications.newReceived.natural')).toBe(12);
    expect(sut.inputs['applications.newReceived.natural']).toMatchObject({ ok: true });
  });

  it('leaves a cell blank while its input is invalid and blocks sending', () => {
    let sut = draftReducer(base(), {
      type: 'cells',
      entries: [{ path: 'applications.newReceived.natural', raw: '26' }],
    });
    sut = draftReducer(sut, {
      type: 'cells',
      entries: [{ path: 'applications.newReceived.natural', raw: '26x' }],
    });
    expect(getCell(sut.report, 'applications.newReceived.natural')).toBeNull();
    expect(blockingProblems(sut)).toEqual([
      { kind: 'cell', path: 'applications.newReceived.natural', error: 'notANumber' },
    ]);
  });

  it('ignores paths the template does not have', () => {
    const sut = draftReducer(base(), {
      type: 'cells',
      entries: [{ path: 'applications.otherHandling.natural', raw: '1' }],
    });
    expect(getCell(sut.report, 'applications.otherHandling.natural')).toBeUndefined();
  });

  it('does not share table objects with the previous report', () => {
    const before = base();
    const after = draftReducer(before, {
      type: 'cells',
      entries: [{ path: 'article20.fees.amount', raw: '1.5' }],
    });
    expect(getCell(before.report, 'article20.fees.amount')).toBeNull();
    expect(getCell(after.report, 'article20.fees.amount')).toBe(1.5);
    expect(after.report.tables.applications).toBe(before.report.tables.applications);
  });

  it('blocks a section longer than the schema allows', () => {
    const sut = draftReducer(base(), {
      type: 'section',
      key: 'other',
      text: 'x'.repeat(MAX_SECTION_CHARS + 1),
    });
    expect(blockingProblems(sut)).toEqual([
      { kind: 'section', key: 'other', length: MAX_SECTION_CHARS + 1 },
    ]);
  });

  it('drops an emptied justification', () => {
    let sut = draftReducer(base(), { type: 'justify', key: 'a|b', text: '原因' });
    expect(sut.justifications).toEqual({ 'a|b': '原因' });
    sut = draftReducer(sut, { type: 'justify', key: 'a|b', text: '  ' });
    expect(sut.justifications).toEqual({});
  });

  it('highlights guessed cells until they are edited or confirmed', () => {
    const report: AnnualReport = {
      ...emptyReport('2021', 2023),
      provenance: {
        'applications.newReceived.total': { confidence: 0.6 },
        'applications.total.total': { confidence: 0.5 },
        'applications.granted.total': { confidence: 1 },
        title: { confidence: 0.2 },
      },
    };
    expect([...guessedCells(report)].sort()).toEqual([
      'applications.newReceived.total',
      'applications.total.total',
    ]);
    let sut = createDraft(report);
    sut = draftReducer(sut, {
      type: 'cells',
      entries: [{ path: 'applications.total.total', raw: '3' }],
    });
    expect([...sut.guessed]).toEqual(['applications.newReceived.total']);
    sut = draftReducer(sut, { type: 'confirm', paths: ['applications.newReceived.total'] });
    expect(sut.guessed.size).toBe(0);
  });
});
