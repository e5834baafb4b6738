import type { AnnualReport } from '../report/annual-report.types';
import { columnLabel, rowLabel } from '../templates/cell-label';
import type { Finding } from './finding.types';
import { formatNumber, term, type Identity } from './identity';

const DOCUMENT_ROWS = ['regulations', 'normativeDocuments'] as const;
const ITEM_ROWS_2019 = ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees'] as const;

function label(row: string, column: string) {
  return {
    zh: `${rowLabel('article20', row, 'zh')}·${columnLabel('article20', column, 'zh')}`,
    en: `${rowLabel('article20', row, 'en')} · ${columnLabel('article20', column, 'en')}`,
  };
}

/** article20.inForceRollForward (2021 after 2021): inForce = previous inForce + issued − repealed. */
export function inForceIdentities(): Identity[] {
  return DOCUMENT_ROWS.map((row) => ({
    rule: 'article20.inForceRollForward',
    severity: 'warning',
    relation: 'eq',
    actual: [term('article20', row, 'inForce')],
    expected: [
      term('article20', row, 'inForce', { from: 'previous' }),
      term('article20', row, 'issued'),
      term('article20', row, 'repealed', { sign: -1 }),
    ],
    actualLabel: label(row, 'inForce'),
    expectedLabel: {
      zh: '上年现行有效件数 + 本年制发 − 本年废止',
      en: 'previous in force + issued − repealed',
    },
  }));
}

/** article20.totalPublicRollForward (2019 after 2019): totalPublic = previous totalPublic + published. */
export function totalPublicIdentities(): Identity[] {
  return DOCUMENT_ROWS.map((row) => ({
    rule: 'article20.totalPublicRollForward',
    severity: 'warning',
    relation: 'eq',
    actual: [term('article20', row, 'totalPublic')],
    expected: [
      term('article20', row, 'totalPublic', { from: 'previous' }),
      term('article20', row, 'published'),
    ],
    actualLabel: label(row, 'totalPublic'),
    expectedLabel: {
      zh: '上年对外公开总数量 + 本年新公开数量',
      en: 'previous total public + published this year',
    },
  }));
}

/** article20.previousItemsRollForward (2019 after 2019): previousItems = previous previousItems + previous change. */
export function previousItemsIdentities(): Identity[] {
  return ITEM_ROWS_2019.map((row) => ({
    rule: 'article20.previousItemsRollForward',
    severity: 'warning',
    relation: 'eq',
    actual: [term('article20', row, 'previousItems')],
    expected: [
      term('article20', row, 'previousItems', { from: 'previous' }),
      term('article20', row, 'change', { from: 'previous' }),
    ],
    actualLabel: label(row, 'previousItems'),
    expectedLabel: {
      zh: '上年报告的上一年项目数量与本年增/减之和',
      en: "the previous report's items last year + change",
    },
  }));
}

function decimals(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return 20;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The largest plausible fee total in 万元 (10 亿元). */
export const MAX_FEES_WAN_YUAN = 100_000;

/** article20.feeUnit (2021): fees.amount in 万元 with more than 4 decimals or above 100,000. */
export function feeUnitFindings(report: AnnualReport): Finding[] {
  const value = report.tables.article20?.fees?.amount;
  if (value === undefined || value === null) return [];
  const tooPrecise = decimals(value) > 4;
  const tooLarge = value > MAX_FEES_WAN_YUAN;
  if (!tooPrecise && !tooLarge) return [];
  const v = formatNumber(value);
  return [
    {
      rule: 'article20.feeUnit',
      severity: 'warning',
      cells: ['article20.fees.amount'],
      actual: value,
      message: tooLarge
        ? `行政事业性收费金额为${v}万元（超过10亿元），请核对单位是否应为万元`
        : `行政事业性收费金额${v}万元的小数超过4位（不足1元），请核对单位是否应为万元`,
      messageEn: tooLarge
        ? `Fees of ${v} (10k yuan) exceed 1 billion yuan: check that the unit is 10k yuan`
        : `Fees of ${v} (10k yuan) have more than 4 decimals: check that the unit is 10k yuan`,
    },
  ];
}
