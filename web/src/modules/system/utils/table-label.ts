import type { MessageKey } from '../../../app/i18n';

type Translate = {
  t: (key: MessageKey) => string;
  has: (key: string) => key is MessageKey;
};

/** A database table by its name for readers (`system.table.<name>`); the name itself only in a tooltip. */
export function tableLabel(name: string, { t, has }: Translate): string {
  const key = `system.table.${name}`;
  return has(key) ? t(key) : t('system.tableOther');
}
