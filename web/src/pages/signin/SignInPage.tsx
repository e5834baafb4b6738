import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { SignInForm } from '../../modules/auth/components/SignInForm';
import { Card } from '../../ui/Card';

export default function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <div className="signin-page">
      <Card title={t('auth.title')} headingLevel={1}>
        <SignInForm onSignedIn={() => navigate(next && next.startsWith('/') ? next : '/')} />
      </Card>
    </div>
  );
}
