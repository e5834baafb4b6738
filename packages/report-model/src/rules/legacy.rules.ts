import {
  LEGACY_APPLICATION_CHANNEL_ROWS,
  LEGACY_COLUMNS,
  LEGACY_PROACTIVE_CHANNEL_ROWS,
  LEGACY_RESPONSE_ROWS,
  LEGACY_ROWS,
} from '../templates/template-definitions';
import { columnLabel, rowLabel } from '../templates/cell-label';
import { term, type Identity } from './identity';

function label(row: string, column: string) {
  return {
    zh: `${rowLabel('legacyStats', row, 'zh')}·${columnLabel('legacyStats', column, 'zh')}`,
    en: `${rowLabel('legacyStats', row, 'en')} · ${columnLabel('legacyStats', column, 'en')}`,
  };
}

/** Single-report identities of the pre-2019 statistics tables. Absent rows are left out of sums. */
export function legacyIdentities(): Identity[] {
  const identities: Identity[] = [];
  for (const row of LEGACY_ROWS) {
    identities.push({
      rule: 'legacy.cumulativeNotBelowYear',
      severity: 'error',
      relation: 'gte',
      actual: [term('legacyStats', row, 'cumulative')],
      expected: [term('legacyStats', row, 'year')],
      actualLabel: label(row, 'cumulative'),
      expectedLabel: { zh: '本年度数', en: "this year's figure" },
    });
  }
  for (const column of LEGACY_COLUMNS) {
    identities.push({
      rule: 'legacy.channelsSum',
      severity: 'error',
      relation: 'eq',
      actual: [term('legacyStats', 'applicationsTotal', column)],
      expected: LEGACY_APPLICATION_CHANNEL_ROWS.map((row) =>
        term('legacyStats', row, column, { optional: true }),
      ),
      actualLabel: label('applicationsTotal', column),
      expectedLabel: { zh: '各申请渠道之和', en: 'the sum of the application channels' },
    });
  }
  for (const column of LEGACY_COLUMNS) {
    identities.push({
      rule: 'legacy.responsesSum',
      severity: 'error',
      relation: 'eq',
      actual: [term('legacyStats', 'responsesTotal', column)],
      expected: LEGACY_RESPONSE_ROWS.map((row) =>
        term('legacyStats', row, column, { optional: true }),
      ),
      actualLabel: label('responsesTotal', column),
      expectedLabel: {
        zh: '同意公开、同意部分公开、不予公开、其他类型答复之和',
        en: 'granted + partial + denied + other responses',
      },
    });
  }
  for (const column of LEGACY_COLUMNS) {
    identities.push({
      rule: 'legacy.responsesNotAboveApplications',
      severity: 'warning',
      relation: 'lte',
      actual: [term('legacyStats', 'responsesTotal', column)],
      expected: [term('legacyStats', 'applicationsTotal', column)],
      actualLabel: label('responsesTotal', column),
      expectedLabel: label('applicationsTotal', column),
    });
  }
  for (const column of LEGACY_COLUMNS) {
    for (const row of LEGACY_PROACTIVE_CHANNEL_ROWS) {
      identities.push({
        rule: 'legacy.proactiveChannels',
        severity: 'info',
        relation: 'gte',
        actual: [term('legacyStats', 'proactiveTotal', column)],
        expected: [term('legacyStats', row, column)],
        actualLabel: label('proactiveTotal', column),
        expectedLabel: label(row, column),
      });
    }
  }
  return identities;
}

/** Cross-year identities of the statistics tables (previous report of a legacy template). */
export function legacyCrossYearIdentities(): Identity[] {
  const identities: Identity[] = [];
  for (const row of LEGACY_ROWS) {
    identities.push({
      rule: 'legacy.cumulativeRollForward',
      severity: 'warning',
      relation: 'eq',
      actual: [term('legacyStats', row, 'cumulative')],
      expected: [
        term('legacyStats', row, 'cumulative', { from: 'previous' }),
        term('legacyStats', row, 'year'),
      ],
      actualLabel: label(row, 'cumulative'),
      expectedLabel: { zh: '上年历年累计与本年度之和', en: 'previous cumulative + this year' },
    });
    identities.push({
      rule: 'legacy.cumulativeNotBelowYear',
      severity: 'error',
      relation: 'gte',
      actual: [term('legacyStats', row, 'cumulative')],
      expected: [term('legacyStats', row, 'cumulative', { from: 'previous' })],
      actualLabel: label(row, 'cumulative'),
      expectedLabel: { zh: '上一年度报告的历年累计', en: "the previous report's cumulative" },
    });
  }
  return identities;
}
