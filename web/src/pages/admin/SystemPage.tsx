import { SystemStatusCard } from '../../modules/system/components/SystemStatusCard';

export default function SystemPage() {
  return (
    <div className="page-grid">
      <SystemStatusCard headingLevel={1} />
    </div>
  );
}
