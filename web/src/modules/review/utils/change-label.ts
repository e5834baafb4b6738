import { cellLabel, sectionLabel } from '@gongkai/report-model';
import type { MessageKey } from '../../../app/i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
type Has = (key: string) => key is MessageKey;

/**
 * The reader's name of a changed or commented place of a report: a table cell by its row and
 * column, a section, a staffing field, or a named field — never the internal path.
 */
export function changeLabel(path: string, lang: 'zh' | 'en', t: T, has: Has): string {
  if (path.startsWith('sections.')) return sectionLabel(path.slice(9), lang);
  const parts = path.split('.');
  if (parts.length === 3 && !path.startsWith('facts.') && !path.startsWith('organization.'))
    return cellLabel(path, lang);
  const direct = `staffing.${parts[1] ?? ''}`;
  if (parts[0] === 'staffing' && has(direct)) return t(direct);
  const key = `review.field.${parts[0] ?? ''}`;
  if (has(key)) return t(key);
  return t('review.field.other');
}
