import type { Lang } from '@gongkai/report-model';

/** The report model's label language for an app locale. */
export function localeLang(locale: string): Lang {
  return locale.startsWith('zh') ? 'zh' : 'en';
}
