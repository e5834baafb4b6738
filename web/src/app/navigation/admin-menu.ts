import type { MessageKey } from '../i18n';

/**
 * The entries of the "系统管理" menu, in order. The menu shows those the viewer may open
 * (`page-access.ts`) and hides itself when none is left; add a page here and its line to the
 * access table.
 */
export const ADMIN_MENU: readonly { to: string; label: MessageKey }[] = [
  { to: '/admin/organizations', label: 'nav.organizations' },
  { to: '/admin/accounts', label: 'nav.accounts' },
  { to: '/admin/posts', label: 'nav.posts' },
  { to: '/admin/rounds', label: 'nav.rounds' },
  { to: '/admin/audit', label: 'nav.audit' },
  { to: '/admin/system', label: 'nav.system' },
];
