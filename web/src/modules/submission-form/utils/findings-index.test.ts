import type { Finding } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { controlId, findingKey, findingsByCell } from './findings-index';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'applications.rowTotal',
  severity: 'error',
  cells: [],
  message: '',
  messageEn: '',
  ...over,
});

describe(findingsByCell.name, () => {
  it('indexes findings by cell with the worst severity', () => {
    const sut = findingsByCell([
      finding({ severity: 'warning', rule: 'completeness.blankCells', cells: ['a.b.c', 'a.b.d'] }),
      finding({ severity: 'error', cells: ['a.b.c'] }),
      finding({ severity: 'info', rule: 'staffing.noTraining', cells: ['staffing.trainings'] }),
    ]);
    expect(sut.get('a.b.c')?.worst).toBe('error');
    expect(sut.get('a.b.c')?.findings).toHaveLength(2);
    expect(sut.get('a.b.d')?.worst).toBe('warning');
    expect(sut.get('staffing.trainings')?.worst).toBe('info');
  });
});

describe(findingKey.name, () => {
  it('uses the server format rule|cells', () => {
    expect(findingKey({ rule: 'applications.balance', cells: ['x', 'y'] })).toBe(
      'applications.balance|x,y',
    );
  });
});

describe(controlId.name, () => {
  it('makes a valid id from a cell path', () => {
    expect(controlId('applications.total.natural')).toBe('field-applications-total-natural');
  });
});
