import { REVIEW_LITIGATION_PARTS, REVIEW_LITIGATION_ROWS } from '../templates/template-definitions';
import { rowLabel } from '../templates/cell-label';
import { term, type Identity } from './identity';

/** reviewLitigation.groupTotal: per row, upheld + corrected + other + pending = total. */
export function reviewLitigationIdentities(): Identity[] {
  return REVIEW_LITIGATION_ROWS.map((row) => ({
    rule: 'reviewLitigation.groupTotal',
    severity: 'error',
    relation: 'eq',
    actual: [term('reviewLitigation', row, 'total')],
    expected: REVIEW_LITIGATION_PARTS.map((column) => term('reviewLitigation', row, column)),
    actualLabel: {
      zh: `${rowLabel('reviewLitigation', row, 'zh')}·总计`,
      en: `${rowLabel('reviewLitigation', row, 'en')} · total`,
    },
    expectedLabel: {
      zh: '结果维持、结果纠正、其他结果、尚未审结之和',
      en: 'upheld + corrected + other + pending',
    },
  }));
}
