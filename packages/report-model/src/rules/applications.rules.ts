import {
  APPLICANT_COLUMNS,
  APPLICATION_COLUMNS,
  applicationOutcomeRows,
} from '../templates/template-definitions';
import { columnLabel, rowLabel } from '../templates/cell-label';
import { term, type Identity } from './identity';

/** applications.balance, applications.rowTotal, applications.columnTotal for one template. */
export function applicationsIdentities(template: '2019' | '2021'): Identity[] {
  const identities: Identity[] = [];
  const outcomeRows = applicationOutcomeRows(template);
  for (const column of APPLICATION_COLUMNS) {
    const zh = columnLabel('applications', column, 'zh');
    const en = columnLabel('applications', column, 'en');
    identities.push({
      rule: 'applications.balance',
      severity: 'error',
      relation: 'eq',
      actual: [
        term('applications', 'total', column),
        term('applications', 'carriedForward', column),
      ],
      expected: [
        term('applications', 'newReceived', column),
        term('applications', 'carriedOver', column),
      ],
      actualLabel: {
        zh: `${zh}列“三（七）总计”与“四、结转下年度”之和`,
        en: `${en}: total handled + carried forward`,
      },
      expectedLabel: {
        zh: `“一、本年新收”与“二、上年结转”之和`,
        en: 'new received + carried over',
      },
    });
  }
  for (const row of ['newReceived', 'carriedOver', ...outcomeRows, 'total', 'carriedForward']) {
    identities.push({
      rule: 'applications.rowTotal',
      severity: 'error',
      relation: 'eq',
      actual: [term('applications', row, 'total')],
      expected: APPLICANT_COLUMNS.map((column) => term('applications', row, column)),
      actualLabel: {
        zh: `${rowLabel('applications', row, 'zh')}·总计`,
        en: `${rowLabel('applications', row, 'en')} · total`,
      },
      expectedLabel: { zh: '各申请人类型之和', en: 'the sum of the applicant columns' },
    });
  }
  for (const column of APPLICATION_COLUMNS) {
    identities.push({
      rule: 'applications.columnTotal',
      severity: 'error',
      relation: 'eq',
      actual: [term('applications', 'total', column)],
      expected: outcomeRows.map((row) => term('applications', row, column)),
      actualLabel: {
        zh: `（七）总计·${columnLabel('applications', column, 'zh')}`,
        en: `Total handled · ${columnLabel('applications', column, 'en')}`,
      },
      expectedLabel: { zh: '各办理结果之和', en: 'the sum of the outcomes' },
    });
  }
  return identities;
}

/** applications.carryOver: this year's carriedOver = previous carriedForward, per column. */
export function carryOverIdentities(): Identity[] {
  return APPLICATION_COLUMNS.map((column) => ({
    rule: 'applications.carryOver',
    severity: 'warning',
    relation: 'eq',
    actual: [term('applications', 'carriedOver', column)],
    expected: [term('applications', 'carriedForward', column, { from: 'previous' })],
    actualLabel: {
      zh: `二、上年结转·${columnLabel('applications', column, 'zh')}`,
      en: `Carried over · ${columnLabel('applications', column, 'en')}`,
    },
    expectedLabel: {
      zh: '上一年度报告的“结转下年度继续办理”',
      en: "the previous report's carried forward",
    },
  }));
}
