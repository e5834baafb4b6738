import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { ChangePasswordForm } from '../../modules/accounts/components/ChangePasswordForm';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { Card } from '../../ui/Card';

export default function PasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { viewer, loading } = useViewer();
  const [changed, setChanged] = useState(false);
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer) return <Navigate to="/signin?next=/account/password" replace />;
  return (
    <div className="signin-page">
      <Card title={t('password.title')} headingLevel={1}>
        {changed ? (
          <div role="status" data-testid="password-changed">
            <p>{t('password.changed')}</p>
            <button type="button" className="btn btn-primary" onClick={() => navigate('/')}>
              {t('password.continue')}
            </button>
          </div>
        ) : (
          <>
            {viewer.mustChangePassword && (
              <p className="notice" role="note" data-testid="must-change-notice">
                {t('password.mustChangeWhy')}
              </p>
            )}
            <ChangePasswordForm
              username={viewer.user.username}
              onChanged={() => setChanged(true)}
            />
          </>
        )}
      </Card>
    </div>
  );
}
