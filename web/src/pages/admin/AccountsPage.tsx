import { useI18n } from '../../app/i18n';
import { AccountsPanel } from '../../modules/accounts/components/AccountsPanel';
import { useViewer } from '../../modules/auth/hooks/useViewer';

export default function AccountsPage() {
  const { t } = useI18n();
  const { viewer, loading, can } = useViewer();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer || !can('user.manage')) return <p role="alert">{t('accounts.adminOnly')}</p>;
  return <AccountsPanel />;
}
