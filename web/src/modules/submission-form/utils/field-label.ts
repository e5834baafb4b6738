import { cellLabel, type Lang, sectionLabel } from '@gongkai/report-model';
import type { MessageKey } from '../../../app/i18n';

type Translate = {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  has: (key: string) => key is MessageKey;
};

/**
 * What a finding's cell or field is called in the reader's language: a table cell, a section,
 * a staffing fact or a part of the report (`sections`, `template`, `title`). A path nothing
 * names falls back to a generic word, never to the path itself.
 */
export function fieldLabel(path: string, lang: Lang, { t, has }: Translate): string {
  if (path.startsWith('sections.')) return sectionLabel(path.slice('sections.'.length), lang);
  if (path.split('.').length === 3) return cellLabel(path, lang);
  if (has(path) && path.startsWith('staffing.')) return t(path);
  const key = `field.${path}`;
  return has(key) ? t(key) : t('field.other');
}
