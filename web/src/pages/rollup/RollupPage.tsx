import { useParams } from 'react-router';
import { RollupView } from '../../modules/rollup/components/RollupView';

/** `/rollup/:organizationId?round=…`: a government's departments summed beside its own report. */
export default function RollupPage() {
  const { organizationId = '' } = useParams();
  return <RollupView key={organizationId} nodeId={organizationId} />;
}
