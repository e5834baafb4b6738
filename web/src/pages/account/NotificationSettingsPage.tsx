import { useI18n } from '../../app/i18n';
import { NotificationSettingsForm } from '../../modules/notifications/components/NotificationSettingsForm';
import { Card } from '../../ui/Card';

export default function NotificationSettingsPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <Card title={t('notificationSettings.title')} headingLevel={1}>
        <NotificationSettingsForm />
      </Card>
    </div>
  );
}
