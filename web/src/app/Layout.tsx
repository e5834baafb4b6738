import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '../modules/auth/hooks/useSignIn';
import { useViewer } from '../modules/auth/hooks/useViewer';
import { type Locale, useI18n } from './i18n';

const PASSWORD_PATH = '/account/password';

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { viewer } = useViewer();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const role = viewer?.user.role;
  // A one-time password must be replaced before anything else (the server refuses the rest).
  const mustChange = !!viewer?.mustChangePassword && location.pathname !== PASSWORD_PATH;
  useEffect(() => {
    if (mustChange) void navigate(PASSWORD_PATH, { replace: true });
  }, [mustChange, navigate, location.pathname]);
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
        <nav aria-label={t('nav.main')}>
          <NavLink to="/" end>
            {role === 'BUREAU' ? t('nav.myReports') : viewer ? t('nav.overview') : t('nav.home')}
          </NavLink>
          {viewer && role !== 'BUREAU' && <NavLink to="/review">{t('nav.review')}</NavLink>}
          {viewer && role !== 'BUREAU' && <NavLink to="/ranking">{t('nav.ranking')}</NavLink>}
          {viewer && <NavLink to="/staffing">{t('nav.staffing')}</NavLink>}
          <NavLink to="/check">{t('nav.selfCheck')}</NavLink>
          {role === 'ADMIN' && <NavLink to="/admin/system">{t('nav.system')}</NavLink>}
          {role === 'ADMIN' && <NavLink to="/admin/accounts">{t('nav.accounts')}</NavLink>}
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
        {viewer ? (
          <div className="user-box">
            <span className="user-name" data-testid="user-name">
              {viewer.user.displayName} · {t(`role.${viewer.user.role}`)}
            </span>
            <NavLink to={PASSWORD_PATH} className="link-button">
              {t('nav.changePassword')}
            </NavLink>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                await signOut();
                navigate('/');
              }}
            >
              {t('auth.signOut')}
            </button>
          </div>
        ) : (
          <NavLink to="/signin">{t('auth.signIn')}</NavLink>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          {mustChange ? null : <Outlet />}
        </Suspense>
      </main>
    </>
  );
}
