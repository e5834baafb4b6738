import { SystemStatusCard } from '../../modules/system/components/SystemStatusCard';
import { DeliveryLogCard } from '../../modules/notifications/components/DeliveryLogCard';

export default function SystemPage() {
  return (
    <div className="page-grid">
      <SystemStatusCard headingLevel={1} />
      <DeliveryLogCard />
    </div>
  );
}
