import { RoundsAdmin } from '../../modules/rounds/components/RoundsAdmin';

export default function RoundsPage() {
  return <RoundsAdmin />;
}
