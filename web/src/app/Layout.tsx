import { type ReactNode, Suspense, useEffect } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '../modules/auth/hooks/useSignIn';
import { useViewer } from '../modules/auth/hooks/useViewer';
import { NotificationBell } from '../modules/notifications/components/NotificationBell';
import { type Locale, useI18n } from './i18n';
import { AdminMenu } from './navigation/AdminMenu';
import { mayOpen } from './navigation/page-access';
import { RouteGuard } from './navigation/RouteGuard';

const PASSWORD_PATH = '/account/password';

/** The shell: top bar and the current page behind the route guard (or `children`, an error page). */
export function Layout({ children }: { children?: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { viewer } = useViewer();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const role = viewer?.user.role;
  const may = (path: string) => mayOpen(path, viewer) === 'yes';
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
          <span className="brand-tagline" title={t('app.tagline')}>
            {t('app.tagline')}
          </span>
        </div>
        <nav aria-label={t('nav.main')}>
          <NavLink to="/" end>
            {role === 'BUREAU' ? t('nav.myReports') : viewer ? t('nav.overview') : t('nav.home')}
          </NavLink>
          {viewer && may('/review') && <NavLink to="/review">{t('nav.review')}</NavLink>}
          {viewer && may('/ranking') && <NavLink to="/ranking">{t('nav.ranking')}</NavLink>}
          {viewer && may('/staffing') && <NavLink to="/staffing">{t('nav.staffing')}</NavLink>}
          {viewer && may('/import') && <NavLink to="/import">{t('nav.importBatch')}</NavLink>}
          <NavLink to="/check">{t('nav.selfCheck')}</NavLink>
          {viewer && <AdminMenu permissions={viewer.permissions} />}
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
            <NotificationBell />
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
          {mustChange ? null : (children ?? <RouteGuard />)}
        </Suspense>
      </main>
    </>
  );
}
