import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { BureauHome } from '../../modules/submissions/components/BureauHome';
import { OverviewPage } from '../overview/OverviewPage';

/** A home per role: the bureau's rounds, the reviewer's and supervisor's overview; sign-in otherwise. */
export default function HomePage() {
  const { t } = useI18n();
  const { viewer, loading } = useViewer();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer) {
    return (
      <div className="page">
        <section className="landing card card-body">
          <h1>{t('landing.title')}</h1>
          <p>{t('landing.body')}</p>
          <p className="toolbar">
            <Link className="btn btn-primary" to="/signin">
              {t('auth.signIn')}
            </Link>
            <Link className="btn" to="/check">
              {t('nav.selfCheck')}
            </Link>
          </p>
        </section>
      </div>
    );
  }
  if (viewer.user.role === 'BUREAU') {
    return (
      <BureauHome
        organizationId={viewer.user.organizationId}
        organizationName={viewer.user.organization.name}
        headingLevel={1}
      />
    );
  }
  return <OverviewPage viewer={viewer} />;
}
