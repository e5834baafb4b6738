import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useI18n } from '../i18n';
import { NotFoundPage } from './NotFoundPage';

/**
 * Shown instead of a page that threw while loading or rendering (the router's `errorElement`):
 * a sentence, a retry that reloads the page (a new deployment's chunks included) and a way home.
 * The error itself goes to the console, never onto the screen.
 */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <div className="page status-page" data-testid="route-error">
      <section className="card card-body" role="alert">
        <h1>{t('shell.errorTitle')}</h1>
        <p>{t('shell.errorBody')}</p>
        <p className="toolbar">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => window.location.reload()}
          >
            {t('shell.retry')}
          </button>
          <Link className="btn" to="/" reloadDocument>
            {t('shell.home')}
          </Link>
        </p>
      </section>
    </div>
  );
}
