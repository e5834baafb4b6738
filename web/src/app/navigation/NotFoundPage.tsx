import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n';

/** The app's own page for an address it does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <div className="page status-page" data-testid="not-found">
      <section className="card card-body">
        <p className="status-code" aria-hidden="true">
          404
        </p>
        <h1>{t('shell.notFoundTitle')}</h1>
        <p>{t('shell.notFoundBody')}</p>
        <p className="muted status-path">{pathname}</p>
        <p className="toolbar">
          <Link className="btn btn-primary" to="/">
            {t('shell.home')}
          </Link>
          <Link className="btn" to="/check">
            {t('nav.selfCheck')}
          </Link>
        </p>
      </section>
    </div>
  );
}
