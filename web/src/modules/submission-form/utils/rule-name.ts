import { getRule, type Lang, type RuleId } from '@gongkai/report-model';
import type { MessageKey } from '../../../app/i18n';

type Translate = {
  t: (key: MessageKey) => string;
  has: (key: string) => key is MessageKey;
};

/** A rule's short name in the reader's language (`rule.name.<id>`), else its description. */
export function ruleName(rule: string, lang: Lang, { t, has }: Translate): string {
  const key = `rule.name.${rule}`;
  if (has(key)) return t(key);
  try {
    return getRule(rule as RuleId).description[lang];
  } catch {
    return t('field.other');
  }
}
