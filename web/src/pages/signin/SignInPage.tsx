import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { safeNextPath } from '../../app/navigation/safe-next';
import { SignInForm } from '../../modules/auth/components/SignInForm';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { Card } from '../../ui/Card';

export default function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { viewer } = useViewer();
  const wanted = params.get('next');
  const next = safeNextPath(wanted);
  // already signed in (another tab, the back button): go where the link meant to go
  if (viewer && wanted) return <Navigate to={next} replace />;
  return (
    <div className="signin-page">
      <Card title={t('auth.title')} headingLevel={1}>
        {wanted && next !== '/' && (
          <p className="muted" data-testid="signin-next">
            {t('auth.signInToContinue')}
          </p>
        )}
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
      </Card>
    </div>
  );
}
