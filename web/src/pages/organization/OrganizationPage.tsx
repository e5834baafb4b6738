import { useParams } from 'react-router';
import { OrganizationOverview } from '../../modules/organizations/components/OrganizationOverview';

export default function OrganizationPage() {
  const { id = '' } = useParams();
  return <OrganizationOverview key={id} id={id} />;
}
