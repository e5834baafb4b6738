import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useI18n } from '../i18n';
import { ADMIN_MENU } from './admin-menu';
import { mayOpen } from './page-access';

/** The "系统管理" menu: the admin pages the viewer may open, or nothing when there are none. */
export function AdminMenu({ permissions }: { permissions: readonly string[] }) {
  const { t } = useI18n();
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (e: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) menu.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);
  const entries = ADMIN_MENU.filter((e) => mayOpen(e.to, { permissions }) === 'yes');
  if (entries.length === 0) return null;
  const here = entries.some((e) => pathname.startsWith(e.to));
  return (
    <details className="nav-menu" ref={menu}>
      <summary className={here ? 'active' : undefined}>{t('nav.admin')}</summary>
      <ul>
        {entries.map((e) => (
          <li key={e.to}>
            <NavLink to={e.to}>{t(e.label)}</NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}
