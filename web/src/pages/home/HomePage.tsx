import { SystemStatusCard } from '../../modules/system/components/SystemStatusCard';

export default function HomePage() {
  return (
    <div className="page-grid">
      <SystemStatusCard />
    </div>
  );
}
