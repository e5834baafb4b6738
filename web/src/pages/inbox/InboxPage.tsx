import { NavLink } from 'react-router';
import { useI18n } from '../../app/i18n';
import { InboxList } from '../../modules/notifications/components/InboxList';
import { Card } from '../../ui/Card';

export default function InboxPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <Card
        title={t('inbox.title')}
        headingLevel={1}
        actions={
          <NavLink to="/account/notifications" className="link-button">
            {t('inbox.settings')}
          </NavLink>
        }
      >
        <InboxList />
      </Card>
    </div>
  );
}
