import { Navigate, Outlet, useLocation, useMatches } from 'react-router';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { useI18n } from '../i18n';
import { AccessDenied } from './AccessDenied';
import { isNotFoundRoute, pageAccess } from './page-access';
import { signInPathFor } from './safe-next';

/**
 * Guards every page that is not public (`page-access.ts`): a signed-out visitor goes to the
 * sign-in page, which brings them back here; a user whose role lacks the page's permission reads
 * why instead of the page.
 */
export function RouteGuard() {
  const { t } = useI18n();
  const { viewer, loading } = useViewer();
  const location = useLocation();
  const matches = useMatches();
  const access = pageAccess(location.pathname);
  if (access.kind === 'public' || matches.some((m) => isNotFoundRoute(m.handle))) return <Outlet />;
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer)
    return (
      <Navigate
        to={signInPathFor(`${location.pathname}${location.search}${location.hash}`)}
        replace
      />
    );
  if (access.kind === 'permission' && !viewer.permissions.includes(access.permission))
    return <AccessDenied what={t(access.what)} permission={access.permission} />;
  return <Outlet />;
}
