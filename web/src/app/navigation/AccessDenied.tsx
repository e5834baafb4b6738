import { Link } from 'react-router';
import { useI18n } from '../i18n';

/** What a user sees on a page their role may not use: why, and where to go instead. */
export function AccessDenied({ what, permission }: { what: string; permission: string }) {
  const { t } = useI18n();
  return (
    <div className="page status-page" data-testid="access-denied">
      <section className="card card-body">
        <h1>{t('access.deniedTitle')}</h1>
        <p title={permission}>{t('access.denied', { what })}</p>
        <p className="toolbar">
          <Link className="btn btn-primary" to="/">
            {t('shell.home')}
          </Link>
        </p>
      </section>
    </div>
  );
}
