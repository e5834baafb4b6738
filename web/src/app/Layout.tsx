import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { type Locale, useI18n } from './i18n';

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            公开
          </span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label="main">
          <NavLink to="/">{t('nav.home')}</NavLink>
          <NavLink to="/check">{t('nav.selfCheck')}</NavLink>
        </nav>
        <label className="locale">
          <span className="visually-hidden">{t('nav.language')}</span>
          <select
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            aria-label={t('nav.language')}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
